import type { FastifyPluginAsync } from 'fastify';

export const healthRoutes: FastifyPluginAsync = async (app) => {
  // Liveness: the process answers; it does not touch the database (also the benchmarks' trivial route).
  app.get('/livez', { schema: { hide: true } }, async () => ({ status: 'ok' }));

  // Readiness: take traffic only while the database answers and the process is not shutting down.
  app.get('/readyz', { schema: { hide: true } }, async (_request, reply) => {
    if (app.ctx.lifecycle.shuttingDown) return reply.status(503).send({ status: 'shutting down' });
    const ok = await app.ctx.database.ping();
    return reply.status(ok ? 200 : 503).send({ status: ok ? 'ready' : 'database unreachable' });
  });
  app.get('/healthz', { schema: { hide: true } }, async (_request, reply) => {
    const ok = await app.ctx.database.ping();
    return reply.status(ok ? 200 : 503).send({ status: ok ? 'ok' : 'database unreachable', database: app.ctx.database.kind });
  });
};
