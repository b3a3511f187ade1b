import { existsSync } from 'node:fs';
import type { FastifyPluginAsync } from 'fastify';
import fastifyStatic from '@fastify/static';
import { projectPath } from './project-path.js';

const WEB_ROOT = projectPath('dist', 'web');
/** Paths the React app routes itself: each serves index.html. */
const APP_PATHS = ['/', '/login', '/agent', '/agent/*', '/admin', '/admin/*', '/supervisor', '/supervisor/*'];
const SIMULATOR_PATHS = ['/simulator', '/simulator/*'];

/** Serves the built web app (dist/web) with client-side routing; the simulator's page only when it is mounted. */
export const webAppPlugin: FastifyPluginAsync = async (app) => {
  const paths = app.ctx.config.simulator ? [...APP_PATHS, ...SIMULATOR_PATHS] : APP_PATHS;
  if (!existsSync(WEB_ROOT)) {
    app.log.warn(`${WEB_ROOT} is missing: run "npm run build:web" to serve the web app`);
    for (const path of paths) {
      app.get(path, { schema: { hide: true } }, async (_req, reply) =>
        reply.status(503).type('text/plain').send('The web app is not built yet. Run "npm run build:web" (npm start does it for you).'),
      );
    }
    return;
  }
  await app.register(fastifyStatic, { root: WEB_ROOT, prefix: '/assets-root/', serve: false });
  await app.register(fastifyStatic, { root: `${WEB_ROOT}/assets`, prefix: '/assets/', decorateReply: false, immutable: true, maxAge: '365d' });
  for (const path of paths) {
    app.get(path, { schema: { hide: true } }, async (_req, reply) => reply.header('cache-control', 'no-cache').sendFile('index.html', WEB_ROOT));
  }
};
