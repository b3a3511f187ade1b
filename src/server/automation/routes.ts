import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { requireRole } from '../auth/plugin.js';
import { recordAudit } from '../audit/record-audit.js';
import { changesBetween } from '../audit/changes.js';
import { CATALOGUE, TRIGGERS } from './catalogue.js';
import { BehaviorsView, CatalogueView, UpdateBehaviorsBody } from './schema.js';
import { getBehaviors, updateBehaviors } from './settings.js';

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const tags = ['behaviors'];

/** A workstream's behaviors: automated messages, post-conversation survey, bot and auto-close. */
export const behaviorRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { ctx } = app;
  app.get('/automation/triggers', { schema: { tags, summary: 'The automated-message catalogue with default texts (en, ko, es)', response: { 200: CatalogueView } } }, async (request) => {
    requireRole(request, 'admin', 'supervisor');
    return { items: TRIGGERS.map((t) => CATALOGUE[t]) };
  });
  app.get('/workstreams/:id/behaviors', { schema: { tags, params: IdParams, response: { 200: BehaviorsView } } }, async (request) => {
    requireRole(request, 'admin', 'supervisor');
    return getBehaviors(ctx.db, request.params.id);
  });
  app.put('/workstreams/:id/behaviors', { schema: { tags, summary: 'Change some sections; the others keep their values', params: IdParams, body: UpdateBehaviorsBody, response: { 200: BehaviorsView } } }, async (request) => {
    const me = requireRole(request, 'admin');
    const before = await getBehaviors(ctx.db, request.params.id);
    const after = await updateBehaviors(ctx, request.params.id, request.body);
    const name = (await ctx.db.selectFrom('workstreams').select('name').where('id', '=', after.workstreamId).executeTakeFirst())?.name ?? null;
    await recordAudit(ctx.db, me, { verb: 'updated', entityType: 'workstream-behaviors', entityId: after.workstreamId, entityName: name, changes: changesBetween(before, after) });
    return after;
  });
};
