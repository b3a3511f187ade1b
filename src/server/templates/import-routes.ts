import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { requireRole } from '../auth/plugin.js';
import { recordAudit } from '../audit/record-audit.js';
import { ContentTemplateView, ImportResult, ImportTemplatesBody } from './import-schema.js';
import { importContentTemplates, listAccountContentTemplates } from './import-templates.js';

const tags = ['templates'];

/** "Import from Twilio": list an account's Content templates and import the chosen ones. */
export const templateImportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { ctx } = app;
  app.get(
    '/messaging-accounts/:id/content-templates',
    { schema: { tags, params: Type.Object({ id: Type.String({ format: 'uuid' }) }), response: { 200: Type.Object({ items: Type.Array(ContentTemplateView) }) } } },
    async (request) => {
      requireRole(request, 'admin');
      return { items: await listAccountContentTemplates(ctx, request.params.id) };
    },
  );
  app.post('/templates/import', { schema: { tags, body: ImportTemplatesBody, response: { 200: ImportResult } } }, async (request) => {
    const me = requireRole(request, 'admin');
    const result = await importContentTemplates(ctx, request.body.accountId, request.body.contentSids);
    for (const template of result.imported) {
      const chosen = new Set(request.body.contentSids);
      const changes = template.localizations.filter((l) => l.contentSid && chosen.has(l.contentSid)).map((l) => ({ field: `localizations.${l.language}`, to: l.contentSid }));
      await recordAudit(ctx.db, me, { verb: 'imported', entityType: 'template', entityId: template.id, entityName: template.name, changes });
    }
    return result;
  });
};
