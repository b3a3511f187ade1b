import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../helpers/databases.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { startFakeTwilio, type FakeTwilio } from '../helpers/fake-twilio.js';

const AUTH_TOKEN = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
const ROTATED_TOKEN = 'ffffeeeeddddccccbbbbaaaa99998888';

type Entry = { id: string; at: string; actor: { id: string | null; name: string }; action: string; entityType: string; entityId: string | null; entityName: string | null; changes: { field: string; from?: unknown; to?: unknown; secret?: true }[] };

describe.each(dbKinds)('audit log (%s)', (kind) => {
  let t: TestApp;
  let fake: FakeTwilio;
  let admin: { id: string; token: string };
  let accountId: string;
  let workstreamId: string;
  let queueId: string;
  let numberId: string;

  const log = async (query = '') => {
    const res = await t.request<{ items: Entry[]; nextBefore: string | null; names: Record<string, string> }>('GET', `/api/v1/audit-log${query}`, { token: admin.token });
    expect(res.status).toBe(200);
    return res.body;
  };

  beforeAll(async () => {
    // Twilio accepts the token the account is rotated to.
    fake = await startFakeTwilio('AC' + '1'.repeat(32), ROTATED_TOKEN);
    t = await startTestApp(kind, { config: { twilioApiBaseUrl: fake.baseUrl } });
    admin = await t.userWithToken('admin', { name: 'Ada Admin' });
    const account = await t.request('POST', '/api/v1/messaging-accounts', {
      token: admin.token,
      body: { name: 'Acme', channel: 'whatsapp', provider: 'twilio', accountSid: 'AC' + '1'.repeat(32), authToken: AUTH_TOKEN },
    });
    expect(account.status).toBe(201);
    accountId = account.body.id;
  });
  afterAll(async () => {
    await t?.close();
    await fake?.close();
  });

  it('records who created an account, with its settings and without the auth token', async () => {
    const { items } = await log('?entityType=messaging-account');
    expect(items).toHaveLength(1);
    const [entry] = items;
    expect(entry).toMatchObject({ action: 'created', entityType: 'messaging-account', entityId: accountId, entityName: 'Acme', actor: { id: admin.id, name: 'Ada Admin' } });
    expect(entry.changes).toContainEqual({ field: 'accountSid', to: 'AC' + '1'.repeat(32) });
    expect(entry.changes).toContainEqual({ field: 'authToken', secret: true });
    expect(Date.now() - Date.parse(entry.at)).toBeLessThan(60_000);
    expect(JSON.stringify(items)).not.toContain(AUTH_TOKEN);
  });

  it('records a token rotation as such, never with the token', async () => {
    const res = await t.request('PATCH', `/api/v1/messaging-accounts/${accountId}`, { token: admin.token, body: { authToken: ROTATED_TOKEN } });
    expect(res.status).toBe(200);
    const [latest] = (await log()).items;
    expect(latest).toMatchObject({ action: 'token-rotated', entityId: accountId, changes: [{ field: 'authToken', secret: true }] });
    expect(JSON.stringify(await log())).not.toContain(ROTATED_TOKEN);
  });

  it('records what an update changed, from and to', async () => {
    await t.request('PATCH', `/api/v1/messaging-accounts/${accountId}`, { token: admin.token, body: { name: 'Acme Support' } });
    const [latest] = (await log()).items;
    expect(latest).toMatchObject({ action: 'updated', entityName: 'Acme Support', changes: [{ field: 'name', from: 'Acme', to: 'Acme Support' }] });
  });

  it('records numbers, queues, workstreams, users and templates', async () => {
    const number = await t.request('POST', `/api/v1/messaging-accounts/${accountId}/numbers`, { token: admin.token, body: { name: 'Main line', number: '+14155550100' } });
    expect(number.status).toBe(201);
    const queue = await t.request('POST', '/api/v1/queues', { token: admin.token, body: { name: 'Billing', priority: 5 } });
    expect(queue.status).toBe(201);
    const workstream = await t.request('POST', '/api/v1/workstreams', {
      token: admin.token,
      body: { name: 'WA billing', channel: 'whatsapp', mode: 'push', fallbackQueueId: queue.body.id, whatsapp: { numberId: number.body.id, language: 'en' } },
    });
    expect(workstream.status).toBe(201);
    workstreamId = workstream.body.id;
    queueId = queue.body.id;
    numberId = number.body.id;
    const patched = await t.request('PATCH', `/api/v1/workstreams/${workstream.body.id}`, { token: admin.token, body: { whatsapp: { language: 'ko' } } });
    expect(patched.status).toBe(200);
    const agent = await t.userWithToken('agent');
    const user = await t.request('PATCH', `/api/v1/users/${agent.id}`, { token: admin.token, body: { capacity: 30, password: 'a brand new password' } });
    expect(user.status).toBe(200);
    const template = await t.request('POST', '/api/v1/templates', { token: admin.token, body: { name: 'hello', defaultLanguage: 'en', text: 'Hi {{1}}' } });
    expect(template.status).toBe(201);

    const { items } = await log('?limit=6');
    expect(items.map((e) => `${e.entityType}:${e.action}`)).toEqual([
      'template:created',
      'user:updated',
      'workstream:updated',
      'workstream:created',
      'queue:created',
      'whatsapp-number:added',
    ]);
    expect(items[1].changes).toContainEqual({ field: 'capacity', from: expect.any(Number), to: 30 });
    expect(items[1].changes).toContainEqual({ field: 'password', secret: true });
    expect(JSON.stringify(items)).not.toContain('a brand new password');
    expect(items[2].changes).toEqual([{ field: 'whatsapp.language', from: 'en', to: 'ko' }]);
    expect(items[5]).toMatchObject({ entityId: number.body.id, entityName: 'Main line (+14155550100)' });
  });

  it('records routing rules: created, changed and deleted', async () => {
    const base = `/api/v1/workstreams/${workstreamId}/routing-rules`;
    const created = await t.request('POST', base, { token: admin.token, body: { name: 'Korean speakers', conditions: [{ field: 'language', operator: 'equals', value: 'ko' }], queueId } });
    expect(created.status).toBe(201);
    expect((await t.request('PATCH', `${base}/${created.body.id}`, { token: admin.token, body: { enabled: false } })).status).toBe(200);
    expect((await t.request('DELETE', `${base}/${created.body.id}`, { token: admin.token })).status).toBe(204);
    const { items } = await log('?entityType=routing-rule');
    expect(items.map((e) => e.action)).toEqual(['deleted', 'updated', 'created']);
    expect(items[1].changes).toEqual([{ field: 'enabled', from: true, to: false }]);
    expect(items[2].changes).toContainEqual({ field: 'conditions', to: [{ field: 'language', operator: 'equals', value: 'ko' }] });
    expect(items.every((e) => e.entityId === created.body.id && e.entityName === 'Korean speakers')).toBe(true);
  });

  it('records nothing when a change is refused', async () => {
    const before = (await log()).items.length;
    const bad = await t.request('PATCH', `/api/v1/messaging-accounts/${accountId}`, { token: admin.token, body: { accountSid: 'not-a-sid' } });
    expect(bad.status).toBe(400);
    const missing = await t.request('PATCH', '/api/v1/queues/00000000-0000-0000-0000-000000000000', { token: admin.token, body: { priority: 1 } });
    expect(missing.status).toBe(404);
    expect((await log()).items.length).toBe(before);
  });

  it('pages from newest to oldest without repeats', async () => {
    const all = (await log('?limit=200')).items;
    const first = await log('?limit=3');
    const second = await log(`?limit=3&before=${first.nextBefore}`);
    expect([...first.items, ...second.items].map((e) => e.id)).toEqual(all.slice(0, 6).map((e) => e.id));
    const last = await log(`?limit=200&before=${all[all.length - 2].id}`);
    expect(last).toEqual({ items: [all[all.length - 1]], nextBefore: null, names: {} });
  });

  it('names the ids its changes mention, also once the thing is deleted', async () => {
    const { items, names } = await log('?entityType=workstream');
    const created = items.find((e) => e.action === 'created')!;
    expect(created.changes).toContainEqual({ field: 'fallbackQueueId', to: queueId });
    expect(created.changes).toContainEqual({ field: 'whatsapp.numberId', to: numberId });
    expect(names).toMatchObject({ [queueId]: 'Billing', [numberId]: 'Main line (+14155550100)' });

    const gone = await t.request('POST', '/api/v1/queues', { token: admin.token, body: { name: 'Short-lived', priority: 1 } });
    const rule = await t.request('POST', `/api/v1/workstreams/${workstreamId}/routing-rules`, {
      token: admin.token, body: { name: 'To short-lived', conditions: [{ field: 'language', operator: 'equals', value: 'en' }], queueId: gone.body.id },
    });
    expect(rule.status).toBe(201);
    expect((await t.request('DELETE', `/api/v1/workstreams/${workstreamId}/routing-rules/${rule.body.id}`, { token: admin.token })).status).toBe(204);
    // Queues cannot be deleted through the API here; the name must come from the audit log all the same.
    await t.ctx.db.deleteFrom('queues').where('id', '=', gone.body.id).execute();
    const after = await log(`?entityType=routing-rule&entityId=${rule.body.id}`);
    expect(after.items.map((e) => e.action)).toEqual(['deleted', 'created']);
    expect(after.items[1].changes).toContainEqual({ field: 'queueId', to: gone.body.id });
    expect(after.names[gone.body.id]).toBe('Short-lived');
  });

  it('finds entries by words in who, what, the name or the changes, on the server, page by page', async () => {
    const byName = await log('?q=korean%20SPEAKERS');
    expect(byName.items.length).toBe(3);
    expect(byName.items.every((e) => e.entityName === 'Korean speakers')).toBe(true);
    expect((await log('?q=Ada%20Admin&limit=200')).items.length).toBe((await log('?limit=200')).items.filter((e) => e.actor.name === 'Ada Admin').length);
    const byChange = await log('?q=%2B14155550100');
    expect(byChange.items.map((e) => e.entityType)).toContain('whatsapp-number');
    // The words are words, not patterns.
    expect((await log('?q=%25')).items).toEqual([]);
    expect((await log('?q=_')).items.every((e) => JSON.stringify(e).includes('_'))).toBe(true);
    const first = await log('?q=korean%20speakers&limit=2');
    expect(first.nextBefore).not.toBeNull();
    const second = await log(`?q=korean%20speakers&limit=2&before=${first.nextBefore}`);
    expect([...first.items, ...second.items].map((e) => e.id)).toEqual(byName.items.map((e) => e.id));
    expect(second.nextBefore).toBeNull();
  });

  it('filters by a date range: from inclusive, to exclusive, validated', async () => {
    const all = (await log('?limit=200')).items;
    const newest = all[0].at;
    const hour = 3_600_000;
    const iso = (ms: number) => new Date(ms).toISOString();
    expect((await log(`?limit=200&from=${iso(Date.parse(newest) - hour)}&to=${iso(Date.parse(newest) + hour)}`)).items).toEqual(all);
    expect((await log(`?from=${iso(Date.parse(newest) + 1)}`)).items).toEqual([]);
    expect((await log(`?to=${iso(Date.parse(all[all.length - 1].at))}`)).items).toEqual([]);
    expect((await log(`?limit=1&from=${newest}`)).items.map((e) => e.id)).toEqual([all[0].id]);

    const backwards = await t.request('GET', `/api/v1/audit-log?from=${iso(Date.now())}&to=${iso(Date.now() - hour)}`, { token: admin.token });
    expect(backwards.status).toBe(422);
    expect(backwards.body.error.field).toBe('to');
    const notADate = await t.request('GET', '/api/v1/audit-log?from=yesterday', { token: admin.token });
    expect(notADate.status).toBe(400);
    expect(notADate.body.error.field).toBe('from');
    const tooLong = await t.request('GET', `/api/v1/audit-log?q=${'x'.repeat(101)}`, { token: admin.token });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.field).toBe('q');
  });

  it('is for admins only', async () => {
    const supervisor = await t.userWithToken('supervisor');
    const agent = await t.userWithToken('agent');
    expect((await t.request('GET', '/api/v1/audit-log', { token: supervisor.token })).status).toBe(403);
    expect((await t.request('GET', '/api/v1/audit-log', { token: agent.token })).status).toBe(403);
    expect((await t.request('GET', '/api/v1/audit-log')).status).toBe(401);
    expect((await t.request('GET', '/api/v1/audit-log?limit=0', { token: admin.token })).status).toBe(400);
  });
});
