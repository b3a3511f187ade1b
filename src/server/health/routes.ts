import type { FastifyPluginAsync } from 'fastify';

export const healthRoutes: FastifyPluginAsync = async (app) => {
  // Liveness: the process answers; it does not touch the database (also the benchmarks' trivial route).
  app.get('/livez', { schema: { hide: true } }, async () => ({ status: 'ok' }));

  app.get('/healthz', { schema: { hide: true } }, async (_request, reply) => {
    const ok = await app.ctx.database.ping();
    return reply.status(ok ? 200 : 503).send({ status: ok ? 'ok' : 'database unreachable', database: app.ctx.database.kind });
  });
};
