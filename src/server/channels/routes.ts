import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { requireUser } from '../auth/plugin.js';
import { ChannelView } from './view.js';
import { CHANNEL_IDS, channelAdapter } from './registry.js';


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
