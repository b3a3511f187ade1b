import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requireRole } from '../auth/plugin.js';
import { AuditPage, AuditQuery } from './schema.js';
import { listAuditEntries } from './store.js';

export const auditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/audit-log', { schema: { tags: ['audit'], querystring: AuditQuery, response: { 200: AuditPage } } }, async (request) => {
    requireRole(request, 'admin');
    return listAuditEntries(app.ctx.db, request.query);
  });
};
