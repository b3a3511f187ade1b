import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { requireRole, requireUser } from '../auth/plugin.js';
import { CreateQueueBody, QueueView, UpdateQueueBody } from './schema.js';
import { createQueue, getQueue, listQueues, updateQueue } from './manage-queues.js';

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const tags = ['queues'];

export const queueRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { ctx } = app;
  app.get('/queues', { schema: { tags, response: { 200: Type.Object({ items: Type.Array(QueueView) }) } } }, async (request) => {
    requireUser(request);
    return { items: await listQueues(ctx.db) };
  });
  app.get('/queues/:id', { schema: { tags, params: IdParams, response: { 200: QueueView } } }, async (request) => {
    requireUser(request);
    return getQueue(ctx.db, request.params.id);
  });
  app.post('/queues', { schema: { tags, body: CreateQueueBody, response: { 201: QueueView } } }, async (request, reply) => {
    requireRole(request, 'admin');
    return reply.status(201).send(await createQueue(ctx, request.body));
  });
  app.patch('/queues/:id', { schema: { tags, params: IdParams, body: UpdateQueueBody, response: { 200: QueueView } } }, async (request) => {
    requireRole(request, 'admin');
    return updateQueue(ctx, request.params.id, request.body);
  });
};
