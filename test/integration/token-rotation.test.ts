import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type AddressInfo } from 'node:net';
import { dbKinds } from '../helpers/databases.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { startFakeTwilio, type FakeTwilio } from '../helpers/fake-twilio.js';
import { ACCOUNT_SID, AUTH_TOKEN, customerWrites, setupWhatsapp, type WhatsappSetup } from '../helpers/scenario.js';

const NEW_TOKEN = 'c3'.repeat(16);

/** An address where nothing answers: Twilio out of reach. */
async function deadAddress(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

describe.each(dbKinds)('rotating the auth token checks it with Twilio first (%s)', (kind) => {
  let t: TestApp;
  let fake: FakeTwilio;
  let setup: WhatsappSetup;

  beforeAll(async () => {
    fake = await startFakeTwilio(ACCOUNT_SID, AUTH_TOKEN);
    t = await startTestApp(kind, { config: { twilioApiBaseUrl: fake.baseUrl } });
    setup = await setupWhatsapp(t);
  });
  afterAll(async () => {
    await t?.close();
    await fake?.close();
  });

  const rotate = (body: Record<string, unknown>) => t.request('PATCH', `/api/v1/messaging-accounts/${setup.accountId}`, { token: setup.admin.token, body });
  const storedToken = async () => {
    const row = await t.ctx.db.selectFrom('messaging_accounts').select('auth_token_encrypted').where('id', '=', setup.accountId).executeTakeFirstOrThrow();
    return t.ctx.secrets.open(row.auth_token_encrypted);
  };
  const auditActions = async () => (await t.request('GET', '/api/v1/audit-log?entityType=messaging-account', { token: setup.admin.token })).body.items.map((e: { action: string }) => e.action);

  it('refuses a token Twilio refuses with its code and words, saves nothing and audits nothing', async () => {
    const before = await auditActions();
    const res = await rotate({ authToken: 'wrong-token-123' });
    expect(res.status, JSON.stringify(res.body)).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'CREDENTIALS_REFUSED', field: 'authToken', twilioCode: 20003 });
    expect(res.body.error.message).toMatch(/refused the credentials.*Twilio said: Authenticate.*Nothing was saved/);
    expect(await storedToken()).toBe(AUTH_TOKEN);
    expect(await auditActions()).toEqual(before);
    // Inbound still works with the token Twilio signs with.
    await customerWrites(t, setup, { from: '+15550003001' });
  });

  it('saves a token Twilio accepts, says so, and audits the rotation', async () => {
    fake.authToken = NEW_TOKEN; // rotated in the Twilio console
    const res = await rotate({ authToken: NEW_TOKEN });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.credentials).toMatchObject({ status: 'accepted', message: expect.stringMatching(/Twilio accepted/) });
    expect(await storedToken()).toBe(NEW_TOKEN);
    expect((await auditActions())[0]).toBe('token-rotated');
    await customerWrites(t, setup, { from: '+15550003002', authToken: NEW_TOKEN });
  });

  it('refuses to save unchecked when Twilio cannot be reached, unless asked to, and then says so', async () => {
    const twilioUrl = t.ctx.config.twilioApiBaseUrl;
    t.ctx.config.twilioApiBaseUrl = await deadAddress();
    try {
      const before = await auditActions();
      const refused = await rotate({ authToken: AUTH_TOKEN });
      expect(refused.status, JSON.stringify(refused.body)).toBe(502);
      expect(refused.body.error).toMatchObject({ code: 'CREDENTIALS_NOT_CHECKED', field: 'authToken' });
      expect(refused.body.error.message).toMatch(/could not ask Twilio.*Nothing was saved.*saveUnvalidated/);
      expect(await storedToken()).toBe(NEW_TOKEN);
      expect(await auditActions()).toEqual(before);

      const saved = await rotate({ authToken: AUTH_TOKEN, saveUnvalidated: true });
      expect(saved.status, JSON.stringify(saved.body)).toBe(200);
      expect(saved.body.credentials).toMatchObject({ status: 'saved-unvalidated', message: expect.stringMatching(/^Saved unvalidated/) });
      expect(await storedToken()).toBe(AUTH_TOKEN);
      const [entry] = (await t.request('GET', '/api/v1/audit-log?entityType=messaging-account', { token: setup.admin.token })).body.items;
      expect(entry).toMatchObject({ action: 'token-rotated', changes: [{ field: 'authToken', secret: true }, { field: 'credentials', to: 'saved unvalidated' }] });
    } finally {
      t.ctx.config.twilioApiBaseUrl = twilioUrl;
    }
  });

  it('never saves a refused token, even when asked to save unchecked', async () => {
    const res = await rotate({ authToken: 'wrong-token-456', saveUnvalidated: true });
    expect(res.status).toBe(422);
    expect(await storedToken()).toBe(AUTH_TOKEN);
  });

  it('checks a new Account SID with the saved token too', async () => {
    const res = await rotate({ accountSid: 'AC' + 'e'.repeat(32) });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'CREDENTIALS_REFUSED', field: 'accountSid' });
    expect((await rotate({ name: 'Renamed' })).status).toBe(200);
  });
});
