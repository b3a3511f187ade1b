import { existsSync } from 'node:fs';
import type { FastifyPluginAsync } from 'fastify';
import fastifyStatic from '@fastify/static';
import { projectPath } from './project-path.js';

const WEB_ROOT = projectPath('dist', 'web');
/** Paths the React app routes itself: each serves index.html. */
const APP_PATHS = ['/', '/login', '/agent', '/agent/*', '/admin', '/admin/*', '/supervisor', '/supervisor/*'];
const SIMULATOR_PATHS = ['/simulator', '/simulator/*'];

/**
 * The app's icon: a switchboard's plug on the brand's blue. It is kept here rather than in the
 * build so that /favicon.ico, which browsers ask for on every page, answers even before the web
 * app is built and never needs a session.
 */
const FAVICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#1f5fbf"/><circle cx="11" cy="11" r="3.5" fill="#fff"/><circle cx="21" cy="21" r="3.5" fill="#fff"/><path d="M11 11 C11 19 21 13 21 21" stroke="#fff" stroke-width="2.5" fill="none" stroke-linecap="round"/></svg>`;

/** Serves the built web app (dist/web) with client-side routing; the simulator's page only when it is mounted. */
export const webAppPlugin: FastifyPluginAsync = async (app) => {
  const paths = app.ctx.config.simulator ? [...APP_PATHS, ...SIMULATOR_PATHS] : APP_PATHS;
  for (const path of ['/favicon.svg', '/favicon.ico']) {
    app.get(path, { schema: { hide: true } }, async (_req, reply) => reply.header('cache-control', 'public, max-age=86400').type('image/svg+xml').send(FAVICON));
  }
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
