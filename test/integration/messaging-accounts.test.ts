import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { dbKinds } from '../helpers/databases.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { startFakeTwilio, type FakeTwilio } from '../helpers/fake-twilio.js';
import { ACCOUNT_SID, AUTH_TOKEN } from '../helpers/scenario.js';

/** An address where nothing answers: Twilio out of reach. */
async function deadAddress(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

describe.each(dbKinds)('messaging accounts and numbers (%s)', (kind) => {
  let t: TestApp;
  let fake: FakeTwilio;
  let admin: { token: string };
  let agent: { token: string };

  beforeAll(async () => {
    fake = await startFakeTwilio(ACCOUNT_SID, AUTH_TOKEN);
    t = await startTestApp(kind, { config: { twilioApiBaseUrl: fake.baseUrl } });
    admin = await t.userWithToken('admin');
    agent = await t.userWithToken('agent');
  });
  afterAll(async () => {
    await t?.close();
    await fake?.close();
  });

  const create = (body: Record<string, unknown>, token = admin.token) => t.request('POST', '/api/v1/messaging-accounts', { token, body });
  const valid = { name: 'Acme', channel: 'whatsapp', provider: 'twilio', accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN };

  it('creates an account with unguessable webhook URLs and never returns or stores the token in clear', async () => {
    const res = await create(valid);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: 'Acme', provider: 'twilio', accountSid: ACCOUNT_SID });
    expect(res.body.inboundUrl).toMatch(new RegExp(`^${t.url}/webhooks/twilio/[A-Za-z0-9_-]{32}/inbound$`));
    expect(res.body.statusCallbackUrl).toMatch(/\/status$/);
    const all = await t.request('GET', '/api/v1/messaging-accounts', { token: admin.token });
    expect(JSON.stringify(all.body)).not.toContain(AUTH_TOKEN);
    const row = await t.ctx.db.selectFrom('messaging_accounts').select('auth_token_encrypted').where('id', '=', res.body.id).executeTakeFirstOrThrow();
    expect(row.auth_token_encrypted).not.toContain(AUTH_TOKEN);
    expect(t.ctx.secrets.open(row.auth_token_encrypted)).toBe(AUTH_TOKEN);
  });

  it('refuses bad input with a 4xx naming the field, and agents altogether', async () => {
    const badSid = await create({ ...valid, accountSid: 'AC123' });
    expect(badSid.status).toBe(400);
    expect(badSid.body.error.field).toBe('accountSid');
    expect((await create({ ...valid, channel: 'fax' })).status).toBe(400);
    const unknown = await create({ ...valid, webhookSecret: 'x' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toMatch(/additional properties/);
    expect((await create(valid, agent.token)).status).toBe(403);
    expect((await t.request('POST', '/api/v1/messaging-accounts', { body: valid })).status).toBe(401);
  });

  it('validates credentials against Twilio and says what Twilio answered', async () => {
    const ok = await create({ ...valid, name: 'Validated' });
    const answer = await t.request('POST', `/api/v1/messaging-accounts/${ok.body.id}/validate`, { token: admin.token });
    expect(answer.body).toMatchObject({ ok: true });
    expect(fake.requests.at(-1)!.path).toBe(`/2010-04-01/Accounts/${ACCOUNT_SID}.json`);
    const wrong = await create({ ...valid, name: 'Wrong token', authToken: 'wrong-token-123' });
    const refused = await t.request('POST', `/api/v1/messaging-accounts/${wrong.body.id}/validate`, { token: admin.token });
    expect(refused.body).toMatchObject({ ok: false, code: 20003 });
    expect(refused.body.message).toMatch(/credentials/);
  });

  it('accepts E.164 numbers only, unique across accounts', async () => {
    const a = await create({ ...valid, name: 'Numbers A' });
    const b = await create({ ...valid, name: 'Numbers B' });
    const add = (accountId: string, number: string) => t.request('POST', `/api/v1/messaging-accounts/${accountId}/numbers`, { token: admin.token, body: { name: 'Line', number } });
    expect((await add(a.body.id, '14155550100')).body.error.message).toMatch(/start with "\+"/);
    expect((await add(a.body.id, '+1415')).status).toBe(422);
    const first = await add(a.body.id, '+1 415 555 0100');
    expect(first.status).toBe(201);
    expect(first.body.number).toBe('+14155550100');
    const clash = await add(b.body.id, '+14155550100');
    expect(clash.status).toBe(409);
    expect(clash.body.error.code).toBe('NUMBER_TAKEN');
  });

  it('refuses to delete an account whose number a workstream uses, listing the dependents; otherwise keeps history', async () => {
    const account = await create({ ...valid, name: 'UK' });
    const number = await t.request('POST', `/api/v1/messaging-accounts/${account.body.id}/numbers`, { token: admin.token, body: { name: 'Line', number: '+442071838750' } });
    const queues = await t.request('GET', '/api/v1/queues', { token: admin.token });
    const ws = await t.request('POST', '/api/v1/workstreams', {
      token: admin.token,
      body: { name: 'UK support', channel: 'whatsapp', mode: 'push', fallbackQueueId: queues.body.items[0].id, whatsapp: { numberId: number.body.id } },
    });
    expect(ws.status).toBe(201);
    const refused = await t.request('DELETE', `/api/v1/messaging-accounts/${account.body.id}`, { token: admin.token });
    expect(refused.status).toBe(409);
    expect(refused.body.error.dependents).toEqual([{ id: ws.body.id, name: 'UK support' }]);
    const numberRefused = await t.request('DELETE', `/api/v1/messaging-accounts/${account.body.id}/numbers/${number.body.id}`, { token: admin.token });
    expect(numberRefused.status).toBe(409);

    await t.request('PATCH', `/api/v1/workstreams/${ws.body.id}`, { token: admin.token, body: { whatsapp: { numberId: null } } });
    expect((await t.request('DELETE', `/api/v1/messaging-accounts/${account.body.id}`, { token: admin.token })).status).toBe(204);
    expect((await t.request('GET', `/api/v1/messaging-accounts/${account.body.id}`, { token: admin.token })).status).toBe(404);
    const kept = await t.ctx.db.selectFrom('messaging_accounts').select('deleted_at').where('id', '=', account.body.id).executeTakeFirstOrThrow();
    expect(kept.deleted_at).not.toBeNull();
    // A deleted account frees its name.
    expect((await create({ ...valid, name: 'uk' })).status).toBe(201);
  });

  it('refuses a second account of the same name, whatever its case, on create and on rename, changing nothing', async () => {
    const first = await create({ ...valid, name: 'Duplicate test' });
    expect(first.status).toBe(201);
    const before = await t.request('GET', '/api/v1/messaging-accounts', { token: admin.token });
    const clash = await create({ ...valid, name: '  DUPLICATE Test ' });
    expect(clash.status).toBe(409);
    expect(clash.body.error).toMatchObject({ code: 'ACCOUNT_NAME_TAKEN', field: 'name' });
    const other = await create({ ...valid, name: 'Duplicate other' });
    const rename = await t.request('PATCH', `/api/v1/messaging-accounts/${other.body.id}`, { token: admin.token, body: { name: 'duplicate TEST' } });
    expect(rename.status).toBe(409);
    expect(rename.body.error.field).toBe('name');
    const after = await t.request('GET', '/api/v1/messaging-accounts', { token: admin.token });
    expect(after.body.items.length).toBe(before.body.items.length + 1);
    expect(after.body.items.find((a: { id: string }) => a.id === other.body.id).name).toBe('Duplicate other');
    // Renaming an account to its own name in another case is no clash.
    expect((await t.request('PATCH', `/api/v1/messaging-accounts/${first.body.id}`, { token: admin.token, body: { name: 'DUPLICATE TEST' } })).status).toBe(200);
  });

  it('validates typed credentials without saving an account, telling a refusal apart from an unreachable Twilio', async () => {
    const count = async () => (await t.request('GET', '/api/v1/messaging-accounts', { token: admin.token })).body.items.length;
    const before = await count();
    const validate = (body: Record<string, unknown>) => t.request('POST', '/api/v1/messaging-accounts/validate', { token: admin.token, body });
    const accepted = await validate({ provider: 'twilio', accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ ok: true });
    const refused = await validate({ provider: 'twilio', accountSid: ACCOUNT_SID, authToken: 'wrong-token-123' });
    expect(refused.body).toMatchObject({ ok: false, refused: true, code: 20003 });
    expect(await count()).toBe(before);
    const twilioUrl = t.ctx.config.twilioApiBaseUrl;
    t.ctx.config.twilioApiBaseUrl = await deadAddress();
    try {
      const unreachable = await validate({ provider: 'twilio', accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
      expect(unreachable.body).toMatchObject({ ok: false, refused: false, message: expect.stringMatching(/could not be reached/) });
    } finally {
      t.ctx.config.twilioApiBaseUrl = twilioUrl;
    }
    expect(await count()).toBe(before);
    const badInput = await validate({ provider: 'twilio', accountSid: 'AC1', authToken: AUTH_TOKEN });
    expect(badInput.status).toBe(400);
    expect(badInput.body.error.field).toBe('accountSid');
    expect((await t.request('POST', '/api/v1/messaging-accounts/validate', { token: agent.token, body: { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN } })).status).toBe(403);
  });

  it('generates the encryption key file on first start when no secret is configured', async () => {
    const { loadEncryptionKey } = await import('../../src/server/crypto/secret-box.js');
    const dir = `${t.ctx.config.dataDir}/keytest`;
    const key = await loadEncryptionKey({ dataDir: dir });
    expect(key).toHaveLength(32);
    expect(Buffer.from((await readFile(`${dir}/secret.key`, 'utf8')).trim(), 'base64')).toEqual(key);
    expect(await loadEncryptionKey({ dataDir: dir })).toEqual(key);
  });
});
