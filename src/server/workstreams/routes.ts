import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { requireRole } from '../auth/plugin.js';
import { CreateWorkstreamBody, UpdateWorkstreamBody, WorkstreamView } from './schema.js';
import { createWorkstream, getWorkstream, listWorkstreams, updateWorkstream } from './manage-workstreams.js';
import { recordAudit } from '../audit/record-audit.js';
import { removeWorkstream, workstreamImpact } from './remove-workstream.js';
import { Impact, Removal } from '../lifecycle/impact.js';
import { changesBetween, settingsOf } from '../audit/changes.js';

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const tags = ['workstreams'];

export const workstreamRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { ctx } = app;
  app.get('/workstreams', { schema: { tags, response: { 200: Type.Object({ items: Type.Array(WorkstreamView) }) } } }, async (request) => {
    requireRole(request, 'admin', 'supervisor');
    return { items: await listWorkstreams(ctx.db) };
  });
  app.get('/workstreams/:id', { schema: { tags, params: IdParams, response: { 200: WorkstreamView } } }, async (request) => {
    requireRole(request, 'admin', 'supervisor');
    return getWorkstream(ctx.db, request.params.id);
  });
  app.post('/workstreams', { schema: { tags, body: CreateWorkstreamBody, response: { 201: WorkstreamView } } }, async (request, reply) => {
    const me = requireRole(request, 'admin');
    const workstream = await createWorkstream(ctx, request.body);
    await recordAudit(ctx.db, me, { verb: 'created', entityType: 'workstream', entityId: workstream.id, entityName: workstream.name, changes: settingsOf(request.body) });
    return reply.status(201).send(workstream);
  });
  app.patch('/workstreams/:id', { schema: { tags, params: IdParams, body: UpdateWorkstreamBody, response: { 200: WorkstreamView } } }, async (request) => {
    const me = requireRole(request, 'admin');
    const before = await getWorkstream(ctx.db, request.params.id);
    const after = await updateWorkstream(ctx, request.params.id, request.body);
    await recordAudit(ctx.db, me, { verb: 'updated', entityType: 'workstream', entityId: after.id, entityName: after.name, changes: changesBetween(before, after) });
    return after;
  });
  app.get(
    '/workstreams/:id/impact',
    { schema: { tags, params: IdParams, description: 'What removing the workstream would do: delete, archive (conversations name it) or refused, and what it affects.', response: { 200: Impact } } },
    async (request) => {
      requireRole(request, 'admin');
      return workstreamImpact(ctx.db, request.params.id);
    },
  );
  app.delete(
    '/workstreams/:id',
    { schema: { tags, params: IdParams, description: 'Deletes the workstream, or archives it when conversations name it; 409 while conversations in it are open. Its number is freed.', response: { 200: Removal } } },
    async (request) => {
      const me = requireRole(request, 'admin');
      const { outcome, name } = await removeWorkstream(ctx, request.params.id);
      await recordAudit(ctx.db, me, { verb: outcome, entityType: 'workstream', entityId: request.params.id, entityName: name });
      return { outcome };
    },
  );
};
