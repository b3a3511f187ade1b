import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { requireRole } from '../auth/plugin.js';
import { CreateWorkstreamBody, UpdateWorkstreamBody, WorkstreamView } from './schema.js';
import { createWorkstream, getWorkstream, listWorkstreams, updateWorkstream } from './manage-workstreams.js';
import { recordAudit } from '../audit/record-audit.js';
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
};
