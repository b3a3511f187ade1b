import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { requireRole } from '../auth/plugin.js';
import { HistoryQuery, HistoryView, JoinResultView, LiveQuery, LiveView } from './schema.js';
import { loadLive } from './load-live.js';
import { loadHistory } from './load-history.js';
import { historyCsv } from './history-csv.js';
import { joinConversation } from './join-conversation.js';

const tags = ['insights'];

export const insightsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { ctx } = app;

  app.get('/insights/live', { schema: { tags, querystring: LiveQuery, description: 'Queues and agents right now. Refetch on realtime events.', response: { 200: LiveView } } }, async (request) => {
    requireRole(request, 'admin', 'supervisor');
    return loadLive(ctx.db, ctx.now(), request.query.channel);
  });

  app.get('/insights/history', { schema: { tags, querystring: HistoryQuery, response: { 200: HistoryView } } }, async (request) => {
    requireRole(request, 'admin', 'supervisor');
    return loadHistory(ctx.db, request.query, ctx.now());
  });

  app.get('/insights/history.csv', { schema: { tags, querystring: HistoryQuery, description: 'The same figures as /insights/history, as CSV (section, name, value).' } }, async (request, reply) => {
    requireRole(request, 'admin', 'supervisor');
    const { from, to, queueId, workstreamId, agentId, channel } = request.query;
    const view = await loadHistory(ctx.db, request.query, ctx.now());
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="switchboard-insights-${from}-to-${to}.csv"`)
      .send(historyCsv(view, { queueId, workstreamId, agentId, channel }));
  });

  app.post(
    '/conversations/:id/join',
    { schema: { tags, params: Type.Object({ id: Type.String({ format: 'uuid' }) }), description: 'A supervisor joins a live conversation as a participant.', response: { 200: JoinResultView } } },
    async (request) => joinConversation(ctx, requireRole(request, 'admin', 'supervisor'), request.params.id),
  );
};
