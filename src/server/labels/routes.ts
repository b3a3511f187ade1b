import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { requireRole, requireUser } from '../auth/plugin.js';
import { AddConversationLabelBody, CreateLabelBody, LabelView, UpdateLabelBody } from './schema.js';
import { createLabel, deleteLabel, listLabels, setConversationLabel, updateLabel } from './manage-labels.js';

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const ConversationLabelParams = Type.Object({ id: Type.String({ format: 'uuid' }), labelId: Type.String({ format: 'uuid' }) });
const tags = ['labels'];

/** The label catalogue (admins keep it) and the labels on a conversation (anyone who sees it). */
export const labelRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { ctx } = app;
  app.get('/labels', { schema: { tags, description: 'The labels agents can put on conversations.', response: { 200: Type.Object({ items: Type.Array(LabelView) }) } } }, async (request) => {
    requireUser(request);
    return { items: await listLabels(ctx.db) };
  });
  app.post('/labels', { schema: { tags, body: CreateLabelBody, response: { 201: LabelView } } }, async (request, reply) =>
    reply.status(201).send(await createLabel(ctx, requireRole(request, 'admin'), request.body)),
  );
  app.patch('/labels/:id', { schema: { tags, params: IdParams, body: UpdateLabelBody, response: { 200: LabelView } } }, async (request) =>
    updateLabel(ctx, requireRole(request, 'admin'), request.params.id, request.body),
  );
  app.delete('/labels/:id', { schema: { tags, params: IdParams, description: 'Deletes the label and takes it off every conversation.' } }, async (request, reply) => {
    await deleteLabel(ctx, requireRole(request, 'admin'), request.params.id);
    return reply.status(204).send();
  });
  app.post('/conversations/:id/labels', { schema: { tags, params: IdParams, body: AddConversationLabelBody, description: 'Puts a label on the conversation (again: no change).' } }, async (request, reply) => {
    await setConversationLabel(ctx, requireUser(request), request.params.id, request.body.labelId, true);
    return reply.status(204).send();
  });
  app.delete('/conversations/:id/labels/:labelId', { schema: { tags, params: ConversationLabelParams, description: 'Takes a label off the conversation.' } }, async (request, reply) => {
    await setConversationLabel(ctx, requireUser(request), request.params.id, request.params.labelId, false);
    return reply.status(204).send();
  });
};
