import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../helpers/databases.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { startFakeTwilio, type FakeTwilio } from '../helpers/fake-twilio.js';
import { ACCOUNT_SID, AUTH_TOKEN, BUSINESS_NUMBER, customerWrites, setupChannel, type WhatsappSetup } from '../helpers/scenario.js';
import { postSignedWebhook } from '../helpers/twilio-signing.js';
import { listen } from '../helpers/realtime-listener.js';
import { smsFixtures } from '../helpers/fixtures.js';
import { validateTwilioRequest } from '../helpers/twilio-contract.js';
import { runOutboxOnce } from '../../src/server/outbox/worker.js';
import { CHANNEL_IDS, type ChannelId } from '../../src/server/channels/registry.js';

const DAY = 24 * 60 * 60 * 1000;

describe.each(dbKinds)('SMS through Twilio beside WhatsApp (%s)', (kind) => {
  let t: TestApp;
  let fake: FakeTwilio;
  let setup: WhatsappSetup;
  let phones = 0;
  const nextPhone = () => `+1555${String(7000000 + ++phones)}`;
  const realNow = Date.now;

  beforeAll(async () => {
    fake = await startFakeTwilio(ACCOUNT_SID, AUTH_TOKEN);
    t = await startTestApp(kind, { config: { twilioApiBaseUrl: fake.baseUrl } });
    setup = await setupChannel(t, 'sms');
    // The same number answers on WhatsApp too, through its own workstream into the same queue.
    const whatsapp = await t.request('POST', '/api/v1/workstreams', {
      token: setup.admin.token,
      body: { name: 'Support on WhatsApp', channel: 'whatsapp', mode: 'pick', fallbackQueueId: setup.queueId, whatsapp: { numberId: setup.numberId } },
    });
    expect(whatsapp.status).toBe(201);
  });
  afterAll(async () => {
    await t?.close();
    await fake?.close();
  });

  const conversation = async (id: string) => (await t.request('GET', `/api/v1/conversations/${id}`, { token: setup.admin.token })).body;
  const reply = (id: string, body: unknown) => t.request('POST', `/api/v1/conversations/${id}/messages`, { token: setup.agent.token, body });
  const pick = async (id: string) => expect((await t.request('POST', `/api/v1/conversations/${id}/pick`, { token: setup.agent.token })).status).toBe(200);
  const outboxSize = async () => Number((await t.ctx.db.selectFrom('outbox').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  it('stores a text message as an SMS conversation with no window, and the reply goes with plain E.164 addresses', async () => {
    const from = nextPhone();
    const { conversationId } = await customerWrites(t, setup, { from, body: 'Is my order shipped?' });
    const view = await conversation(conversationId);
    expect(view).toMatchObject({ channel: 'sms', windowExpiresAt: null, windowOpen: true, optedOut: false, customer: { phone: from } });
    await pick(conversationId);
    // Three days later: SMS has no customer-service window.
    const later = new Date(realNow() + 3 * DAY);
    t.ctx.now = () => later;
    try {
      const sent = await reply(conversationId, { body: 'It left the warehouse this morning.' });
      expect(sent.status).toBe(201);
      expect(await runOutboxOnce(t.ctx)).toBe(1);
    } finally {
      t.ctx.now = () => new Date(realNow());
    }
    const request = fake.requests.at(-1)!;
    expect(Object.fromEntries(request.form)).toMatchObject({ To: from, From: BUSINESS_NUMBER, Body: 'It left the warehouse this morning.' });
    expect(validateTwilioRequest({ method: 'POST', path: request.path, form: request.form })).toEqual([]);
  });

  it("takes Twilio's SMS and MMS field sets as they are posted", async () => {
    const text = await postSignedWebhook(setup.inboundUrl, AUTH_TOKEN, { ...smsFixtures.inbound.text, AccountSid: ACCOUNT_SID });
    expect(text.status).toBe(200);
    const stored = await t.ctx.db.selectFrom('messages').select(['body', 'conversation_id']).where('provider_sid', '=', smsFixtures.inbound.text.MessageSid).executeTakeFirstOrThrow();
    expect(stored.body).toBe(smsFixtures.inbound.text.Body);
    expect(await conversation(stored.conversation_id)).toMatchObject({ channel: 'sms' });

    const mms = smsFixtures.inbound.mms_image;
    expect(Number(mms.NumMedia)).toBeGreaterThan(0);
    expect((await postSignedWebhook(setup.inboundUrl, AUTH_TOKEN, { ...mms, AccountSid: ACCOUNT_SID })).status).toBe(200);
    const media = await t.ctx.db
      .selectFrom('message_media as x')
      .innerJoin('messages as m', 'm.id', 'x.message_id')
      .select(['x.source_url', 'x.content_type'])
      .where('m.provider_sid', '=', mms.MessageSid)
      .orderBy('x.position')
      .execute();
    expect(media.map((m) => m.source_url)).toEqual(Array.from({ length: Number(mms.NumMedia) }, (_, i) => mms[`MediaUrl${i}`]));
  });

  it('keeps an SMS to a number that carries only WhatsApp as unmatched, for the admin to see', async () => {
    const other = await t.request('POST', `/api/v1/messaging-accounts/${setup.accountId}/numbers`, { token: setup.admin.token, body: { name: 'WhatsApp only', number: '+14155230000' } });
    expect(other.body.channels).toEqual(['whatsapp']);
    const sid = 'SM' + 'c3'.repeat(16);
    const res = await postSignedWebhook(setup.inboundUrl, AUTH_TOKEN, { ...smsFixtures.inbound.text, MessageSid: sid, SmsMessageSid: sid, SmsSid: sid, To: '+14155230000', AccountSid: ACCOUNT_SID });
    expect(res.status).toBe(200);
    expect(await t.ctx.db.selectFrom('messages').select('id').where('provider_sid', '=', sid).executeTakeFirst()).toBeUndefined();
    expect(await t.ctx.db.selectFrom('unmatched_inbound').select('to_address').where('message_sid', '=', sid).executeTakeFirst()).toEqual({ to_address: '+14155230000' });
  });

  it('one phone on WhatsApp and by SMS to one number: two conversations, one contact with both addresses', async () => {
    const from = nextPhone();
    const sms = await customerWrites(t, setup, { from, channel: 'sms', body: 'Texting you' });
    const whatsapp = await customerWrites(t, setup, { from, channel: 'whatsapp', body: 'And on WhatsApp' });
    expect(sms.conversationId).toBeDefined();
    expect(whatsapp.conversationId).toBeDefined();
    expect(sms.conversationId).not.toBe(whatsapp.conversationId);
    const [a, b] = [await conversation(sms.conversationId), await conversation(whatsapp.conversationId)];
    expect([a.channel, b.channel]).toEqual(['sms', 'whatsapp']);
    expect(a.customer.id).toBe(b.customer.id);
    expect(b.windowExpiresAt).not.toBeNull();
    const addresses = await t.ctx.db.selectFrom('contact_addresses').select(['channel', 'address']).where('contact_id', '=', a.customer.id).orderBy('channel').execute();
    expect(addresses).toEqual([{ channel: 'sms', address: from }, { channel: 'whatsapp', address: from.slice(1) }]);
  });

  describe.each(CHANNEL_IDS.map((c) => [c]))('opt-out on %s', (channel: ChannelId) => {
    it('STOP (any case) opts the customer out of this number: sends answer 422 and reach no provider; START lifts it', async () => {
      const from = nextPhone();
      const { conversationId } = await customerWrites(t, setup, { from, channel, body: 'Where is my order?' });
      await pick(conversationId);
      await customerWrites(t, setup, { from, channel, body: ' stop ' });
      expect(await conversation(conversationId)).toMatchObject({ optedOut: true });
      const before = await outboxSize();
      const refused = await reply(conversationId, { body: 'Are you sure?' });
      expect(refused.status).toBe(422);
      expect(refused.body.error.code).toBe('CUSTOMER_OPTED_OUT');
      expect(await outboxSize()).toBe(before);
      const events = await t.ctx.db.selectFrom('conversation_events').select(['type', 'data']).where('conversation_id', '=', conversationId).where('type', '=', 'customer.opted-out').execute();
      expect(events).toEqual([{ type: 'customer.opted-out', data: { keyword: 'STOP' } }]);

      await customerWrites(t, setup, { from, channel, body: 'Start' });
      expect(await conversation(conversationId)).toMatchObject({ optedOut: false });
      expect((await reply(conversationId, { body: 'Welcome back.' })).status).toBe(201);
    });

    it('a keyword inside a sentence is just a message, and YES lifts nothing when there is nothing to lift', async () => {
      const from = nextPhone();
      const { conversationId } = await customerWrites(t, setup, { from, channel, body: 'Please stop the delivery to my old address' });
      await customerWrites(t, setup, { from, channel, body: 'yes' });
      expect(await conversation(conversationId)).toMatchObject({ optedOut: false });
      const types = (await t.ctx.db.selectFrom('conversation_events').select('type').where('conversation_id', '=', conversationId).execute()).map((e) => e.type);
      expect(types).not.toContain('customer.opted-out');
      expect(types).not.toContain('customer.opted-in');
    });

    it('HELP answers with the help text', async () => {
      const from = nextPhone();
      const { conversationId } = await customerWrites(t, setup, { from, channel, body: 'HELP' });
      const sent = await t.ctx.db.selectFrom('messages').select(['body', 'kind']).where('conversation_id', '=', conversationId).where('direction', '=', 'outbound').execute();
      expect(sent).toEqual([{ kind: 'automated', body: expect.stringContaining('Reply STOP') }]);
    });
  });

  it("records the opt-out Twilio reports with 21610 on a send, shows it live, and sends nothing more", async () => {
    const from = nextPhone();
    const { conversationId } = await customerWrites(t, setup, { from, body: 'Hi' });
    await pick(conversationId);
    // Earlier tests' automated answers go first, so the scripted refusal meets this reply.
    while ((await runOutboxOnce(t.ctx)) > 0);
    const socket = await listen(t.url, setup.agent.token);
    try {
      fake.script.push({ kind: 'error', status: 400, code: 21610, message: 'Attempt to send to unsubscribed recipient' });
      expect((await reply(conversationId, { body: 'Hello?' })).status).toBe(201);
      await runOutboxOnce(t.ctx);
      const shown = await socket.waitFor((f) => f.type === 'conversation.updated' && f.data.conversation.id === conversationId && f.data.conversation.optedOut);
      expect(shown, 'a conversation.updated with optedOut').toBeDefined();
    } finally {
      socket.close();
    }
    expect(await conversation(conversationId)).toMatchObject({ optedOut: true });
    expect((await reply(conversationId, { body: 'Hello again?' })).body.error.code).toBe('CUSTOMER_OPTED_OUT');
  });

  it('records the opt-out a 21610 status callback reports, and shows it live', async () => {
    const from = nextPhone();
    const { conversationId } = await customerWrites(t, setup, { from, body: 'Hi' });
    await pick(conversationId);
    while ((await runOutboxOnce(t.ctx)) > 0);
    expect((await reply(conversationId, { body: 'Your parcel is on its way.' })).status).toBe(201);
    await runOutboxOnce(t.ctx);
    const sent = await t.ctx.db.selectFrom('messages').select(['provider_sid']).where('conversation_id', '=', conversationId).where('direction', '=', 'outbound').where('body', '=', 'Your parcel is on its way.').executeTakeFirstOrThrow();
    expect(sent.provider_sid).toMatch(/^SM/);
    const socket = await listen(t.url, setup.agent.token);
    try {
      const callback = await postSignedWebhook(setup.statusCallbackUrl, AUTH_TOKEN, {
        MessageSid: sent.provider_sid!, SmsSid: sent.provider_sid!, AccountSid: ACCOUNT_SID, MessageStatus: 'undelivered', SmsStatus: 'undelivered',
        ErrorCode: '21610', To: from, From: BUSINESS_NUMBER, ApiVersion: '2010-04-01',
      });
      expect(callback.status).toBe(200);
      const shown = await socket.waitFor((f) => f.type === 'conversation.updated' && f.data.conversation.id === conversationId && f.data.conversation.optedOut);
      expect(shown, 'a conversation.updated with optedOut').toBeDefined();
    } finally {
      socket.close();
    }
    expect(await conversation(conversationId)).toMatchObject({ optedOut: true });
  });
});
