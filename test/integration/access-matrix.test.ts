import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../helpers/databases.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { startFakeTwilio, type FakeTwilio } from '../helpers/fake-twilio.js';
import { ACCOUNT_SID, AUTH_TOKEN } from '../helpers/scenario.js';
import { buildAccessWorld, ROLES, type AccessWorld } from './access-world.js';
import { MATRIX, RULES, SESSIONLESS, type Call } from './access-matrix.js';

const ERROR_CODES: Record<number, string> = { 401: 'UNAUTHORIZED', 403: 'FORBIDDEN', 404: 'NOT_FOUND' };
const defaultAllowed = (method: string) => (method === 'GET' || method === 'PUT' || method === 'PATCH' ? [200] : method === 'DELETE' ? [204] : [200, 201]);

describe.each(dbKinds)('who may call every API route (%s)', (kind) => {
  let t: TestApp;
  let fake: FakeTwilio;
  let world: AccessWorld;

  beforeAll(async () => {
    fake = await startFakeTwilio(ACCOUNT_SID, AUTH_TOKEN);
    t = await startTestApp(kind, { config: { twilioApiBaseUrl: fake.baseUrl } });
    world = await buildAccessWorld(t, fake);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await fake?.close();
  });

  it('has an entry for every route registered under /api/v1 and /simulator, and none for a route that is gone', () => {
    const registered = t.app.apiRoutes.filter((r) => r.method !== 'HEAD');
    const keys = registered.map((r) => `${r.method} ${r.url}`);
    expect(keys.filter((k) => !(k in MATRIX)), 'routes without an entry in test/integration/access-matrix.ts').toEqual([]);
    expect(Object.keys(MATRIX).filter((k) => !keys.includes(k)), 'entries for routes that do not exist').toEqual([]);
    for (const route of registered) expect(route.public, `${route.method} ${route.url} is public`).toBe(SESSIONLESS.includes(MATRIX[`${route.method} ${route.url}`].access));
  });

  it.each(Object.keys(MATRIX))('%s', async (key) => {
    const entry = MATRIX[key];
    const method = key.split(' ')[0];
    // A refused call changes nothing, so the next role may reuse its objects; after an allowed one, build afresh.
    let call: Call | null = null;
    for (const role of ROLES) {
      const expected = RULES[entry.access][role];
      if (expected === 'skip') continue;
      call ??= await entry.call(world);
      const { path, body } = call;
      if (expected === 'allowed') call = null;
      const res = await t.request(method, path, { token: world.tokens[role] ?? undefined, body });
      const seen = `${role}: ${method} ${path} answered ${res.status} ${JSON.stringify(res.body)?.slice(0, 300)}`;
      if (expected === 'allowed') {
        expect(entry.allowed ?? defaultAllowed(method), seen).toContain(res.status);
      } else {
        expect(res.status, seen).toBe(expected);
        if (entry.access === 'twilio') expect(res.body.code, seen).toBe(20003);
        else if (ERROR_CODES[expected] && entry.access !== 'signed-link') expect(res.body.error.code, seen).toBe(ERROR_CODES[expected]);
      }
    }
    if (entry.credentialed) {
      const { path, body, headers } = await entry.credentialed(world);
      const res = await t.request(method, path, { body, headers });
      expect(entry.allowed ?? defaultAllowed(method), `with its own credentials: ${method} ${path} answered ${res.status} ${JSON.stringify(res.body)?.slice(0, 300)}`).toContain(res.status);
    }
  });

  it('lists to an agent of another queue none of the conversations it may not open', async () => {
    const list = await t.request('GET', '/api/v1/conversations?state=open,active,waiting,wrap-up,closed&limit=200', { token: world.tokens.outsider! });
    const ids = list.body.items.map((c: { queueId: string | null }) => c.queueId);
    expect(ids).not.toContain(world.queueId);
    const mine = await t.request('GET', '/api/v1/conversations?limit=200', { token: world.tokens.agent! });
    expect(mine.body.items.map((c: { id: string }) => c.id)).toContain(world.conversationId);
  });
});
