import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../helpers/databases.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { startFakeTwilio, type FakeTwilio } from '../helpers/fake-twilio.js';
import { postSignedWebhook } from '../helpers/twilio-signing.js';
import { ACCOUNT_SID, AUTH_TOKEN, BUSINESS_NUMBER, customerWrites, randomMessageSid, setupWhatsapp, type WhatsappSetup } from '../helpers/scenario.js';

type Warning = { code: string; severity?: string; accountId?: string; numberId?: string; count?: number; message: string; fix?: string; params?: Record<string, unknown> };

describe.each(dbKinds)('account health on the Overview (%s)', (kind) => {
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

  const warnings = async (): Promise<Warning[]> => {
    const res = await t.request('GET', '/api/v1/configuration-warnings', { token: setup.admin.token });
    expect(res.status).toBe(200);
    return res.body.items;
  };
  const ofAccount = async (code: string, accountId = setup.accountId) => (await warnings()).filter((w) => w.code === code && w.accountId === accountId);

  it('says a number no message has reached yet is not connected, with the fix, until a message arrives', async () => {
    expect(await ofAccount('NUMBER_NEVER_CONNECTED')).toEqual([
      expect.objectContaining({ severity: 'todo', numberId: setup.numberId, params: expect.objectContaining({ number: BUSINESS_NUMBER }), fix: expect.stringMatching(/A message comes in.*Inbound URL/) }),
    ]);
    await customerWrites(t, setup);
    expect(await ofAccount('NUMBER_NEVER_CONNECTED')).toEqual([]);
  });

  it('warns that Twilio cannot reach an inbound URL on this machine, and not once PUBLIC_URL is public', async () => {
    expect(t.ctx.config.publicUrl).toMatch(/\/\/(127\.0\.0\.1|localhost)[:/]/);
    expect(await ofAccount('INBOUND_URL_NOT_PUBLIC')).toEqual([expect.objectContaining({ severity: 'problem', message: expect.stringMatching(/Twilio cannot reach/), fix: expect.stringMatching(/PUBLIC_URL/) })]);
    const publicUrl = t.ctx.config.publicUrl;
    t.ctx.config.publicUrl = 'https://switchboard.example.com';
    try {
      expect(await ofAccount('INBOUND_URL_NOT_PUBLIC')).toEqual([]);
    } finally {
      t.ctx.config.publicUrl = publicUrl;
    }
  });

  it('counts webhooks refused for their signature per account, and only recent ones', async () => {
    expect(await ofAccount('SIGNATURE_FAILURES')).toEqual([]);
    const forged = () => {
      const sid = randomMessageSid();
      return postSignedWebhook(setup.inboundUrl, 'not the saved token', { MessageSid: sid, SmsSid: sid, From: 'whatsapp:+15550001111', To: `whatsapp:${BUSINESS_NUMBER}`, Body: 'hi', AccountSid: ACCOUNT_SID });
    };
    expect((await forged()).status).toBe(403);
    expect((await forged()).status).toBe(403);
    expect(await ofAccount('SIGNATURE_FAILURES')).toEqual([expect.objectContaining({ severity: 'problem', count: 2, fix: expect.stringMatching(/Save the new token/) })]);
    // A day later they are no longer news.
    await t.ctx.db.updateTable('webhook_signature_failures').set({ hour: new Date(Date.now() - 26 * 3_600_000) }).execute();
    expect(await ofAccount('SIGNATURE_FAILURES')).toEqual([]);
  });

  it('reports credentials Twilio refused when last checked, and stops once accepted ones are saved', async () => {
    const broken = await t.request('POST', '/api/v1/messaging-accounts', {
      token: setup.admin.token,
      body: { name: 'Broken', channel: 'whatsapp', provider: 'twilio', accountSid: ACCOUNT_SID, authToken: 'wrong-token-123' },
    });
    expect(await ofAccount('CREDENTIALS_REFUSED', broken.body.id)).toEqual([]);
    const validated = await t.request('POST', `/api/v1/messaging-accounts/${broken.body.id}/validate`, { token: setup.admin.token });
    expect(validated.body).toMatchObject({ ok: false, refused: true });
    expect(await ofAccount('CREDENTIALS_REFUSED', broken.body.id)).toEqual([expect.objectContaining({ severity: 'problem', fix: expect.stringMatching(/Save the new token/) })]);
    expect(await ofAccount('CREDENTIALS_REFUSED')).toEqual([]);
    const fixed = await t.request('PATCH', `/api/v1/messaging-accounts/${broken.body.id}`, { token: setup.admin.token, body: { authToken: AUTH_TOKEN } });
    expect(fixed.status).toBe(200);
    expect(await ofAccount('CREDENTIALS_REFUSED', broken.body.id)).toEqual([]);
  });

  it('reports recent sends Twilio failed for authentication (error 20003)', async () => {
    const { conversationId } = await customerWrites(t, setup, { from: '+15550002222' });
    await t.ctx.db
      .insertInto('messages')
      .values({ conversation_id: conversationId, direction: 'outbound', kind: 'text', body: 'hello', status: 'failed', error_code: 20003, status_at: new Date() } as never)
      .execute();
    expect(await ofAccount('CREDENTIALS_REFUSED')).toEqual([expect.objectContaining({ count: 1, message: expect.stringMatching(/20003/) })]);
  });
});
