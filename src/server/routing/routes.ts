import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { requireRole, requireUser } from '../auth/plugin.js';
import { ConversationView } from '../conversations/schema.js';
import {
  CapacityProfileBody, CapacityProfileView, DiagnosticsView, OfferView, RouteRuleBody, RouteRuleView, RoutingTestBody,
  RulesetBody, RulesetView, TransferBody, UpdateRouteRuleBody, UpdateRulesetBody, ConsultBody, ParticipantView,
} from './schema.js';
import { createRouteRule, createRuleset, deleteRouteRule, deleteRuleset, listRouteRules, listRulesets, updateRouteRule, updateRuleset } from './manage-rules.js';
import { acceptOffer, listOffersFor, rejectOffer } from './offers.js';
import { transferConversation } from './transfer.js';
import { routingDiagnostics } from './diagnostics.js';
import { testRouting } from './test-rules.js';
import { capacityProfileImpact, createCapacityProfile, listCapacityProfiles, removeCapacityProfile } from './capacity-profiles.js';
import { Impact, Removal } from '../lifecycle/impact.js';
import { addParticipant, consultAgent, listParticipants, removeParticipant } from './consult.js';
import { recordAudit } from '../audit/record-audit.js';
import { changesBetween, settingsOf } from '../audit/changes.js';

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const RuleParams = Type.Object({ id: Type.String({ format: 'uuid' }), ruleId: Type.String({ format: 'uuid' }) });
const ParticipantParams = Type.Object({ id: Type.String({ format: 'uuid' }), userId: Type.String({ format: 'uuid' }) });
const Participants = Type.Object({ items: Type.Array(ParticipantView) });
const RulesetParams = Type.Object({ id: Type.String({ format: 'uuid' }), rulesetId: Type.String({ format: 'uuid' }) });
const tags = ['routing'];

