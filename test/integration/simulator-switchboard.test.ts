import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../helpers/databases.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { BUSINESS_NUMBER, setupWhatsapp, type WhatsappSetup } from '../helpers/scenario.js';
import { createContractFetch, type ContractFetch } from '../helpers/twilio-contract.js';
import { eventually } from '../helpers/eventually.js';
import { runOutboxOnce } from '../../src/server/outbox/worker.js';
import { downloadPendingMedia } from '../../src/server/media/download-media.js';
import { CHANNEL_IDS, channelAdapter, type ChannelId } from '../../src/server/channels/registry.js';

const CUSTOMER = '+15557654321';

describe.each(dbKinds)('Switchboard with its built-in simulator, end to end (%s)', (kind) => {
  let t: TestApp;
  let contract: ContractFetch;
  let simToken: string;
  let setup: WhatsappSetup;
  let accountSid: string;
  let conversationId: string;

  const phoneThread = async () =>
    (await t.request('GET', `/simulator/api/phone/${encodeURIComponent(CUSTOMER)}/messages?with=${encodeURIComponent(BUSINESS_NUMBER)}`, { token: simToken })).body.items as {
      sid: string;
      direction: string;
      body: string;
      status: string;
      contentSid: string | null;
    }[];
  const switchboardMessages = async () =>
    (await t.request('GET', `/api/v1/conversations/${conversationId}/messages`, { token: setup.agent.token })).body.items as {
      id: string;
      direction: string;
      body: string;
      status: string;
      twilioSid: string | null;
      media: { status: string }[];
    }[];

  beforeAll(async () => {
    contract = createContractFetch();
    t = await startTestApp(kind, { fetch: contract.fetch });
    simToken = (await t.userWithToken('agent')).token;
    await t.request('PUT', '/simulator/api/settings', { token: simToken, body: { sentAfterMs: 20, deliveredAfterMs: 40 } });
    // The admin's walkthrough, with the simulator as Twilio: credentials from its console, then the
    // account's inbound URL pasted as the number's "When a message comes in" webhook.
    const credentials = await t.request('POST', '/simulator/api/accounts', { token: simToken, body: { friendlyName: 'Acme' } });
    expect(credentials.status).toBe(201);
    accountSid = credentials.body.accountSid;
    setup = await setupWhatsapp(t, { provider: 'simulator', ...credentials.body });
    const number = await t.request('PUT', `/simulator/api/numbers/${encodeURIComponent(BUSINESS_NUMBER)}`, { token: simToken, body: { accountSid, smsUrl: setup.inboundUrl } });
    expect(number.status).toBe(200);
  });
  afterAll(() => t?.close());

  it("validates the account's credentials against the simulator", async () => {
    const res = await t.request('POST', `/api/v1/messaging-accounts/${setup.accountId}/validate`, { token: setup.admin.token });
    expect(res.body).toMatchObject({ ok: true, friendlyName: 'Acme' });
  });

  it("brings a customer's message from the phone into Switchboard's conversations", async () => {
    const sent = await t.request('POST', '/simulator/api/phone/messages', { token: simToken, body: { from: CUSTOMER, profileName: 'Ada', to: BUSINESS_NUMBER, body: 'hello' } });
    expect(sent.status).toBe(201);
    expect(sent.body.webhook).toEqual({ ok: true, status: 200 });
    const list = await t.request('GET', '/api/v1/conversations', { token: setup.agent.token });
    const conversation = list.body.items.find((c: { customer: { phone: string } }) => c.customer.phone === CUSTOMER);
    expect(conversation).toMatchObject({ state: 'open', customer: { name: 'Ada' }, windowOpen: true });
    conversationId = conversation.id;
    expect(await switchboardMessages()).toEqual([expect.objectContaining({ direction: 'inbound', body: 'hello', twilioSid: sent.body.sid })]);
  });

  it("carries the agent's reply to the phone and its status back: delivered, then read once the customer reads it", async () => {
    expect((await t.request('POST', `/api/v1/conversations/${conversationId}/pick`, { token: setup.agent.token })).status).toBe(200);
    const reply = await t.request('POST', `/api/v1/conversations/${conversationId}/messages`, { token: setup.agent.token, body: { body: 'Hi Ada, let me check.' } });
    expect(reply.body.status).toBe('queued');
    expect(await runOutboxOnce(t.ctx)).toBe(1);

    const onPhone = await eventually(async () => (await phoneThread()).find((m) => m.body === 'Hi Ada, let me check.' && m.status === 'delivered'), 'the reply on the phone');
    expect(onPhone.direction).toBe('to-customer');
    const delivered = await eventually(async () => (await switchboardMessages()).find((m) => m.id === reply.body.id && m.status === 'delivered'), 'delivered in Switchboard');
    expect(delivered.twilioSid).toBe(onPhone.sid);

    expect((await t.request('POST', `/simulator/api/messages/${onPhone.sid}/read`, { token: simToken })).status).toBe(200);
    await eventually(async () => (await switchboardMessages()).find((m) => m.id === reply.body.id && m.status === 'read'), 'read in Switchboard');
  });

  it('sends a template as ContentSid + ContentVariables, which the phone shows filled in', async () => {
    const content = await t.request('POST', '/simulator/api/content', { token: simToken, body: { accountSid, friendlyName: 'order_update', language: 'en', body: 'Hello {{1}}, order {{2}} has shipped.' } });
    const template = await t.request('POST', '/api/v1/templates', {
      token: setup.admin.token,
      body: { name: 'order_update', defaultLanguage: 'en', text: 'Hello {{1}}, order {{2}} has shipped.', localizations: [{ language: 'en', text: 'Hello {{1}}, order {{2}} has shipped.', contentSid: content.body.sid }] },
    });
    expect(template.status).toBe(201);
    const sent = await t.request('POST', `/api/v1/conversations/${conversationId}/messages`, { token: setup.agent.token, body: { templateId: template.body.id, variables: { '1': 'Ada', '2': 'ZX-42' } } });
    expect(sent.status).toBe(201);
    await runOutboxOnce(t.ctx);
    const onPhone = await eventually(async () => (await phoneThread()).find((m) => m.contentSid === content.body.sid && m.status === 'delivered'), 'the template on the phone');
    expect(onPhone.body).toBe('Hello Ada, order ZX-42 has shipped.');
  });

  it("downloads the customer's photo through Twilio's redirect, with no credentials sent to the CDN", async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de', 'hex');
    const sent = await t.request('POST', '/simulator/api/phone/messages', { token: simToken, body: { from: CUSTOMER, to: BUSINESS_NUMBER, body: 'photo', image: { contentType: 'image/png', dataBase64: png.toString('base64') } } });
    expect(sent.body.webhook.ok).toBe(true);
    expect(await downloadPendingMedia(t.ctx)).toBe(1);
    const photo = (await switchboardMessages()).find((m) => m.body === 'photo');
    expect(photo?.media).toEqual([expect.objectContaining({ status: 'stored' })]);
  });

  it("a failure injected in the simulator shows in Switchboard with Twilio's code", async () => {
    await t.request('PUT', '/simulator/api/settings', { token: simToken, body: { faults: [{ kind: 'fail', code: 63024 }] } });
    const reply = await t.request('POST', `/api/v1/conversations/${conversationId}/messages`, { token: setup.agent.token, body: { body: 'This one will not arrive' } });
    await runOutboxOnce(t.ctx);
    const failed = await eventually(async () => (await switchboardMessages()).find((m) => m.id === reply.body.id && m.status === 'failed'), 'the failure in Switchboard');
    expect(failed).toMatchObject({ errorCode: 63024 });
  });

  it('never sends twice when the simulator drops the connection after accepting a message', async () => {
    await t.request('PUT', '/simulator/api/settings', { token: simToken, body: { faults: [{ kind: 'drop-after-accept' }] } });
    const reply = await t.request('POST', `/api/v1/conversations/${conversationId}/messages`, { token: setup.agent.token, body: { body: 'Sent once, whatever happens' } });
    await runOutboxOnce(t.ctx);
    // Whatever the outbox learnt first (a callback or reconciliation), a later run must not send again.
    await t.ctx.db.updateTable('outbox').set({ next_attempt_at: new Date(Date.now() - 1000) }).where('message_id', '=', reply.body.id).execute();
    await runOutboxOnce(t.ctx);
    const delivered = await eventually(async () => (await switchboardMessages()).find((m) => m.id === reply.body.id && m.status === 'delivered'), 'the dropped send delivered');
    const copies = (await phoneThread()).filter((m) => m.body === 'Sent once, whatever happens');
    expect(copies.map((m) => m.sid)).toEqual([delivered.twilioSid]);
  });

  it("sent every request to the simulator in Twilio's documented shape, and got answers in Twilio's shape", () => {
    expect(contract.checked).toBeGreaterThanOrEqual(4);
    expect(contract.violations).toEqual([]);
  });
});

