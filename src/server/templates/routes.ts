import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { requireRole, requireUser } from '../auth/plugin.js';
import { NotFoundError } from '../http/errors.js';
import { CreateTemplateBody, TemplateView, UpdateTemplateBody } from './schema.js';
import { listTemplates, loadTemplate } from './store.js';
import { createTemplate, deleteTemplate, updateTemplate } from './manage-templates.js';

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const tags = ['templates'];

export const templateRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { ctx } = app;
  app.get('/templates', { schema: { tags, response: { 200: Type.Object({ items: Type.Array(TemplateView) }) } } }, async (request) => {
    requireUser(request);
    return { items: await listTemplates(ctx.db) };
  });
  app.get('/templates/:id', { schema: { tags, params: IdParams, response: { 200: TemplateView } } }, async (request) => {
    requireUser(request);
    const template = await loadTemplate(ctx.db, request.params.id);
    if (!template) throw new NotFoundError('The template');
    return template;
  });
  app.post('/templates', { schema: { tags, body: CreateTemplateBody, response: { 201: TemplateView } } }, async (request, reply) => {
    requireRole(request, 'admin');
    return reply.status(201).send(await createTemplate(ctx, request.body));
  });
  app.patch('/templates/:id', { schema: { tags, params: IdParams, body: UpdateTemplateBody, response: { 200: TemplateView } } }, async (request) => {
    requireRole(request, 'admin');
    return updateTemplate(ctx, request.params.id, request.body);
  });
  app.delete('/templates/:id', { schema: { tags, params: IdParams } }, async (request, reply) => {
    requireRole(request, 'admin');
    await deleteTemplate(ctx, request.params.id);
    return reply.status(204).send();
  });
};
