import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import twilio from 'twilio';
import WebSocket from 'ws';
import { dbKinds } from '../helpers/databases.js';
import { eventually } from '../helpers/eventually.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { smsFixtures, twilioFixtures } from '../helpers/fixtures.js';
import { channelAdapter, type ChannelId } from '../../src/server/channels/registry.js';
import { startCapture, type Capture } from './simulator-capture.js';

const BUSINESS = '+14155550100';
const CUSTOMER = '+15551234567';
const addressOn = (channel: ChannelId, phone: string) => channelAdapter(channel).twilio!.address(phone);
/** A text on each channel: the fields Twilio sends (its fixture) and those only that channel has. */
const TEXTS: { channel: ChannelId; fixture: Record<string, string>; own: Record<string, string> }[] = [
  { channel: 'whatsapp', fixture: twilioFixtures.inbound.text, own: { ProfileName: 'Ada Lovelace', WaId: '15551234567', MessageType: 'text', NumSegments: '1' } },
  { channel: 'sms', fixture: smsFixtures.inbound.text_korean, own: { FromCountry: 'US', ToCountry: 'US', NumSegments: '1' } },
];

describe.each(dbKinds)('simulator customer phone API (%s)', (kind) => {
  let t: TestApp;
  let capture: Capture;
  let simToken: string;
  let account: { accountSid: string; authToken: string };
  // A query string on the webhook URL: Twilio signs the URL exactly as configured, query included.
  const smsUrl = () => `${capture.url}/inbound?tenant=acme`;

  const phoneSends = async (body: Record<string, unknown>) => t.request('POST', '/simulator/api/phone/messages', { token: simToken, body: { from: CUSTOMER, to: BUSINESS, ...body } });
  const webhookFor = async (sid: string) => (await capture.waitFor((r) => r.path === '/inbound' && r.params.MessageSid === sid))[0];
  const thread = async (customer = CUSTOMER, business = BUSINESS) =>
    (await t.request('GET', `/simulator/api/phone/${encodeURIComponent(customer)}/messages?with=${encodeURIComponent(business)}`, { token: simToken })).body.items;
  const businessSends = (body: string) =>
    fetch(`${t.url}/simulator/twilio/2010-04-01/Accounts/${account.accountSid}/Messages.json`, {
      method: 'POST',
      headers: { authorization: 'Basic ' + Buffer.from(`${account.accountSid}:${account.authToken}`).toString('base64'), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ To: `whatsapp:${CUSTOMER}`, From: `whatsapp:${BUSINESS}`, Body: body }).toString(),
    }).then((r) => r.json());

  beforeAll(async () => {
    capture = startCapture();
    t = await startTestApp(kind, { fetch: capture.fetch });
    capture.on(t.url);
    simToken = (await t.userWithToken('agent')).token;
    await t.request('PUT', '/simulator/api/settings', { token: simToken, body: { sentAfterMs: 20, deliveredAfterMs: 40 } });
    account = (await t.request('POST', '/simulator/api/accounts', { token: simToken, body: { friendlyName: 'Acme' } })).body;
    const number = await t.request('PUT', `/simulator/api/numbers/${encodeURIComponent(BUSINESS)}`, { token: simToken, body: { accountSid: account.accountSid, smsUrl: smsUrl(), friendlyName: 'Acme support' } });
    expect(number.body).toEqual({ phoneNumber: BUSINESS, accountSid: account.accountSid, friendlyName: 'Acme support', sandbox: false, sandboxKeyword: null, smsUrl: smsUrl() });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lists the business numbers it knows', async () => {
    const res = await t.request('GET', '/simulator/api/numbers', { token: simToken });
    expect(res.body.items).toEqual([expect.objectContaining({ phoneNumber: BUSINESS, accountSid: account.accountSid, sandbox: false, smsUrl: smsUrl() })]);
  });

  it.each(TEXTS)("posts a $channel text exactly as Twilio does: the fixture's fields, signed with the account's token over the configured URL", async ({ channel, fixture, own }) => {
    const res = await phoneSends({ body: 'Hello, my parcel is late', profileName: 'Ada Lovelace', channel });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ sid: expect.stringMatching(/^SM[0-9a-f]{32}$/), webhook: { ok: true, status: 200 } });
    const webhook = await webhookFor(res.body.sid);
    expect(new Set(webhook.keys)).toEqual(new Set(Object.keys(fixture)));
    expect(webhook.params).toMatchObject({
      MessageSid: res.body.sid, SmsMessageSid: res.body.sid, SmsSid: res.body.sid, AccountSid: account.accountSid, From: addressOn(channel, CUSTOMER),
      To: addressOn(channel, BUSINESS), Body: 'Hello, my parcel is late', SmsStatus: 'received', NumMedia: '0', ApiVersion: '2010-04-01', ...own,
    });
    expect(webhook.url).toBe(smsUrl());
    expect(twilio.validateRequest(account.authToken, webhook.signature!, smsUrl(), webhook.params)).toBe(true);
    expect(twilio.validateRequest(account.authToken, webhook.signature!, `${capture.url}/inbound`, webhook.params)).toBe(false);
  });

  it('sends a location and a button reply with their fields', async () => {
    const location = await phoneSends({ location: { latitude: 37.5665, longitude: 126.978, label: 'Seoul City Hall', address: '110 Sejong-daero, Jung-gu, Seoul' } });
    const lw = await webhookFor(location.body.sid);
    expect(new Set(lw.keys)).toEqual(new Set([...Object.keys(twilioFixtures.inbound.location), 'Label', 'Address']));
    expect(lw.params).toMatchObject({ MessageType: 'location', Latitude: '37.5665', Longitude: '126.978', Label: 'Seoul City Hall', Address: '110 Sejong-daero, Jung-gu, Seoul', Body: '' });

    const question = await businessSends('Shall I call you?');
    const button = await phoneSends({ button: { text: 'Talk to a person', payload: '{handoff:true}' } });
    const bw = await webhookFor(button.body.sid);
    expect(bw.params).toMatchObject({
      MessageType: 'interactive', ButtonText: 'Talk to a person', ButtonPayload: '{handoff:true}', Body: 'Talk to a person',
      OriginalRepliedMessageSid: question.sid, OriginalRepliedMessageSender: `whatsapp:${BUSINESS}`,
    });
  });

  it('sends an MMS with MediaUrl0 and MediaContentType0, and counts a long Korean SMS in UCS-2 segments', async () => {
    const mms = await phoneSends({ channel: 'sms', body: '', image: { contentType: 'image/png', dataBase64: Buffer.from('png bytes').toString('base64') } });
    expect(mms.body.sid).toMatch(/^MM[0-9a-f]{32}$/);
    const mw = await webhookFor(mms.body.sid);
    expect(new Set(mw.keys)).toEqual(new Set(Object.keys(smsFixtures.inbound.mms_image)));
    expect(mw.params).toMatchObject({ From: CUSTOMER, To: BUSINESS, NumMedia: '1', MediaContentType0: 'image/png', MediaUrl0: expect.stringContaining(`/Messages/${mms.body.sid}/Media/ME`) });

    const korean = await phoneSends({ channel: 'sms', body: '안녕하세요'.repeat(15) }); // 75 UCS-2 characters: two segments
    expect((await webhookFor(korean.body.sid)).params.NumSegments).toBe('2');
  });

  it("shows the conversation oldest first, in both directions, with media the browser can load", async () => {
    const image = await phoneSends({ body: 'see', image: { contentType: 'image/jpeg', dataBase64: Buffer.from('fake jpeg bytes').toString('base64'), filename: 'a.jpg' } });
    const items = await thread();
    expect(items.map((m: { direction: string; channel: string }) => [m.direction, m.channel])).toEqual([
      ['to-business', 'whatsapp'], ['to-business', 'sms'], ['to-business', 'whatsapp'], ['to-customer', 'whatsapp'], ['to-business', 'whatsapp'],
      ['to-business', 'sms'], ['to-business', 'sms'], ['to-business', 'whatsapp'],
    ]);
    const dates = items.map((m: { dateCreated: string }) => m.dateCreated);
    expect([...dates].sort()).toEqual(dates);
    const shown = items.find((m: { sid: string }) => m.sid === image.body.sid);
    expect(shown).toMatchObject({ from: CUSTOMER, to: BUSINESS, body: 'see', media: [{ contentType: 'image/jpeg', url: expect.stringContaining('/simulator/cdn/ME') }] });
    const file = await fetch(shown.media[0].url);
    expect(Buffer.from(await file.arrayBuffer()).toString()).toBe('fake jpeg bytes');
    expect(items.find((m: { body: string }) => m.body === 'Shall I call you?')).toMatchObject({ direction: 'to-customer', from: BUSINESS, to: CUSTOMER });
    expect(await thread(CUSTOMER, '+14155550111')).toEqual([]);
  });

  it('reports a webhook that fails or is missing, and keeps the message', async () => {
    await t.request('PUT', `/simulator/api/numbers/${encodeURIComponent(BUSINESS)}`, { token: simToken, body: { accountSid: account.accountSid, smsUrl: `${t.url}/webhooks/twilio/unknown-key/inbound` } });
    const refused = await phoneSends({ body: 'anyone there?' });
    expect(refused.status).toBe(201);
    expect(refused.body.webhook).toMatchObject({ ok: false, status: 404, error: expect.stringContaining('404') });
    await t.request('PUT', `/simulator/api/numbers/${encodeURIComponent(BUSINESS)}`, { token: simToken, body: { accountSid: account.accountSid, smsUrl: null } });
    const unset = await phoneSends({ body: 'hello?' });
    expect(unset.body.webhook).toMatchObject({ ok: false, status: null });
    await t.request('PUT', `/simulator/api/numbers/${encodeURIComponent(BUSINESS)}`, { token: simToken, body: { accountSid: account.accountSid, smsUrl: smsUrl() } });
    expect((await thread()).map((m: { body: string }) => m.body)).toEqual(expect.arrayContaining(['anyone there?', 'hello?']));
  });

  it('refuses what cannot be sent, with a clear error', async () => {
    expect((await phoneSends({ to: '+14155550111', body: 'hi' })).body.error).toMatchObject({ code: 'NOT_FOUND' });
    const empty = await phoneSends({ body: '   ' });
    expect([empty.status, empty.body.error.code]).toEqual([422, 'VALIDATION_FAILED']);
    expect((await phoneSends({ from: '15551234567', body: 'hi' })).status).toBe(400);
    expect((await phoneSends({ body: 'hi', image: { contentType: 'image/png', dataBase64: '' } })).status).toBe(422);
    const smsLocation = await phoneSends({ channel: 'sms', location: { latitude: 1, longitude: 2 } });
    expect([smsLocation.status, smsLocation.body.error.field]).toEqual([422, 'location']);
    expect((await phoneSends({ channel: 'fax', body: 'hi' })).status).toBe(400);
    expect((await t.request('POST', `/simulator/api/messages/SM${'0'.repeat(32)}/read`, { token: simToken })).status).toBe(404);
  });

  it('pushes new messages and status changes to the phone over a WebSocket', async () => {
    const socket = new WebSocket(`${t.url.replace('http', 'ws')}/simulator/api/live?phone=${encodeURIComponent(CUSTOMER)}`, { headers: { authorization: `Bearer ${simToken}` } });
    const received: { type: string; message: { sid: string; direction: string; status: string } }[] = [];
    socket.on('message', (data) => received.push(JSON.parse(String(data))));
    await new Promise((resolve) => socket.once('open', resolve));

    const inbound = await phoneSends({ body: 'live?' });
    const outbound = await businessSends('live!');
    try {
      await eventually(async () => received.some((e) => e.message.sid === outbound.sid && e.message.status === 'delivered'), 'the delivered status on the phone', 5000);
    } finally {
      socket.close();
    }
    expect(received.every((e) => e.type === 'message')).toBe(true);
    expect(received.find((e) => e.message.sid === inbound.body.sid)?.message).toMatchObject({ direction: 'to-business', status: 'received' });
    expect(received.filter((e) => e.message.sid === outbound.sid).map((e) => e.message.status)).toEqual(['queued', 'sent', 'delivered']);
  });

  it('keeps its settings, changing only what is given and refusing nonsense', async () => {
    const before = (await t.request('GET', '/simulator/api/settings', { token: simToken })).body;
    expect(before).toMatchObject({ sentAfterMs: 20, deliveredAfterMs: 40, autoRead: false, callbackOrder: 'in-order', faults: [] });
    const changed = await t.request('PUT', '/simulator/api/settings', { token: simToken, body: { autoRead: true, faults: [{ kind: 'rate-limit', count: 3 }] } });
    expect(changed.body).toMatchObject({ ...before, autoRead: true, faults: [{ kind: 'rate-limit', count: 3 }] });
    for (const bad of [{ sentAfterMs: -1 }, { faults: [{ kind: 'explode' }] }, { callbackOrder: 'random' }, { autoRead: 'sometimes' }]) {
      expect((await t.request('PUT', '/simulator/api/settings', { token: simToken, body: bad })).status).toBe(400);
    }
    expect((await t.request('GET', '/simulator/api/settings', { token: simToken })).body).toEqual(changed.body);
    await t.request('PUT', '/simulator/api/settings', { token: simToken, body: { autoRead: false, faults: [] } });
  });
});

describe.each(dbKinds)('with SIMULATOR=false (%s)', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind, { config: { simulator: false } });
  });
  afterAll(() => t?.close());

  it('mounts neither the fake Twilio nor the customer phone API', async () => {
    expect((await t.request('POST', '/simulator/api/accounts', { body: { friendlyName: 'Nope' } })).status).toBe(404);
    expect((await t.request('POST', '/simulator/api/phone/messages', { body: { from: CUSTOMER, to: BUSINESS, body: 'hi' } })).status).toBe(404);
    const rest = await t.request('POST', `/simulator/twilio/2010-04-01/Accounts/AC${'0'.repeat(32)}/Messages.json`, { body: {} });
    expect(rest.status).toBe(404);
    expect(rest.body.code).toBeUndefined(); // not a Twilio error body: nothing Twilio-like answered
  });
});
