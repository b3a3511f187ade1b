import type { AddressInfo } from 'node:net';
import { createContext } from '../../src/server/bootstrap.js';
import { buildApp } from '../../src/server/app.js';
import { openPostgres } from '../../src/server/db/database.js';
import type { Config } from '../../src/server/config.js';
import type { TestApp } from './test-app.js';

/**
 * Another Switchboard on the same PostgreSQL database as `first`, with its own pool, event bus and
 * port: what a second server process behind a load balancer is.
 */
export async function startSecondProcess(first: TestApp, overrides: Partial<Config> = {}) {
  const connectionString = first.ctx.database.connectionString;
  if (!connectionString) throw new Error('a second process needs PostgreSQL');
  const database = openPostgres(connectionString);
  const config = { ...first.ctx.config, ...overrides };
  const ctx = await createContext(config, { database });
  const app = await buildApp(ctx, { logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    ctx,
    url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`,
    async close() {
      await app.close();
      await ctx.events.close?.();
      await ctx.db.destroy();
    },
  };
}
