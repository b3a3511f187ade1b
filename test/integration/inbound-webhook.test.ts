import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../helpers/databases.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { postSignedWebhook } from '../helpers/twilio-signing.js';
import { twilioFixtures } from '../helpers/fixtures.js';
import twilio from 'twilio';

const AUTH_TOKEN = 'f0e1d2c3b4a5968778695a4b3c2d1e0f';

describe.each(dbKinds)('inbound WhatsApp webhook (%s)', (kind) => {
  let t: TestApp;
  let admin: { token: string };
  let inboundUrl: string;

  beforeAll(async () => {
    t = await startTestApp(kind);
    admin = await t.userWithToken('admin');
    const account = await t.request('POST', '/api/v1/messaging-accounts', {
      token: admin.token,
      body: { name: 'Acme', channel: 'whatsapp', provider: 'twilio', accountSid: 'AC00000000000000000000000000000001', authToken: AUTH_TOKEN },
    });
    expect(account.status).toBe(201);
    expect(JSON.stringify(account.body)).not.toContain(AUTH_TOKEN);
    inboundUrl = account.body.inboundUrl;
    const number = await t.request('POST', `/api/v1/messaging-accounts/${account.body.id}/numbers`, {
      token: admin.token,
      body: { name: 'Sandbox', number: '+14155238886' },
    });
    expect(number.status).toBe(201);
  });
  afterAll(() => t?.close());

  const countMessages = async () => Number((await t.ctx.db.selectFrom('messages').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  it('refuses a forged signature and a missing one, storing nothing', async () => {
    const forged = await postSignedWebhook(inboundUrl, 'not-the-token', twilioFixtures.inbound.text);
    expect(await countMessages()).toBe(0);
    const missing = await postSignedWebhook(inboundUrl, AUTH_TOKEN, twilioFixtures.inbound.text, { signature: null });
    expect(missing.status).toBe(403);
    const valid = await postSignedWebhook(inboundUrl, AUTH_TOKEN, twilioFixtures.inbound.text);
    const tampered = await fetch(inboundUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilio.getExpectedTwilioSignature(AUTH_TOKEN, inboundUrl, twilioFixtures.inbound.text) },
      body: new URLSearchParams({ ...twilioFixtures.inbound.text, Body: 'changed in transit' }).toString(),
    });
    expect(tampered.status).toBe(403);
    expect(forged.status).toBe(403);
    expect(valid.status).toBe(200);
    expect(await countMessages()).toBe(1);
  });

  it('answers 404 for an unknown account key', async () => {
    const res = await postSignedWebhook(inboundUrl.replace(/twilio\/[^/]+\/inbound/, 'twilio/unknownkey/inbound'), AUTH_TOKEN, twilioFixtures.inbound.text);
    expect(res.status).toBe(404);
  });

  it('stores a redelivered MessageSid once and answers empty TwiML both times', async () => {
    const before = await countMessages();
    const first = await postSignedWebhook(inboundUrl, AUTH_TOKEN, twilioFixtures.inbound.text_unicode);
    const again = await postSignedWebhook(inboundUrl, AUTH_TOKEN, twilioFixtures.inbound.text_unicode);
    expect([first.status, again.status]).toEqual([200, 200]);
    expect(first.contentType).toContain('xml');
    expect(first.text).toContain('<Response></Response>');
    expect(await countMessages()).toBe(before + 1);
  });

  it('shows the message in the API with the customer and an open window', async () => {
    const list = await t.request('GET', '/api/v1/conversations?state=open', { token: admin.token });
    expect(list.status).toBe(200);
    const conversation = list.body.items.find((c: any) => c.customer.phone === '+821012345678');
    expect(conversation.customer.name).toBe('김민수');
    expect(conversation.windowOpen).toBe(true);
    const messages = await t.request('GET', `/api/v1/conversations/${conversation.id}/messages`, { token: admin.token });
    expect(messages.body.items[0]).toMatchObject({ direction: 'inbound', body: twilioFixtures.inbound.text_unicode.Body, status: 'received' });
  });
});

