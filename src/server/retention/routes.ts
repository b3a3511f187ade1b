import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { requireRole } from '../auth/plugin.js';
import { NotFoundError } from '../http/errors.js';
import { recordAudit } from '../audit/record-audit.js';
import { ErasureResultView, ErasureStatusView, PurgeResultView, RetentionSettingsView, UpdateRetentionBody } from './schema.js';
import { loadRetentionSettings, saveRetentionDays } from './store.js';
import { purgeExpiredContent } from './purge-expired-content.js';
import { eraseCustomer } from './erase-customer.js';
import { loadErasureStatus } from './store.js';

const tags = ['retention'];

export const retentionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { ctx } = app;

  app.get('/retention', { schema: { tags, response: { 200: RetentionSettingsView } } }, async (request) => {
    requireRole(request, 'admin');
    return loadRetentionSettings(ctx.db);
  });

  app.put(
    '/retention',
    { schema: { tags, body: UpdateRetentionBody, description: 'Days to keep message bodies and media (null: forever). The hourly purge applies it.', response: { 200: RetentionSettingsView } } },
    async (request) => {
      const me = requireRole(request, 'admin');
      const { retentionDays } = request.body as UpdateRetentionBody;
      const before = await loadRetentionSettings(ctx.db);
      await saveRetentionDays(ctx.db, retentionDays, ctx.now());
      if (before.retentionDays !== retentionDays) {
        await recordAudit(ctx.db, me, { verb: 'updated', entityType: 'retention-setting', entityId: null, entityName: 'Data retention', changes: [{ field: 'retentionDays', from: before.retentionDays, to: retentionDays }] });
      }
      return loadRetentionSettings(ctx.db);
    },
  );

  app.post('/retention/purge', { schema: { tags, description: 'Purge now what the retention setting says has expired.', response: { 200: PurgeResultView } } }, async (request) => {
    const me = requireRole(request, 'admin');
    return purgeExpiredContent(ctx, me);
  });

  app.post(
    '/contacts/:id/erase',
    {
      schema: {
        tags,
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        description: "Erase one customer's data (GDPR request): conversations, messages, media files and the contact. Cannot be undone.",
        response: { 200: ErasureResultView },
      },
    },
    async (request) => eraseCustomer(ctx, requireRole(request, 'admin'), request.params.id),
  );

  app.get(
    '/contacts/:id/erasure',
    {
      schema: {
        tags,
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        description: 'Where the erasure of a customer stands at Twilio: per message, what Twilio confirmed (body emptied, media deleted).',
        response: { 200: ErasureStatusView },
      },
    },
    async (request) => {
      requireRole(request, 'admin');
      const status = await loadErasureStatus(ctx.db, request.params.id);
      if (!status) throw new NotFoundError('The erased customer');
      return status;
    },
  );
};