/** Routing rules, offers, transfer and diagnostics. */
export const routingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { ctx } = app;

  // Route-to-queue rules
  app.get('/workstreams/:id/routing-rules', { schema: { tags, params: IdParams, response: { 200: Type.Object({ items: Type.Array(RouteRuleView) }) } } }, async (request) => {
    requireRole(request, 'admin', 'supervisor');
    return { items: await listRouteRules(ctx.db, request.params.id) };
  });
  app.post('/workstreams/:id/routing-rules', { schema: { tags, params: IdParams, body: RouteRuleBody, response: { 201: RouteRuleView } } }, async (request, reply) => {
    const me = requireRole(request, 'admin');
    const rule = await createRouteRule(ctx, request.params.id, request.body);
    await recordAudit(ctx.db, me, { verb: 'created', entityType: 'routing-rule', entityId: rule.id, entityName: rule.name, changes: settingsOf(request.body) });
    return reply.status(201).send(rule);
  });
  app.patch('/workstreams/:id/routing-rules/:ruleId', { schema: { tags, params: RuleParams, body: UpdateRouteRuleBody, response: { 200: RouteRuleView } } }, async (request) => {
    const me = requireRole(request, 'admin');
    const before = (await listRouteRules(ctx.db, request.params.id)).find((r) => r.id === request.params.ruleId);
    const after = await updateRouteRule(ctx, request.params.id, request.params.ruleId, request.body);
    await recordAudit(ctx.db, me, { verb: 'updated', entityType: 'routing-rule', entityId: after.id, entityName: after.name, changes: changesBetween(before ?? {}, after) });
    return after;
  });
  app.delete('/workstreams/:id/routing-rules/:ruleId', { schema: { tags, params: RuleParams, response: { 204: Type.Null() } } }, async (request, reply) => {
    const me = requireRole(request, 'admin');
    const rule = (await listRouteRules(ctx.db, request.params.id)).find((r) => r.id === request.params.ruleId);
    await deleteRouteRule(ctx, request.params.id, request.params.ruleId);
    await recordAudit(ctx.db, me, { verb: 'deleted', entityType: 'routing-rule', entityId: request.params.ruleId, entityName: rule?.name ?? null });
    return reply.status(204).send(null);
  });

  // Work classification rulesets
  app.get('/workstreams/:id/classification-rulesets', { schema: { tags, params: IdParams, response: { 200: Type.Object({ items: Type.Array(RulesetView) }) } } }, async (request) => {
    requireRole(request, 'admin', 'supervisor');
    return { items: await listRulesets(ctx.db, request.params.id) };
  });
  app.post('/workstreams/:id/classification-rulesets', { schema: { tags, params: IdParams, body: RulesetBody, response: { 201: RulesetView } } }, async (request, reply) => {
    const me = requireRole(request, 'admin');
    const ruleset = await createRuleset(ctx, request.params.id, request.body);
    await recordAudit(ctx.db, me, { verb: 'created', entityType: 'classification-ruleset', entityId: ruleset.id, entityName: ruleset.name, changes: settingsOf(request.body) });
    return reply.status(201).send(ruleset);
  });
  app.patch('/workstreams/:id/classification-rulesets/:rulesetId', { schema: { tags, params: RulesetParams, body: UpdateRulesetBody, response: { 200: RulesetView } } }, async (request) => {
    const me = requireRole(request, 'admin');
    const before = (await listRulesets(ctx.db, request.params.id)).find((r) => r.id === request.params.rulesetId);
    const after = await updateRuleset(ctx, request.params.id, request.params.rulesetId, request.body);
    await recordAudit(ctx.db, me, { verb: 'updated', entityType: 'classification-ruleset', entityId: after.id, entityName: after.name, changes: changesBetween(before ?? {}, after) });
    return after;
  });
  app.delete('/workstreams/:id/classification-rulesets/:rulesetId', { schema: { tags, params: RulesetParams, response: { 204: Type.Null() } } }, async (request, reply) => {
    const me = requireRole(request, 'admin');
    const ruleset = (await listRulesets(ctx.db, request.params.id)).find((r) => r.id === request.params.rulesetId);
    await deleteRuleset(ctx, request.params.id, request.params.rulesetId);
    await recordAudit(ctx.db, me, { verb: 'deleted', entityType: 'classification-ruleset', entityId: request.params.rulesetId, entityName: ruleset?.name ?? null });
    return reply.status(204).send(null);
  });

  app.post(
    '/workstreams/:id/routing/test',
    { schema: { tags, params: IdParams, body: RoutingTestBody, description: 'Runs a sample conversation through the classification and route-to-queue rules; changes nothing.', response: { 200: Type.Record(Type.String(), Type.Unknown()) } } },
    async (request) => {
      requireRole(request, 'admin', 'supervisor');
      return testRouting(ctx, request.params.id, request.body);
    },
  );

  // Capacity profiles
  app.get('/capacity-profiles', { schema: { tags, response: { 200: Type.Object({ items: Type.Array(CapacityProfileView) }) } } }, async (request) => {
    requireRole(request, 'admin', 'supervisor');
    return { items: await listCapacityProfiles(ctx.db) };
  });
  app.post('/capacity-profiles', { schema: { tags, body: CapacityProfileBody, response: { 201: CapacityProfileView } } }, async (request, reply) => {
    const me = requireRole(request, 'admin');
    const profile = await createCapacityProfile(ctx.db, request.body);
    await recordAudit(ctx.db, me, { verb: 'created', entityType: 'capacity-profile', entityId: profile.id, entityName: profile.name, changes: settingsOf(request.body) });
    return reply.status(201).send(profile);
  });
  app.get(
    '/capacity-profiles/:id/impact',
    { schema: { tags, params: IdParams, description: 'What deleting the profile would do: refused while a workstream uses it; the agents whose own limit of it goes.', response: { 200: Impact } } },
    async (request) => {
      requireRole(request, 'admin');
      return capacityProfileImpact(ctx.db, request.params.id);
    },
  );
  app.delete(
    '/capacity-profiles/:id',
    { schema: { tags, params: IdParams, description: 'Deletes the profile and the agents\' limits of it; 409 PROFILE_IN_USE while a workstream uses it.', response: { 200: Removal } } },
    async (request) => {
      const me = requireRole(request, 'admin');
      const { outcome, name } = await removeCapacityProfile(ctx.db, request.params.id);
      await recordAudit(ctx.db, me, { verb: outcome, entityType: 'capacity-profile', entityId: request.params.id, entityName: name });
      return { outcome };
    },
  );

  // Offers, transfer, diagnostics
  app.get('/me/offers', { schema: { tags, description: 'Offers waiting for the caller (push mode), with the conversation and the seconds left.', response: { 200: Type.Object({ items: Type.Array(OfferView) }) } } }, async (request) => {
    const me = requireUser(request);
    return { items: await listOffersFor(ctx, me.id) };
  });
  app.post('/conversations/:id/accept', { schema: { tags, params: IdParams, description: 'Accept the pending offer: the conversation becomes Active for the caller. 409 NO_PENDING_OFFER or OFFER_EXPIRED otherwise.', response: { 200: ConversationView } } }, async (request) =>
    acceptOffer(ctx, requireUser(request), request.params.id),
  );
  app.post('/conversations/:id/reject', { schema: { tags, params: IdParams, description: 'Reject the pending offer: it goes to the next eligible agent.', response: { 200: ConversationView } } }, async (request) =>
    rejectOffer(ctx, requireUser(request), request.params.id),
  );
  app.post('/conversations/:id/transfer', { schema: { tags, params: IdParams, body: TransferBody, description: 'Transfer to a queue ({queueId}: routed again there) or to an agent ({agentId}: offered in push mode, assigned in pick mode, within their capacity).', response: { 200: ConversationView } } }, async (request) =>
    transferConversation(ctx, requireUser(request), request.params.id, request.body),
  );
  // Consult: another agent sees the conversation read-only until added as a participant.
  app.get('/conversations/:id/participants', { schema: { tags, params: IdParams, response: { 200: Participants } } }, async (request) => ({
    items: await listParticipants(ctx, requireUser(request), request.params.id),
  }));
  app.post('/conversations/:id/consult', { schema: { tags, params: IdParams, body: ConsultBody, description: 'Invite an agent to consult: they see the conversation read-only until added.', response: { 200: Participants } } }, async (request) => ({
    items: await consultAgent(ctx, requireUser(request), request.params.id, request.body.agentId),
  }));
  app.post('/conversations/:id/participants/:userId', { schema: { tags, params: ParticipantParams, description: 'Add a consulted agent as a participant: they may write.', response: { 200: Participants } } }, async (request) => ({
    items: await addParticipant(ctx, requireUser(request), request.params.id, request.params.userId),
  }));
  app.delete('/conversations/:id/participants/:userId', { schema: { tags, params: ParticipantParams, response: { 200: Participants } } }, async (request) => ({
    items: await removeParticipant(ctx, requireUser(request), request.params.id, request.params.userId),
  }));
  app.get('/conversations/:id/diagnostics', { schema: { tags, params: IdParams, description: 'Why the conversation went where it did: rules matched with the values seen, the queue, the agents considered and why.', response: { 200: DiagnosticsView } } }, async (request) =>
    routingDiagnostics(ctx, requireUser(request), request.params.id),
  );
};
