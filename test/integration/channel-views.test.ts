import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../helpers/databases.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { ACCOUNT_SID, AUTH_TOKEN, BUSINESS_NUMBER, customerWrites, randomMessageSid, setupWhatsapp, type WhatsappSetup } from '../helpers/scenario.js';
import { postSignedWebhook } from '../helpers/twilio-signing.js';

/** What the web app reads about channels: their capabilities, and a contact's address on each. */
describe.each(dbKinds)('channel views (%s)', (kind) => {
  let t: TestApp;
  let setup: WhatsappSetup;

  beforeAll(async () => {
    t = await startTestApp(kind, { config: { simulator: false } });
    setup = await setupWhatsapp(t);
    const both = await t.request('PATCH', `/api/v1/messaging-accounts/${setup.accountId}/numbers/${setup.numberId}`, { token: setup.admin.token, body: { channels: ['whatsapp', 'sms'] } });
    expect(both.status).toBe(200);
    const sms = await t.request('POST', '/api/v1/workstreams', {
      token: setup.admin.token,
      body: { name: 'Texts', channel: 'sms', mode: 'pick', fallbackQueueId: setup.queueId, sms: { numberId: setup.numberId, language: 'en' } },
    });
    expect(sms.status).toBe(201);
   }, 300_000); // slow machines: the app, its migrations and chromium start here
  afterAll(async () => {
    await t?.close();
  });

  it('lists the channels with their capabilities and window for anyone signed in', async () => {
    const res = await t.request('GET', '/api/v1/channels', { token: setup.agent.token });
    expect(res.status).toBe(200);
    const byId = Object.fromEntries(res.body.items.map((c: { id: string }) => [c.id, c]));
    expect(byId.whatsapp).toMatchObject({ sessionWindowMs: 24 * 3600 * 1000, capabilities: { templates: true, formatting: true, segments: false } });
    expect(byId.sms).toMatchObject({ sessionWindowMs: null, capabilities: { templates: false, formatting: false, segments: true } });
    expect((await t.request('GET', '/api/v1/channels')).status).toBe(401);
  });

  it('shows one contact with an address per channel when a phone writes on WhatsApp and by SMS', async () => {
    const phone = '+15550007001';
    const onWhatsapp = await customerWrites(t, setup, { from: phone, body: 'Hi on WhatsApp' });
    const sid = randomMessageSid();
    const res = await postSignedWebhook(setup.inboundUrl, AUTH_TOKEN, {
      MessageSid: sid, SmsMessageSid: sid, SmsSid: sid, AccountSid: ACCOUNT_SID, From: phone, To: BUSINESS_NUMBER, Body: 'Hi by text', NumMedia: '0', NumSegments: '1', SmsStatus: 'received', ApiVersion: '2010-04-01',
    });
    expect(res.status).toBe(200);
    const list = await t.request('GET', `/api/v1/conversations?q=${encodeURIComponent(phone)}`, { token: setup.admin.token });
    const mine = list.body.items.filter((c: { customer: { phone: string } }) => c.customer.phone === phone);
    expect(mine.map((c: { channel: string }) => c.channel).sort()).toEqual(['sms', 'whatsapp']);
    expect(new Set(mine.map((c: { customer: { id: string } }) => c.customer.id)).size).toBe(1);

    const conversation = await t.request('GET', `/api/v1/conversations/${onWhatsapp.conversationId}`, { token: setup.admin.token });
    const contact = await t.request('GET', `/api/v1/contacts/${conversation.body.customer.id}`, { token: setup.agent.token });
    expect(contact.status).toBe(200);
    expect(contact.body.addresses).toEqual([
      { channel: 'sms', address: phone },
      { channel: 'whatsapp', address: expect.stringContaining(phone.slice(1)) },
    ]);
    const edited = await t.request('PATCH', `/api/v1/contacts/${conversation.body.customer.id}`, { token: setup.admin.token, body: { name: 'Ada' } });
    expect(edited.body.addresses).toHaveLength(2);
  });

  it('refuses to take a channel off a number while a workstream answers it, and says which', async () => {
    const res = await t.request('PATCH', `/api/v1/messaging-accounts/${setup.accountId}/numbers/${setup.numberId}`, { token: setup.admin.token, body: { channels: ['whatsapp'] } });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'NUMBER_IN_USE', message: expect.stringContaining('sms') });
  });
});
