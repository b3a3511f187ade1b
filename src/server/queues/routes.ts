import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { requireRole, requireUser } from '../auth/plugin.js';
import { CreateQueueBody, ListQueuesQuery, QueueView, UpdateQueueBody } from './schema.js';
import { queueImpact, removeQueue } from './remove-queue.js';
import { Impact, Removal } from '../lifecycle/impact.js';
import { createQueue, getQueue, listQueues, updateQueue } from './manage-queues.js';
import { recordAudit } from '../audit/record-audit.js';
import { changesBetween, settingsOf } from '../audit/changes.js';

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const tags = ['queues'];

export const queueRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { ctx } = app;
  app.get('/queues', { schema: { tags, querystring: ListQueuesQuery, response: { 200: Type.Object({ items: Type.Array(QueueView) }) } } }, async (request) => {
    requireUser(request);
    return { items: await listQueues(ctx.db, undefined, { includeArchived: request.query.includeArchived }) };
  });
  app.get('/queues/:id', { schema: { tags, params: IdParams, response: { 200: QueueView } } }, async (request) => {
    requireUser(request);
    return getQueue(ctx.db, request.params.id);
  });
  app.post('/queues', { schema: { tags, body: CreateQueueBody, response: { 201: QueueView } } }, async (request, reply) => {
    const me = requireRole(request, 'admin');
    const queue = await createQueue(ctx, request.body);
    await recordAudit(ctx.db, me, { verb: 'created', entityType: 'queue', entityId: queue.id, entityName: queue.name, changes: settingsOf(request.body) });
    return reply.status(201).send(queue);
  });
  app.patch('/queues/:id', { schema: { tags, params: IdParams, body: UpdateQueueBody, response: { 200: QueueView } } }, async (request) => {
    const me = requireRole(request, 'admin');
    const before = await getQueue(ctx.db, request.params.id);
    const after = await updateQueue(ctx, request.params.id, request.body);
    await recordAudit(ctx.db, me, { verb: 'updated', entityType: 'queue', entityId: after.id, entityName: after.name, changes: changesBetween(before, after) });
    return after;
  });
  app.get(
    '/queues/:id/impact',
    { schema: { tags, params: IdParams, description: 'What removing the queue would do: delete, archive (conversations name it) or refused, and what it affects.', response: { 200: Impact } } },
    async (request) => {
      requireRole(request, 'admin');
      return queueImpact(ctx.db, request.params.id);
    },
  );
  app.delete(
    '/queues/:id',
    { schema: { tags, params: IdParams, description: 'Deletes the queue, or archives it when conversations name it; 409 with the reason while anything still sends work to it.', response: { 200: Removal } } },
    async (request) => {
      const me = requireRole(request, 'admin');
      const { outcome, name } = await removeQueue(ctx, request.params.id);
      await recordAudit(ctx.db, me, { verb: outcome, entityType: 'queue', entityId: request.params.id, entityName: name });
      return { outcome };
    },
  );
};
