import type { FastifyPluginAsync } from 'fastify';
import { requireUser } from '../auth/plugin.js';
import { NotFoundError } from '../http/errors.js';
import { loadVisibleConversation } from '../conversations/policy.js';

/** Media for agents (behind auth) and outbound media for Twilio (behind an unguessable, expiring token). */
export const mediaRoutes: FastifyPluginAsync = async (app) => {
  const { ctx } = app;
  const idSchema = { type: 'object', properties: { id: { type: 'string', format: 'uuid' } }, required: ['id'] };
  const tokenSchema = { type: 'object', properties: { token: { type: 'string', pattern: '^[A-Za-z0-9_-]{20,100}$' } }, required: ['token'] };

  app.get<{ Params: { id: string } }>('/api/v1/media/:id', { schema: { tags: ['media'], params: idSchema } }, async (request, reply) => {
    const user = requireUser(request);
    const media = await ctx.db
      .selectFrom('message_media as x')
      .innerJoin('messages as m', 'm.id', 'x.message_id')
      .select(['x.storage_key', 'x.content_type', 'x.filename', 'm.conversation_id'])
      .where('x.id', '=', request.params.id)
      .executeTakeFirst();
    if (!media?.storage_key) throw new NotFoundError('The media');
    await loadVisibleConversation(ctx.db, user, media.conversation_id);
    const file = await ctx.media.get(media.storage_key);
    if (!file) throw new NotFoundError('The media file');
    const disposition = media.content_type.startsWith('image/') || media.content_type.startsWith('audio/') || media.content_type.startsWith('video/') ? 'inline' : 'attachment';
    return reply
      .type(media.content_type)
      .header('content-length', file.size)
      .header('content-disposition', `${disposition}; filename="${(media.filename ?? 'file').replace(/["\r\n]/g, '')}"`)
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, max-age=3600')
      .send(file.stream);
  });

  app.get<{ Params: { token: string } }>('/media/out/:token', { schema: { hide: true, params: tokenSchema } }, async (request, reply) => {
    const media = await ctx.db
      .selectFrom('message_media')
      .select(['storage_key', 'content_type', 'public_expires'])
      .where('public_token', '=', request.params.token)
      .executeTakeFirst();
    if (!media?.storage_key || !media.public_expires || media.public_expires < ctx.now()) throw new NotFoundError('The media');
    const file = await ctx.media.get(media.storage_key);
    if (!file) throw new NotFoundError('The media');
    return reply.type(media.content_type).header('content-length', file.size).send(file.stream);
  });
};
