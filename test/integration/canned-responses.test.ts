import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../helpers/databases.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { seedDemo } from '../../src/server/seed/demo.js';

type User = { id: string; token: string };
const greet = { shortcut: 'greet', title: 'Greeting', body: 'Hello {CustomerName}, this is {AgentName}.', language: 'en', scope: 'shared' };

describe.each(dbKinds)('canned responses (quick replies) API (%s)', (kind) => {
  let t: TestApp;
  let admin: User;
  let supervisor: User;
  let agent: User;
  let colleague: User;

  beforeAll(async () => {
    t = await startTestApp(kind);
    admin = await t.userWithToken('admin');
    supervisor = await t.userWithToken('supervisor');
    agent = await t.userWithToken('agent');
    colleague = await t.userWithToken('agent');
  });
  afterAll(() => t?.close());

  const create = (user: User, body: unknown) => t.request('POST', '/api/v1/canned-responses', { token: user.token, body });
  const list = async (user: User) => (await t.request('GET', '/api/v1/canned-responses', { token: user.token })).body.items as { id: string; shortcut: string; scope: string; ownerUserId: string | null }[];
  const audit = async (entityId: string) => (await t.request('GET', `/api/v1/audit-log?entityType=canned-response&entityId=${entityId}`, { token: admin.token })).body.items as { action: string; actor: { id: string }; changes: { field: string; from?: unknown; to?: unknown }[] }[];

  it('lets admins and supervisors manage shared replies, audited, and every agent read them', async () => {
    const created = await create(admin, { ...greet, shortcut: '/Greet ' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ shortcut: 'greet', title: 'Greeting', body: greet.body, language: 'en', scope: 'shared', ownerUserId: null });
    const bySupervisor = await create(supervisor, { shortcut: 'hours', title: 'Opening hours', body: 'We answer 9:00 to 18:00.', scope: 'shared' });
    expect(bySupervisor.status).toBe(201);
    expect(bySupervisor.body.language).toBeNull();

    expect((await list(agent)).map((r) => r.shortcut)).toEqual(['greet', 'hours']);
    const edited = await t.request('PATCH', `/api/v1/canned-responses/${bySupervisor.body.id}`, { token: supervisor.token, body: { body: 'We answer 8:00 to 20:00.', language: 'en' } });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ shortcut: 'hours', body: 'We answer 8:00 to 20:00.', language: 'en' });

    const entries = await audit(bySupervisor.body.id);
    expect(entries.map((e) => e.action)).toEqual(['updated', 'created']);
    expect(entries[0].actor.id).toBe(supervisor.id);
    expect(entries[0].changes).toEqual(expect.arrayContaining([{ field: 'body', from: 'We answer 9:00 to 18:00.', to: 'We answer 8:00 to 20:00.' }, { field: 'language', from: null, to: 'en' }]));
    expect((await audit(created.body.id))[0].changes).toEqual(expect.arrayContaining([{ field: 'shortcut', to: 'greet' }, { field: 'scope', to: 'shared' }]));
  });

  it('refuses agents writing shared replies and changes nothing', async () => {
    const [shared] = await list(agent);
    expect((await create(agent, { ...greet, shortcut: 'agent-shared' })).status).toBe(403);
    expect((await t.request('PATCH', `/api/v1/canned-responses/${shared.id}`, { token: agent.token, body: { title: 'Mine now' } })).status).toBe(403);
    expect((await t.request('DELETE', `/api/v1/canned-responses/${shared.id}`, { token: agent.token })).status).toBe(403);
    expect((await list(agent)).map((r) => r.shortcut)).toEqual(['greet', 'hours']);
    expect((await t.request('GET', '/api/v1/canned-responses')).status).toBe(401);
  });

  it("keeps a personal reply to its owner: others neither see nor change it", async () => {
    const mine = await create(agent, { shortcut: 'refund', title: 'Refund steps', body: 'To get a refund, {CustomerName}, reply with your order number.', scope: 'personal' });
    expect(mine.status).toBe(201);
    expect(mine.body).toMatchObject({ scope: 'personal', ownerUserId: agent.id });
    expect((await list(agent)).map((r) => `${r.shortcut}:${r.scope}`)).toEqual(['greet:shared', 'hours:shared', 'refund:personal']);
    expect((await list(colleague)).map((r) => r.shortcut)).toEqual(['greet', 'hours']);
    expect((await list(admin)).some((r) => r.id === mine.body.id)).toBe(false);
    for (const user of [colleague, admin]) {
      expect((await t.request('PATCH', `/api/v1/canned-responses/${mine.body.id}`, { token: user.token, body: { title: 'Taken' } })).status).toBe(404);
      expect((await t.request('DELETE', `/api/v1/canned-responses/${mine.body.id}`, { token: user.token })).status).toBe(404);
    }
    // Another agent may use the same shortcut for their own.
    expect((await create(colleague, { shortcut: 'refund', title: 'My refund text', body: 'Refunds take 5 days.', scope: 'personal' })).status).toBe(201);

    const renamed = await t.request('PATCH', `/api/v1/canned-responses/${mine.body.id}`, { token: agent.token, body: { shortcut: 'refund-steps' } });
    expect(renamed.status).toBe(200);
    expect(renamed.body.shortcut).toBe('refund-steps');
    expect((await t.request('DELETE', `/api/v1/canned-responses/${mine.body.id}`, { token: agent.token })).status).toBe(204);
    expect((await list(agent)).map((r) => r.shortcut)).toEqual(['greet', 'hours']);
    expect((await audit(mine.body.id)).map((e) => e.action)).toEqual(['deleted', 'updated', 'created']);
  });

  it('refuses a shortcut already taken, with the field named', async () => {
    const shared = await create(supervisor, { ...greet });
    expect(shared.status).toBe(409);
    expect(shared.body.error).toMatchObject({ code: 'SHORTCUT_TAKEN', field: 'shortcut' });
    const personal = await create(agent, { ...greet, scope: 'personal' });
    expect(personal.status).toBe(409);
    expect(personal.body.error.message).toContain('shared quick reply');
    const hours = (await list(admin)).find((r) => r.shortcut === 'hours')!;
    const rename = await t.request('PATCH', `/api/v1/canned-responses/${hours.id}`, { token: admin.token, body: { shortcut: 'greet' } });
    expect(rename.status).toBe(409);
    expect((await list(admin)).map((r) => r.shortcut)).toEqual(['greet', 'hours']);
  });

  it('validates every field with a clear message and stores nothing', async () => {
    const before = await list(admin);
    const bad: [unknown, number, string?][] = [
      [{ ...greet, shortcut: 'has space' }, 422, 'shortcut'],
      [{ ...greet, shortcut: 'x'.repeat(40) }, 400, 'shortcut'],
      [{ ...greet, shortcut: 'ok-1', title: '   ' }, 422, 'title'],
      [{ ...greet, shortcut: 'ok-2', body: '   ' }, 422, 'body'],
      [{ ...greet, shortcut: 'ok-3', body: 'Hi {QueueName}' }, 422, 'body'],
      [{ ...greet, shortcut: 'ok-4', body: 'x'.repeat(4097) }, 400, 'body'],
      [{ ...greet, shortcut: 'ok-5', language: 'english!' }, 400, 'language'],
      [{ ...greet, shortcut: 'ok-6', scope: 'everyone' }, 400],
      [{ ...greet, shortcut: 'ok-7', extra: true }, 400],
      [{ shortcut: 'ok-8', title: 'No body', scope: 'shared' }, 400, 'body'],
    ];
    for (const [body, status, field] of bad) {
      const res = await create(admin, body);
      expect(res.status, JSON.stringify(body).slice(0, 60)).toBe(status);
      if (field) expect(res.body.error.field).toBe(field);
      expect(res.body.error.message).toBeTruthy();
    }
    const unknown = await create(admin, { ...greet, shortcut: 'ok-9', body: 'Hi {QueueName}' });
    expect(unknown.body.error.message).toBe('Unknown placeholder {QueueName}: use {CustomerName} or {AgentName}.');
    const hours = before.find((r) => r.shortcut === 'hours')!;
    expect((await t.request('PATCH', `/api/v1/canned-responses/${hours.id}`, { token: admin.token, body: {} })).status).toBe(400);
    expect((await t.request('PATCH', '/api/v1/canned-responses/not-a-uuid', { token: admin.token, body: { title: 'x' } })).status).toBe(400);
    expect((await t.request('PATCH', '/api/v1/canned-responses/00000000-0000-4000-8000-000000000000', { token: admin.token, body: { title: 'x' } })).status).toBe(404);
    expect(await list(admin)).toEqual(before);
  });
});

describe.each(dbKinds)('the demo seed (%s)', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(() => t?.close());

  it("shares a few quick replies with the demo agent, {CustomerName} placeholders included", async () => {
    const seed = await seedDemo(t.ctx);
    const agent = seed.users.find((u) => u.role === 'agent')!;
    const login = await t.request('POST', '/api/v1/auth/login', { body: { email: agent.email, password: agent.password } });
    const listed = await t.request('GET', '/api/v1/canned-responses', { token: login.body.token });
    const greet = listed.body.items.find((r: { shortcut: string }) => r.shortcut === 'greet');
    expect(greet).toMatchObject({ scope: 'shared', body: expect.stringContaining('{CustomerName}') });
    expect(listed.body.items.length).toBeGreaterThanOrEqual(4);
  });
});
