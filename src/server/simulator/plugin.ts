import { setMaxListeners } from 'node:events';
import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { createCarrier } from './carrier.js';
import { isValidCdnSignature } from './cdn.js';
import { consoleRoutes } from './console-routes.js';
import { contentRoutes } from './content-routes.js';
import { phoneRoutes } from './phone-routes.js';
import { createSimulator, type Simulator } from './simulator.js';
import { mediaData } from './store.js';
import { twilioRestRoutes } from './twilio-routes.js';
import { speakTwilio } from './twilio-http.js';

/**
 * The built-in Twilio simulator, mounted when config.simulator is true (SIMULATOR; off by default
 * in production): a fake Twilio at /simulator/twilio (REST and Content API, Basic auth with a
 * simulated account), its media CDN at /simulator/cdn (signed, expiring links), and the customer
 * phone and console API at /simulator/api (signed-in users, see auth/plugin.ts). Switchboard
 * reaches it only over HTTP, as it would reach Twilio, and it calls back nothing but this
 * Switchboard (own-urls.ts).
 */
export const simulatorPlugin: FastifyPluginAsync = async (app) => {
  const stopping = new AbortController();
  // Every pending delivery waits on this signal: many listeners are expected, not a leak.
  setMaxListeners(0, stopping.signal);
  const sim = await createSimulator(app.ctx, app.log.child({ component: 'simulator' }), stopping.signal);
  const carrier = createCarrier(sim);
  app.addHook('preClose', async () => stopping.abort());
  // Deliveries a restart interrupted go on once the server answers again (their callbacks come back to it).
  app.addHook('onReady', async () => void carrier.resume().catch((err) => sim.log.error({ err }, 'simulator: could not resume deliveries')));

  await app.register(
    async (twilioApi) => {
      speakTwilio(twilioApi, sim);
      await twilioApi.register(twilioRestRoutes(sim, carrier));
      await twilioApi.register(contentRoutes(sim));
    },
    { prefix: '/simulator/twilio' },
  );
  await app.register(cdnRoutes(sim), { prefix: '/simulator/cdn' });
  await app.register(phoneRoutes(sim, carrier), { prefix: '/simulator/api' });
  await app.register(consoleRoutes(sim), { prefix: '/simulator/api' });
};

/** The "CDN" Twilio's media URLs redirect to: no credentials, a signature and an expiry instead. */
function cdnRoutes(sim: Simulator): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/:mediaSid',
      {
        schema: {
          tags: ['simulator'],
          summary: 'Media bytes behind a signed, expiring URL',
          params: Type.Object({ mediaSid: Type.String({ pattern: '^ME[0-9a-f]{32}$' }) }),
          querystring: Type.Object({ Expires: Type.Optional(Type.String()), Signature: Type.Optional(Type.String()) }),
        },
      },
      async (request, reply) => {
        const { mediaSid } = request.params;
        if (!isValidCdnSignature(sim.settings.cdnKey, mediaSid, request.query.Expires, request.query.Signature, sim.ctx.now())) {
          return reply.status(403).type('text/plain').send('This media link is invalid or has expired.');
        }
        const media = await mediaData(sim.db, mediaSid);
        if (!media?.data) return reply.status(404).type('text/plain').send('No such media.');
        const filename = (media.filename ?? mediaSid).replace(/["\r\n]/g, '');
        return reply
          .type(media.content_type)
          .header('cache-control', 'private, max-age=300')
          .header('content-disposition', `inline; filename="${filename}"`)
          .header('x-content-type-options', 'nosniff')
          .send(Buffer.from(media.data));
      },
    );
  };
}
