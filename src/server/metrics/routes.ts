import { sql } from 'kysely';
import { Gauge } from 'prom-client';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { inboxDepth } from '../inbox/store.js';
import { safeEqual, sha256 } from '../crypto/tokens.js';
import { UnauthorizedError } from '../http/errors.js';

/** Does the request carry `Authorization: Bearer <expected>`? Compared as digests, so neither time nor length tells how close a guess came. */
function bearerMatches(request: FastifyRequest, expected: string): boolean {
  const header = request.headers.authorization;
  if (!header?.startsWith('Bearer ')) return false;
  return safeEqual(sha256(header.slice(7).trim()), sha256(expected));
}

/**
 * GET /metrics in Prometheus text format. With METRICS_TOKEN set it answers only that bearer token;
 * without it anyone who reaches it may read it, so keep it to your monitoring network.
 */
export const metricsRoutes: FastifyPluginAsync = async (app) => {
  const { ctx } = app;
  const registry = ctx.metrics.registry;
  // Read from the database on each scrape, so every process reports the shared outbox.
  new Gauge({
    name: 'switchboard_outbox_depth',
    help: 'Outbound messages waiting to be handed to Twilio',
    registers: [registry],
    async collect() {
      const row = await sql<{ depth: number; age: number | null }>`
        SELECT count(*)::int AS depth, extract(epoch FROM now() - min(created_at))::float8 AS age FROM outbox WHERE state <> 'done'`.execute(ctx.db);
      this.set(row.rows[0].depth);
      outboxAge.set(row.rows[0].age ?? 0);
    },
  });
  const outboxAge = new Gauge({ name: 'switchboard_outbox_oldest_seconds', help: 'Age of the oldest waiting outbound message', registers: [registry] });
  new Gauge({
    name: 'switchboard_inbox_depth',
    help: 'Inbound webhooks acknowledged and not yet stored as messages (failing: waiting to retry after an error)',
    labelNames: ['state'] as const,
    registers: [registry],
    async collect() {
      const depth = await inboxDepth(ctx.db, ctx.now());
      this.set({ state: 'waiting' }, depth.waiting);
      this.set({ state: 'failing' }, depth.failing);
      inboxAge.set(depth.oldestSeconds);
    },
  });
  const inboxAge = new Gauge({ name: 'switchboard_inbox_oldest_seconds', help: 'Age of the oldest inbound webhook not yet stored', registers: [registry] });
  const pool = ctx.database.pool;
  if (pool) {
    new Gauge({
      name: 'switchboard_db_pool_connections',
      help: 'PostgreSQL pool connections by state',
      labelNames: ['state'] as const,
      registers: [registry],
      collect() {
        this.set({ state: 'total' }, pool.totalCount);
        this.set({ state: 'idle' }, pool.idleCount);
        this.set({ state: 'waiting' }, pool.waitingCount);
      },
    });
  }
  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    const token = ctx.config.metricsToken;
    if (token && !bearerMatches(request, token)) {
      reply.header('www-authenticate', 'Bearer realm="metrics"');
      throw new UnauthorizedError('Send the metrics token (METRICS_TOKEN) as "Authorization: Bearer <token>".');
    }
    return reply.type(registry.contentType).send(await registry.metrics());
  });
};
