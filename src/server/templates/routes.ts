import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { requireRole, requireUser } from '../auth/plugin.js';
import { NotFoundError } from '../http/errors.js';
import { CreateTemplateBody, TemplateView, UpdateTemplateBody } from './schema.js';
import { listTemplates, loadTemplate } from './store.js';
import { createTemplate, deleteTemplate, updateTemplate } from './manage-templates.js';
import { recordAudit } from '../audit/record-audit.js';
import { changesBetween, settingsOf } from '../audit/changes.js';

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
    const me = requireRole(request, 'admin');
    const template = await createTemplate(ctx, request.body);
    await recordAudit(ctx.db, me, { verb: 'created', entityType: 'template', entityId: template.id, entityName: template.name, changes: settingsOf(request.body) });
    return reply.status(201).send(template);
  });
  app.patch('/templates/:id', { schema: { tags, params: IdParams, body: UpdateTemplateBody, response: { 200: TemplateView } } }, async (request) => {
    const me = requireRole(request, 'admin');
    const before = await loadTemplate(ctx.db, request.params.id);
    const after = await updateTemplate(ctx, request.params.id, request.body);
    await recordAudit(ctx.db, me, { verb: 'updated', entityType: 'template', entityId: after.id, entityName: after.name, changes: changesBetween(before ?? {}, after) });
    return after;
  });
  app.delete('/templates/:id', { schema: { tags, params: IdParams } }, async (request, reply) => {
    const me = requireRole(request, 'admin');
    const template = await loadTemplate(ctx.db, request.params.id);
    await deleteTemplate(ctx, request.params.id);
    await recordAudit(ctx.db, me, { verb: 'deleted', entityType: 'template', entityId: request.params.id, entityName: template?.name ?? null });
    return reply.status(204).send();
  });
};
