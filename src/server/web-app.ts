import type { FastifyPluginAsync } from 'fastify';

/** Serves the built React app (dist/web) with client-side routing. */
export const webAppPlugin: FastifyPluginAsync = async () => {};