describe.each(dbKinds)('one number on WhatsApp and SMS, through the built-in simulator (%s)', (kind) => {
  const PHONE = '+15557650000';
  let t: TestApp;
  let contract: ContractFetch;
  let simToken: string;
  let credentials: { accountSid: string; authToken: string };
  let admin: { token: string };
  let agent: { id: string; token: string };
  const conversationIds: Partial<Record<ChannelId, string>> = {};

  const twilioList = async (query: URLSearchParams) => {
    const res = await fetch(`${t.url}/simulator/twilio/2010-04-01/Accounts/${credentials.accountSid}/Messages.json?${query}`, {
      headers: { authorization: 'Basic ' + Buffer.from(`${credentials.accountSid}:${credentials.authToken}`).toString('base64') },
    });
    return (await res.json()).messages as { sid: string; to: string; from: string; body: string }[];
  };

  beforeAll(async () => {
    contract = createContractFetch();
    t = await startTestApp(kind, { fetch: contract.fetch });
    simToken = (await t.userWithToken('agent')).token;
    await t.request('PUT', '/simulator/api/settings', { token: simToken, body: { sentAfterMs: 20, deliveredAfterMs: 40 } });
    credentials = (await t.request('POST', '/simulator/api/accounts', { token: simToken, body: { friendlyName: 'Acme' } })).body;
    admin = await t.userWithToken('admin');
    agent = await t.userWithToken('agent', { name: 'Grace Agent' });
    const account = await t.request('POST', '/api/v1/messaging-accounts', { token: admin.token, body: { name: 'Acme', provider: 'simulator', ...credentials } });
    expect(account.status).toBe(201);
    const number = await t.request('POST', `/api/v1/messaging-accounts/${account.body.id}/numbers`, { token: admin.token, body: { name: 'Support', number: BUSINESS_NUMBER, channels: [...CHANNEL_IDS] } });
    expect(number.status).toBe(201);
    const queue = await t.request('POST', '/api/v1/queues', { token: admin.token, body: { name: 'Support', agentIds: [agent.id] } });
    for (const channel of CHANNEL_IDS) {
      const workstream = await t.request('POST', '/api/v1/workstreams', {
        token: admin.token,
        body: { name: `Support ${channel}`, channel, mode: 'pick', fallbackQueueId: queue.body.id, capacityPerConversation: 1, [channel]: { numberId: number.body.id } },
      });
      expect(workstream.status).toBe(201);
    }
    const simNumber = await t.request('PUT', `/simulator/api/numbers/${encodeURIComponent(BUSINESS_NUMBER)}`, { token: simToken, body: { accountSid: credentials.accountSid, smsUrl: account.body.inboundUrl } });
    expect(simNumber.status).toBe(200);
  });
  afterAll(() => t?.close());

  it.each(CHANNEL_IDS)("a %s message from the phone becomes a conversation on that channel, and the agent's reply reaches the phone on it", async (channel) => {
    const adapter = channelAdapter(channel);
    const sent = await t.request('POST', '/simulator/api/phone/messages', { token: simToken, body: { channel, from: PHONE, profileName: 'Ada', to: BUSINESS_NUMBER, body: `hello by ${channel}` } });
    expect(sent.body.webhook).toEqual({ ok: true, status: 200 });
    const list = await t.request('GET', '/api/v1/conversations', { token: agent.token });
    const conversation = list.body.items.find((c: { customer: { phone: string }; channel: string }) => c.customer.phone === PHONE && c.channel === channel);
    // SMS has no window: nothing ever expires.
    expect(conversation).toMatchObject({ state: 'open', channel, windowOpen: true, windowExpiresAt: adapter.sessionWindowMs === null ? null : expect.any(String) });
    conversationIds[channel] = conversation.id;

    expect((await t.request('POST', `/api/v1/conversations/${conversation.id}/pick`, { token: agent.token })).status).toBe(200);
    const text = `Hi Ada, answered by ${channel}.`;
    const reply = await t.request('POST', `/api/v1/conversations/${conversation.id}/messages`, { token: agent.token, body: { body: text } });
    expect(reply.status).toBe(201);
    expect(await runOutboxOnce(t.ctx)).toBe(1);

    const thread = async () =>
      (await t.request('GET', `/simulator/api/phone/${encodeURIComponent(PHONE)}/messages?with=${encodeURIComponent(BUSINESS_NUMBER)}`, { token: simToken })).body.items as { sid: string; body: string; status: string; channel: string }[];
    const onPhone = await eventually(async () => (await thread()).find((m) => m.body === text && m.status === 'delivered'), 'the reply on the phone');
    expect(onPhone.channel).toBe(channel);
    // Twilio's record: addressed the channel's way (SMS: plain E.164 both ends).
    const [record] = await twilioList(new URLSearchParams({ To: adapter.twilio!.address(PHONE) }));
    expect(record).toMatchObject({ sid: onPhone.sid, to: adapter.twilio!.address(PHONE), from: adapter.twilio!.address(BUSINESS_NUMBER), body: text });
  });

  it("shows both channels' messages in the phone's one thread with the number, and the two conversations share the customer", async () => {
    const thread = (await t.request('GET', `/simulator/api/phone/${encodeURIComponent(PHONE)}/messages?with=${encodeURIComponent(BUSINESS_NUMBER)}`, { token: simToken })).body.items as { channel: string }[];
    expect(new Set(thread.map((m) => m.channel))).toEqual(new Set(CHANNEL_IDS));
    const conversations = await Promise.all(CHANNEL_IDS.map(async (c) => (await t.request('GET', `/api/v1/conversations/${conversationIds[c]}`, { token: agent.token })).body));
    expect(new Set(conversations.map((c) => c.customer.id)).size).toBe(1);
  });

  it("sent every request in Twilio's documented shape and got answers in Twilio's shape", () => {
    expect(contract.checked).toBeGreaterThanOrEqual(2);
    expect(contract.violations).toEqual([]);
  });
});
