import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type Static } from '@sinclair/typebox';
import { requireUser } from '../auth/plugin.js';
import { ChannelSchema } from './schema.js';
import { CHANNEL_IDS, channelAdapter } from './registry.js';

export const ChannelView = Type.Object({
  id: ChannelSchema,
  capabilities: Type.Object({
    templates: Type.Boolean(),
    buttons: Type.Boolean(),
    formatting: Type.Boolean(),
    segments: Type.Boolean(),
    maxMedia: Type.Integer(),
    maxMediaBytes: Type.Integer(),
  }),
  sessionWindowMs: Type.Union([Type.Integer(), Type.Null()], { description: 'How long after the customer’s last message free text may be sent; null: no window.' }),
});
export type ChannelView = Static<typeof ChannelView>;

/** The registered channels and what each can carry, so the web app asks capabilities instead of testing names. */
export const channelRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/channels',
    { schema: { tags: ['channels'], description: 'The registered channels with their capabilities and session window.', response: { 200: Type.Object({ items: Type.Array(ChannelView) }) } } },
    async (request) => {
      requireUser(request);
      return {
        items: CHANNEL_IDS.map((id) => {
          const adapter = channelAdapter(id);
          return { id, capabilities: adapter.capabilities, sessionWindowMs: adapter.sessionWindowMs };
        }),
      };
    },
  );
};
