import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { requireRole } from '../auth/plugin.js';
import { CreateWorkstreamBody, UpdateWorkstreamBody, WorkstreamView } from './schema.js';
import { createWorkstream, getWorkstream, listWorkstreams, updateWorkstream } from './manage-workstreams.js';

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
    requireRole(request, 'admin');
    return reply.status(201).send(await createWorkstream(ctx, request.body));
  });
  app.patch('/workstreams/:id', { schema: { tags, params: IdParams, body: UpdateWorkstreamBody, response: { 200: WorkstreamView } } }, async (request) => {
    requireRole(request, 'admin');
    return updateWorkstream(ctx, request.params.id, request.body);
  });
};
