import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { requireRole, requireUser } from '../auth/plugin.js';
import { loadVisibleConversation } from '../conversations/policy.js';
import { SearchHit, SearchQuery, TranscriptQuery, TranscriptView } from './schema.js';
import { loadTranscript } from './load-transcript.js';
import { renderTranscriptText } from './render-transcript.js';
import { searchConversations } from './search-conversations.js';

const tags = ['transcripts'];

export const transcriptRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { ctx } = app;

  app.get(
    '/conversations/:id/transcript',
    {
      schema: {
        tags,
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        querystring: TranscriptQuery,
        description: 'The transcript as JSON (format=json) or plain text (format=text); download=true answers it as a file.',
        response: { 200: Type.Union([TranscriptView, Type.String()]) },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      await loadVisibleConversation(ctx.db, user, request.params.id);
      const transcript = await loadTranscript(ctx.db, request.params.id);
      const text = request.query.format === 'text';
      if (request.query.download) {
        reply.header('content-disposition', `attachment; filename="transcript-${transcript.conversationId}.${text ? 'txt' : 'json'}"`);
      }
      if (!text) return transcript;
      return reply.type('text/plain; charset=utf-8').send(renderTranscriptText(transcript, ctx.config.publicUrl));
    },
  );

  app.get(
    '/transcripts',
    { schema: { tags, querystring: SearchQuery, description: 'Search conversations by customer name, phone number, message text and start date.', response: { 200: Type.Object({ items: Type.Array(SearchHit) }) } } },
    async (request) => {
      requireRole(request, 'admin', 'supervisor');
      return { items: await searchConversations(ctx.db, request.query) };
    },
  );
};
