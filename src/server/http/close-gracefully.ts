import { Server as NetServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance } from 'fastify';

/** Long enough for a client whose connection was just accepted to send its request. */
const ACCEPTED_CONNECTION_GRACE_MS = 500;

/**
 * Closes the server without dropping a request: it stops accepting connections first, gives those
 * it has just accepted the time to send their request, then closes Fastify (requests in progress
 * finish). Fastify's close alone calls http.Server.close, which also destroys connections that
 * have not sent their request yet, as idle ones: their clients would see a reset.
 */
export async function closeGracefully(app: FastifyInstance): Promise<void> {
  NetServer.prototype.close.call(app.server);
  await sleep(ACCEPTED_CONNECTION_GRACE_MS);
  await app.close();
}