describe.each(dbKinds)('messages nobody configured for (%s)', (kind) => {
  let t: TestApp;
  let admin: { token: string };
  let inboundUrl: string;

  beforeAll(async () => {
    t = await startTestApp(kind);
    admin = await t.userWithToken('admin');
    const account = await t.request('POST', '/api/v1/messaging-accounts', {
      token: admin.token,
      body: { name: 'Acme', channel: 'whatsapp', provider: 'twilio', accountSid: 'AC00000000000000000000000000000001', authToken: AUTH_TOKEN },
    });
    inboundUrl = account.body.inboundUrl;
    await t.request('POST', `/api/v1/messaging-accounts/${account.body.id}/numbers`, { token: admin.token, body: { name: 'Sandbox', number: '+14155238886' } });
  });
  afterAll(() => t?.close());

  it('stores messages to a number no workstream uses in the default queue, with a warning for the admin', async () => {
    expect((await postSignedWebhook(inboundUrl, AUTH_TOKEN, twilioFixtures.inbound.location)).status).toBe(200);
    const list = await t.request('GET', '/api/v1/conversations', { token: admin.token });
    const queues = await t.request('GET', '/api/v1/queues', { token: admin.token });
    const defaultQueue = queues.body.items.find((q: { isDefault: boolean }) => q.isDefault);
    expect(list.body.items[0].queueId).toBe(defaultQueue.id);
    const messages = await t.request('GET', `/api/v1/conversations/${list.body.items[0].id}/messages`, { token: admin.token });
    expect(messages.body.items[0]).toMatchObject({ kind: 'location', latitude: 37.5665, longitude: 126.978 });
    const warnings = await t.request('GET', '/api/v1/configuration-warnings', { token: admin.token });
    expect(warnings.body.items).toContainEqual(expect.objectContaining({ code: 'NUMBER_WITHOUT_WORKSTREAM', count: 1 }));
  });

  it("keeps a shared place's name and address (Twilio's Label and Address) with its coordinates", async () => {
    const params = { ...twilioFixtures.inbound.location, MessageSid: 'SM' + 'c4'.repeat(16), From: 'whatsapp:+15551230099', Label: 'Seoul City Hall', Address: '110 Sejong-daero, Jung-gu, Seoul' };
    expect((await postSignedWebhook(inboundUrl, AUTH_TOKEN, params)).status).toBe(200);
    const message = await t.ctx.db.selectFrom('messages').select('conversation_id').where('provider_sid', '=', params.MessageSid).executeTakeFirstOrThrow();
    const messages = await t.request('GET', `/api/v1/conversations/${message.conversation_id}/messages`, { token: admin.token });
    expect(messages.body.items[0]).toMatchObject({ kind: 'location', latitude: 37.5665, longitude: 126.978, locationLabel: 'Seoul City Hall', locationAddress: '110 Sejong-daero, Jung-gu, Seoul' });
  });

  it('keeps a message for a number the account does not list, and warns', async () => {
    const params: Record<string, string> = { ...twilioFixtures.inbound.button_reply, To: 'whatsapp:+15005550006' };
    expect((await postSignedWebhook(inboundUrl, AUTH_TOKEN, params)).status).toBe(200);
    const kept = await t.ctx.db.selectFrom('unmatched_inbound').selectAll().execute();
    expect(kept.map((k) => k.message_sid)).toEqual([params.MessageSid]);
    const warnings = await t.request('GET', '/api/v1/configuration-warnings', { token: admin.token });
    expect(warnings.body.items).toContainEqual(expect.objectContaining({ code: 'MESSAGES_FOR_UNKNOWN_NUMBER', count: 1 }));
  });

  it('records a button reply with its text and payload', async () => {
    const params: Record<string, string> = { ...twilioFixtures.inbound.button_reply, MessageSid: 'SM' + 'f'.repeat(32), SmsMessageSid: 'SM' + 'f'.repeat(32), SmsSid: 'SM' + 'f'.repeat(32) };
    expect((await postSignedWebhook(inboundUrl, AUTH_TOKEN, params)).status).toBe(200);
    const row = await t.ctx.db.selectFrom('messages').select(['button_text', 'button_payload', 'kind']).where('provider_sid', '=', params.MessageSid).executeTakeFirstOrThrow();
    expect(row.button_text).toBe(params.ButtonText);
    expect(row.button_payload).toBe(params.ButtonPayload);
  });

  it('refuses a signed webhook without a MessageSid with a clear 422 and stores nothing', async () => {
    const before = await t.ctx.db.selectFrom('messages').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    const { MessageSid: _a, SmsMessageSid: _b, ...rest } = twilioFixtures.inbound.text;
    const res = await postSignedWebhook(inboundUrl, AUTH_TOKEN, rest);
    expect(res.status).toBe(422);
    expect(res.text).toContain('MessageSid');
    const after = await t.ctx.db.selectFrom('messages').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});
