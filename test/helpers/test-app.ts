import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { loadConfig, type Config } from '../../src/server/config.js';
import { createContext } from '../../src/server/bootstrap.js';
import { buildApp, type App } from '../../src/server/app.js';
import type { AppContext } from '../../src/server/context.js';
import { createUser } from '../../src/server/users/create-user.js';
import { startWorkers } from '../../src/server/workers.js';
import type { Role } from '../../src/server/db/schema.js';
import { createTestDatabase, type DbKind } from './databases.js';

export type TestApp = {
  app: App;
  ctx: AppContext;
  url: string;
  /** JSON request through real HTTP; answers status and parsed body. */
  request<T = any>(method: string, path: string, opts?: { token?: string; body?: unknown; headers?: Record<string, string> }): Promise<{ status: number; body: T; headers: Headers }>;
  /** Creates a user of the role and answers a bearer token for it. */
  userWithToken(role: Role, extra?: { name?: string; email?: string }): Promise<{ id: string; token: string; email: string }>;
  close(): Promise<void>;
};

/**
 * A real Switchboard on 127.0.0.1 with a fresh database of the given kind. Workers are off unless
 * asked for, so tests drive the outbox and media downloads step by step.
 */
export async function startTestApp(
  kind: DbKind,
  opts: { config?: Partial<Config>; workers?: boolean; fetch?: typeof fetch; logger?: boolean | object } = {},
): Promise<TestApp> {
  const dataDir = await mkdtemp(join(tmpdir(), 'switchboard-test-'));
  const config: Config = {
    ...loadConfig({ DATA_DIR: dataDir, SWITCHBOARD_SECRET: 'test-secret', LOG_LEVEL: 'silent' }),
    // As in production: media in the shared database on PostgreSQL, in the data folder when embedded.
    mediaStore: kind === 'postgres' ? 'postgres' : 'local',
    ...opts.config,
  };
  const database = await createTestDatabase(kind);
  const ctx = await createContext(config, { database, fetch: opts.fetch });
  const app = await buildApp(ctx, { logger: opts.logger ?? false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  // Twilio (and the simulator) call back on PUBLIC_URL: here, the port we just got.
  config.publicUrl = url;
  const workers = opts.workers ? startWorkers(ctx, app.log) : null;

  let users = 0;
  const testApp: TestApp = {
    app,
    ctx,
    url,
    async request(method, path, { token, body, headers } = {}) {
      const response = await fetch(url + path, {
        method,
        headers: {
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...headers,
        },
        body: body !== undefined ? JSON.stringify(body) : undefined,
      });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        /* not JSON: keep the text */
      }
      return { status: response.status, body: parsed as any, headers: response.headers };
    },
    async userWithToken(role, extra = {}) {
      users += 1;
      const email = extra.email ?? `${role}${users}@test.local`;
      const password = 'correct horse battery';
      const user = await createUser(ctx.db, { email, name: extra.name ?? `${role} ${users}`, password, role });
      const login = await testApp.request<{ token: string }>('POST', '/api/v1/auth/login', { body: { email, password } });
      if (login.status !== 200) throw new Error(`login failed: ${JSON.stringify(login.body)}`);
      return { id: user.id, token: login.body.token, email };
    },
    async close() {
      await workers?.stop();
      await app.close();
      await ctx.events.close?.();
      await database.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return testApp;
}
