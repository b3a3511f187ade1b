import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import twilio from 'twilio';
import { dbKinds } from '../helpers/databases.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { smsFixtures, twilioFixtures } from '../helpers/fixtures.js';
import { CHANNEL_IDS, channelAdapter, type ChannelId } from '../../src/server/channels/registry.js';
import { validateTwilioRequest, validateTwilioResponse } from '../helpers/twilio-contract.js';
import { startCapture, type Capture, type Captured } from './simulator-capture.js';

const BUSINESS = '+14155550100';
const SANDBOX = '+14155238886';
const OTHERS = '+14155550199';
const CUSTOMER = '+15551234567';
const FAST = { sentAfterMs: 20, deliveredAfterMs: 40, readAfterMs: 60, responseDelayMs: 0, autoRead: false, callbackOrder: 'in-order', callbacksBeforeAnswer: false, faults: [] };

type Account = { accountSid: string; authToken: string };
const addressOn = (channel: ChannelId, phone: string) => channelAdapter(channel).twilio!.address(phone);

describe.each(dbKinds)('simulated Twilio REST API (%s)', (kind) => {
  let t: TestApp;
  let capture: Capture;
  let simToken: string;
  let acme: Account;
  let other: Account;
  let customerCount = 0;
  /** A customer who has never written (each test gets its own, so windows do not leak between tests). */
  const newCustomer = () => `+1555300${String(++customerCount).padStart(4, '0')}`;

  async function twilioCall(method: string, path: string, opts: { account?: Account | null; form?: Record<string, string | string[]>; redirect?: RequestRedirect } = {}) {
    const account = opts.account === undefined ? acme : opts.account;
    const form = new URLSearchParams();
    for (const [k, v] of Object.entries(opts.form ?? {})) for (const x of [v].flat()) form.append(k, x);
    const response = await fetch(`${t.url}/simulator/twilio${path}`, {
      method,
      redirect: opts.redirect,
      headers: {
        ...(account ? { authorization: 'Basic ' + Buffer.from(`${account.accountSid}:${account.authToken}`).toString('base64') } : {}),
        ...(opts.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      body: opts.form ? form.toString() : undefined,
    });
    const text = await response.text();
    const body = text && response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text;
    return { status: response.status, body, headers: response.headers, contract: validateTwilioResponse({ method, path, status: response.status, body }) };
  }
  const messagesPath = (a: Account = acme) => `/2010-04-01/Accounts/${a.accountSid}/Messages.json`;
  const send = (form: Record<string, string | string[]>, account: Account = acme) => {
    expect(validateTwilioRequest({ method: 'POST', path: messagesPath(account), form: new URLSearchParams(form as Record<string, string>) })).toEqual([]);
    return twilioCall('POST', messagesPath(account), { form, account });
  };
  const session = (to: string, extra: Record<string, string> = {}) => ({
    To: `whatsapp:${to}`,
    From: `whatsapp:${BUSINESS}`,
    Body: 'Your parcel is on its way',
    StatusCallback: `${capture.url}/status?m=${to.slice(1)}`,
    ...extra,
  });
  /** A session message on a channel: the same send, addressed the channel's way. */
  const on = (channel: ChannelId, to: string, extra: Record<string, string> = {}) =>
    session(to, { To: addressOn(channel, to), From: addressOn(channel, BUSINESS), ...extra });
  const customerWrites = async (from: string, to = BUSINESS, body = 'hello', channel?: ChannelId) => {
    const res = await t.request('POST', '/simulator/api/phone/messages', { token: simToken, body: { from, to, body, profileName: 'Ada', channel } });
    expect(res.status).toBe(201);
    return res.body;
  };
  const callbacksFor = (sid: string, count: number, timeoutMs?: number) => capture.waitFor((r) => r.path === '/status' && r.params.MessageSid === sid, count, timeoutMs);
  const setSettings = async (change: Record<string, unknown>) => expect((await t.request('PUT', '/simulator/api/settings', { token: simToken, body: change })).status).toBe(200);

  beforeAll(async () => {
    capture = startCapture();
    t = await startTestApp(kind, { fetch: capture.fetch });
    capture.on(t.url);
    simToken = (await t.userWithToken('agent')).token;
    acme = (await t.request('POST', '/simulator/api/accounts', { token: simToken, body: { friendlyName: 'Acme' } })).body;
    other = (await t.request('POST', '/simulator/api/accounts', { token: simToken, body: { friendlyName: 'Other' } })).body;
    for (const [phone, account, sandbox] of [[BUSINESS, acme, false], [SANDBOX, acme, true], [OTHERS, other, false]] as const) {
      const res = await t.request('PUT', `/simulator/api/numbers/${encodeURIComponent(phone)}`, { token: simToken, body: { accountSid: account.accountSid, smsUrl: `${capture.url}/inbound`, sandbox } });
      expect(res.status).toBe(200);
    }
  });
  beforeEach(() => setSettings(FAST));
  afterAll(async () => {
    await t?.close();
  });

  it("fetches the account as Twilio describes it, and refuses bad credentials with Twilio's 20003", async () => {
    const ok = await twilioCall('GET', `/2010-04-01/Accounts/${acme.accountSid}.json`);
    expect(ok.status).toBe(200);
    expect(ok.contract).toEqual([]);
    expect(ok.body).toMatchObject({ sid: acme.accountSid, friendly_name: 'Acme', status: 'active' });

    for (const account of [{ ...acme, authToken: 'wrong' }, null, other]) {
      const refused = await twilioCall('GET', `/2010-04-01/Accounts/${acme.accountSid}.json`, { account });
      expect(refused.status).toBe(401);
      expect(refused.body).toEqual({ code: 20003, message: 'Authenticate', more_info: 'https://www.twilio.com/docs/errors/20003', status: 401 });
      expect(refused.contract).toEqual([]);
    }
  });

  it('creates a message: 201 with a Message resource in Twilio\'s exact shape, a unique SM sid, queued', async () => {
    await customerWrites(CUSTOMER);
    const first = await send(session(CUSTOMER));
    const second = await send(session(CUSTOMER));
    for (const res of [first, second]) {
      expect(res.status).toBe(201);
      expect(res.contract).toEqual([]);
      expect(res.body).toMatchObject({ status: 'queued', direction: 'outbound-api', to: `whatsapp:${CUSTOMER}`, from: `whatsapp:${BUSINESS}`, num_media: '0', account_sid: acme.accountSid });
      expect(res.body.uri).toBe(`/2010-04-01/Accounts/${acme.accountSid}/Messages/${res.body.sid}.json`);
    }
    expect(first.body.sid).toMatch(/^SM[0-9a-f]{32}$/);
    expect(first.body.sid).not.toBe(second.body.sid);
  });

  it.each(CHANNEL_IDS)("creates a %s message addressed the channel's way, counts its segments, and refuses a body over 1600 characters", async (channel) => {
    const customer = newCustomer();
    await customerWrites(customer, BUSINESS, 'hello', channel);
    const long = 'x'.repeat(161);
    const res = await send(on(channel, customer, { Body: long }));
    expect(res.status).toBe(201);
    expect(res.contract).toEqual([]);
    expect(res.body).toMatchObject({ status: 'queued', to: addressOn(channel, customer), from: addressOn(channel, BUSINESS), body: long });
    // Twilio bills SMS by the segment (161 GSM-7 characters are two); a WhatsApp message is one.
    expect(res.body.num_segments).toBe(channelAdapter(channel).capabilities.segments ? '2' : '1');
    expect((await callbacksFor(res.body.sid, 2)).map((c) => c.params.MessageStatus)).toEqual(['sent', 'delivered']);

    const tooLong = await send(on(channel, customer, { Body: 'x'.repeat(1601) }));
    expect([tooLong.status, tooLong.body.code, tooLong.contract]).toEqual([400, 21617, []]);
  });

  it("carries SMS with plain numbers, no window and no read receipts, reporting in Twilio's SMS field sets", async () => {
    await setSettings({ autoRead: true, callbacksBeforeAnswer: true });
    const stranger = newCustomer(); // never wrote: WhatsApp would fail this with 63016
    const created = await send(on('sms', stranger));
    expect(created.status).toBe(201);
    expect(created.contract).toEqual([]);
    expect(created.body).toMatchObject({ to: stranger, from: BUSINESS, num_segments: '1' });
    // Every callback was sent before the answer: sent and delivered, never read.
    const callbacks = capture.requests.filter((r) => r.path === '/status' && r.params.MessageSid === created.body.sid);
    expect(callbacks.map((c) => c.params.MessageStatus)).toEqual(['sent', 'delivered']);
    for (const callback of callbacks) {
      expect(new Set(callback.keys)).toEqual(new Set(Object.keys(smsFixtures.status.delivered)));
      expect(callback.params).toMatchObject({ To: stranger, From: BUSINESS, SmsSid: created.body.sid, AccountSid: acme.accountSid });
      expect(twilio.validateRequest(acme.authToken, callback.signature!, callback.url, callback.params)).toBe(true);
    }
    const read = await t.request('POST', `/simulator/api/messages/${created.body.sid}/read`, { token: simToken });
    expect([read.status, read.body.error.code]).toEqual([409, 'SIMULATOR_NO_READ_RECEIPTS']);
    const fetched = await twilioCall('GET', `/2010-04-01/Accounts/${acme.accountSid}/Messages/${created.body.sid}.json`);
    expect([fetched.body.status, fetched.contract]).toEqual(['delivered', []]);

    await setSettings({ faults: [{ kind: 'fail', code: 21610 }] });
    const failed = await send(on('sms', stranger));
    const [callback] = capture.requests.filter((r) => r.path === '/status' && r.params.MessageSid === failed.body.sid);
    expect(new Set(callback.keys)).toEqual(new Set(Object.keys(smsFixtures.status.failed_unsubscribed)));
    expect(callback.params).toMatchObject({ MessageStatus: 'failed', ErrorCode: '21610' });
  });

  it('sends MMS with up to 10 media files, and refuses 11 (21623)', async () => {
    const customer = newCustomer();
    const urls = (n: number) => Array.from({ length: n }, (_, i) => `${t.url}/media/${i}.jpg`);
    const mms = await send({ ...on('sms', customer, { Body: 'the photos' }), MediaUrl: urls(10) });
    expect(mms.status).toBe(201);
    expect(mms.contract).toEqual([]);
    expect(mms.body).toMatchObject({ num_media: '10', to: customer });
    expect(mms.body.sid).toMatch(/^MM[0-9a-f]{32}$/);
    const refused = await send({ ...on('sms', customer), MediaUrl: urls(11) });
    expect([refused.status, refused.body.code, refused.contract]).toEqual([400, 21623, []]);
  });

  it("refuses on SMS what only WhatsApp has: Content templates, the sandbox number; and mixed channels (21910)", async () => {
    const content = await t.request('POST', '/simulator/api/content', { token: simToken, body: { accountSid: acme.accountSid, friendlyName: 'sms_update', language: 'en', body: 'Hello {{1}}' } });
    const { Body: _b, ...noBody } = on('sms', CUSTOMER);
    const cases: [Record<string, string>, number][] = [
      [{ ...noBody, ContentSid: content.body.sid }, 21655],
      [on('sms', CUSTOMER, { From: SANDBOX }), 21606],
      [on('sms', CUSTOMER, { From: `whatsapp:${BUSINESS}` }), 21910],
    ];
    for (const [form, code] of cases) {
      const res = await send(form);
      expect({ code, status: res.status, body: res.body, contract: res.contract }).toMatchObject({ code, status: 400, body: { code, status: 400 }, contract: [] });
    }
  });

  it('answers "accepted" with no From yet when a Messaging Service sends', async () => {
    await customerWrites(CUSTOMER);
    const { From: _from, ...viaService } = session(CUSTOMER);
    const res = await send({ ...viaService, MessagingServiceSid: 'MG' + 'a'.repeat(32) });
    expect(res.status).toBe(201);
    expect(res.contract).toEqual([]);
    expect(res.body).toMatchObject({ status: 'accepted', from: null, messaging_service_sid: 'MG' + 'a'.repeat(32) });
  });

  it("refuses bad sends with Twilio's codes and creates nothing", async () => {
    const before = await twilioCall('GET', `${messagesPath()}?PageSize=1000`);
    const { To: _to, ...noTo } = session(CUSTOMER);
    const { From: _from, ...noFrom } = session(CUSTOMER);
    const { Body: _body, ...noBody } = session(CUSTOMER);
    const cases: [Record<string, string>, number][] = [
      [noTo, 21604],
      [noFrom, 21603],
      [noBody, 21602],
      [session(CUSTOMER, { To: 'whatsapp:+1' }), 21211],
      [session(CUSTOMER, { To: 'whatsapp:5551234567' }), 21211],
      [session(CUSTOMER, { From: 'whatsapp:+19995550000' }), 21659],
      [session(CUSTOMER, { From: `whatsapp:${OTHERS}` }), 21606],
      [session(CUSTOMER, { To: CUSTOMER }), 21910],
      [{ ...noBody, ContentSid: 'HX' + '0'.repeat(32) }, 21655],
      [session(CUSTOMER, { ContentVariables: '{"1":"Ada"}' }), 21654],
    ];
    for (const [form, code] of cases) {
      const res = await twilioCall('POST', messagesPath(), { form });
      expect({ code, status: res.status, body: res.body }).toMatchObject({ code, status: 400, body: { code, status: 400, more_info: `https://www.twilio.com/docs/errors/${code}` } });
      expect(res.contract).toEqual([]);
    }
    const after = await twilioCall('GET', `${messagesPath()}?PageSize=1000`);
    expect(after.body.messages.length).toBe(before.body.messages.length);
  });

  it('reports a message through signed status callbacks, in order: sent, delivered, then read when the customer reads it', async () => {
    await customerWrites(CUSTOMER);
    const created = await send(session(CUSTOMER));
    const sid = created.body.sid;
    const [sent, delivered] = await callbacksFor(sid, 2);
    expect([sent.params.MessageStatus, delivered.params.MessageStatus]).toEqual(['sent', 'delivered']);
    expect(sent.url).toBe(`${capture.url}/status?m=${CUSTOMER.slice(1)}`);
    expect(new Set(sent.keys)).toEqual(new Set(Object.keys(twilioFixtures.status.sent)));
    expect(new Set(delivered.keys)).toEqual(new Set(Object.keys(twilioFixtures.status.delivered)));
    expect(sent.params).toMatchObject({ SmsSid: sid, SmsStatus: 'sent', AccountSid: acme.accountSid, From: `whatsapp:${BUSINESS}`, To: `whatsapp:${CUSTOMER}`, ChannelPrefix: 'whatsapp', ApiVersion: '2010-04-01' });
    expect(delivered.params.EventType).toBe('DELIVERED');

    const read = await t.request('POST', `/simulator/api/messages/${sid}/read`, { token: simToken });
    expect(read.status).toBe(200);
    expect(read.body.status).toBe('read');
    const all = await callbacksFor(sid, 3);
    expect(all.map((c) => c.params.MessageStatus)).toEqual(['sent', 'delivered', 'read']);
    expect(new Set(all[2].keys)).toEqual(new Set(Object.keys(twilioFixtures.status.read)));
    for (const callback of all) {
      expect(callback.contentType).toBe('application/x-www-form-urlencoded');
      expect(twilio.validateRequest(acme.authToken, callback.signature!, callback.url, callback.params)).toBe(true);
      expect(twilio.validateRequest(other.authToken, callback.signature!, callback.url, callback.params)).toBe(false);
    }
    const fetched = await twilioCall('GET', `/2010-04-01/Accounts/${acme.accountSid}/Messages/${sid}.json`);
    expect(fetched.contract).toEqual([]);
    expect(fetched.body.status).toBe('read');
  });

  it('lets the customer read a message on its way, not one still queued; the late "delivered" stays silent', async () => {
    await customerWrites(CUSTOMER);
    await setSettings({ sentAfterMs: 5000, deliveredAfterMs: 5000 });
    const queued = await send(session(CUSTOMER));
    const refused = await t.request('POST', `/simulator/api/messages/${queued.body.sid}/read`, { token: simToken });
    expect([refused.status, refused.body.error.code]).toEqual([409, 'SIMULATOR_NOT_DELIVERED']);

    await setSettings({ sentAfterMs: 20, deliveredAfterMs: 400 });
    const onItsWay = await send(session(CUSTOMER));
    await callbacksFor(onItsWay.body.sid, 1);
    expect((await t.request('POST', `/simulator/api/messages/${onItsWay.body.sid}/read`, { token: simToken })).body.status).toBe('read');
    // A message sent after it, on the same timings, is delivered after its "delivered" came due.
    const after = await send(session(CUSTOMER));
    await callbacksFor(after.body.sid, 2);
    expect((await callbacksFor(onItsWay.body.sid, 3)).map((c) => c.params.MessageStatus)).toEqual(['sent', 'delivered', 'read']);
  });

  it('reads by itself with autoRead', async () => {
    await setSettings({ autoRead: true });
    await customerWrites(CUSTOMER);
    const { body } = await send(session(CUSTOMER));
    expect((await callbacksFor(body.sid, 3)).map((c) => c.params.MessageStatus)).toEqual(['sent', 'delivered', 'read']);
  });

  it('fails a session message with 63016 when the customer has not written in 24 hours; a template still goes', async () => {
    const stranger = newCustomer();
    const created = await send(session(stranger));
    expect(created.status).toBe(201);
    const [failed] = await callbacksFor(created.body.sid, 1);
    expect(failed.params).toMatchObject({ MessageStatus: 'failed', ErrorCode: '63016', ErrorMessage: twilioFixtures.status.failed_outside_window.ErrorMessage });
    expect(new Set(failed.keys)).toEqual(new Set(Object.keys(twilioFixtures.status.failed_outside_window)));
    const fetched = await twilioCall('GET', `/2010-04-01/Accounts/${acme.accountSid}/Messages/${created.body.sid}.json`);
    expect(fetched.contract).toEqual([]);
    expect(fetched.body).toMatchObject({ status: 'failed', error_code: 63016 });

    // The window closes 24 hours after the customer's last message.
    await customerWrites(stranger);
    await t.ctx.db.updateTable('sim_messages' as never).set({ date_created: new Date(Date.now() - 25 * 3600_000) } as never).where('customer' as never, '=', stranger as never).execute();
    const late = await send(session(stranger));
    expect((await callbacksFor(late.body.sid, 1))[0].params.ErrorCode).toBe('63016');

    const content = await t.request('POST', '/simulator/api/content', { token: simToken, body: { accountSid: acme.accountSid, friendlyName: 'update', language: 'en', body: 'Hello {{1}}' } });
    const { Body: _b, ...noBody } = session(stranger);
    const template = await send({ ...noBody, ContentSid: content.body.sid, ContentVariables: '{"1":"Ada"}' });
    expect(template.status).toBe(201);
    expect(template.body.body).toBe('Hello Ada');
    expect((await callbacksFor(template.body.sid, 2)).map((c) => c.params.MessageStatus)).toEqual(['sent', 'delivered']);
  });

  it('fails sandbox messages with 63015 until the customer joins, and again once the join is over 3 days old', async () => {
    const customer = newCustomer();
    const fromSandbox = (extra: Record<string, string> = {}) => session(customer, { From: `whatsapp:${SANDBOX}`, ...extra });
    const before = await send(fromSandbox());
    expect((await callbacksFor(before.body.sid, 1))[0].params).toMatchObject({ MessageStatus: 'failed', ErrorCode: '63015' });

    const wrong = await customerWrites(customer, SANDBOX, 'join not-the-code');
    expect(wrong.sandboxJoin).toEqual({ joined: false });
    const keyword = (await t.request('GET', '/simulator/api/numbers', { token: simToken })).body.items.find((n: { phoneNumber: string }) => n.phoneNumber === SANDBOX).sandboxKeyword;
    const inboundBefore = capture.requests.filter((r) => r.path === '/inbound').length;
    const joined = await customerWrites(customer, SANDBOX, `join ${keyword}`);
    expect(joined.sandboxJoin).toEqual({ joined: true });
    expect(capture.requests.filter((r) => r.path === '/inbound').length).toBe(inboundBefore); // the sandbox answers joins itself
    const thread = await t.request('GET', `/simulator/api/phone/${encodeURIComponent(customer)}/messages?with=${encodeURIComponent(SANDBOX)}`, { token: simToken });
    expect(thread.body.items.at(-1)).toMatchObject({ direction: 'to-customer', status: 'delivered', body: expect.stringContaining('You are all set') });

    const after = await send(fromSandbox());
    expect((await callbacksFor(after.body.sid, 2)).map((c) => c.params.MessageStatus)).toEqual(['sent', 'delivered']);

    await t.ctx.db.updateTable('sim_sandbox_joins' as never).set({ joined_at: new Date(Date.now() - 4 * 24 * 3600_000) } as never).execute();
    const expired = await send(fromSandbox());
    expect((await callbacksFor(expired.body.sid, 1))[0].params.ErrorCode).toBe('63015');
  });

  it('injects failures: a failed callback with the code, Twilio errors, 429, 500 and a dropped connection after accepting', async () => {
    await customerWrites(CUSTOMER);
    await setSettings({
      faults: [
        { kind: 'fail', code: 63024 },
        { kind: 'undeliver', code: 30003 },
        { kind: 'reject', code: 21610 },
        { kind: 'rate-limit' },
        { kind: 'server-error' },
        { kind: 'error-after-accept' },
        { kind: 'drop-after-accept' },
      ],
    });
    const failed = await send(session(CUSTOMER));
    expect(failed.status).toBe(201);
    expect((await callbacksFor(failed.body.sid, 1))[0].params).toMatchObject({ MessageStatus: 'failed', ErrorCode: '63024', ErrorMessage: 'Invalid message recipient' });
    const undelivered = await send(session(CUSTOMER));
    expect((await callbacksFor(undelivered.body.sid, 2)).map((c) => [c.params.MessageStatus, c.params.ErrorCode])).toEqual([['sent', undefined], ['undelivered', '30003']]);

    for (const [status, code] of [[400, 21610], [429, 20429], [500, 20500], [500, 20500]]) {
      const res = await send(session(CUSTOMER, { Body: `fault ${code}` }));
      expect([res.status, res.body.code]).toEqual([status, code]);
      expect(res.contract).toEqual([]);
    }
    const dropped = await send(session(CUSTOMER, { Body: 'dropped on the floor' })).catch((err: Error) => err);
    expect(dropped).toBeInstanceOf(Error);
    expect((await t.request('GET', '/simulator/api/settings', { token: simToken })).body.faults).toEqual([]);

    // Both "after accept" faults left a real message behind, as Twilio would have.
    const list = await twilioCall('GET', `${messagesPath()}?To=${encodeURIComponent(`whatsapp:${CUSTOMER}`)}&PageSize=20`);
    expect(list.contract).toEqual([]);
    const bodies = list.body.messages.map((m: { body: string }) => m.body);
    expect(bodies).toContain('dropped on the floor');
    expect(bodies).toContain('fault 20500');
    expect(bodies.filter((b: string) => b === 'fault 20500')).toHaveLength(1);
    expect(bodies).not.toContain('fault 21610');
    expect(bodies).not.toContain('fault 20429');
  });

  it('answers slowly when asked, and can hold a request it accepted until the caller gives up', async () => {
    await customerWrites(CUSTOMER);
    await setSettings({ responseDelayMs: 300 });
    const started = Date.now();
    expect((await send(session(CUSTOMER))).status).toBe(201);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);

    await setSettings({ responseDelayMs: 0, faults: [{ kind: 'timeout-after-accept', hangMs: 5000 }] });
    const hung = await fetch(`${t.url}/simulator/twilio${messagesPath()}`, {
      method: 'POST',
      headers: { authorization: 'Basic ' + Buffer.from(`${acme.accountSid}:${acme.authToken}`).toString('base64'), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(session(CUSTOMER, { Body: 'held' })).toString(),
      signal: AbortSignal.timeout(300),
    }).catch((err: Error) => err);
    expect((hung as Error).name).toBe('TimeoutError');
    const list = await twilioCall('GET', `${messagesPath()}?To=${encodeURIComponent(`whatsapp:${CUSTOMER}`)}&PageSize=5`);
    expect(list.body.messages[0]).toMatchObject({ body: 'held' });
  });

  it('can send the callbacks before answering, or out of order; its own record never moves back', async () => {
    await customerWrites(CUSTOMER);
    await setSettings({ callbacksBeforeAnswer: true });
    const early = await send(session(CUSTOMER));
    const arrived = capture.requests.filter((r: Captured) => r.params.MessageSid === early.body.sid).map((r) => r.params.MessageStatus);
    expect(arrived).toEqual(['sent', 'delivered']);
    expect(early.body.status).toBe('queued');

    await setSettings({ callbacksBeforeAnswer: false, callbackOrder: 'reversed' });
    const reversed = await send(session(CUSTOMER));
    expect((await callbacksFor(reversed.body.sid, 2)).map((c) => c.params.MessageStatus)).toEqual(['delivered', 'sent']);
    const fetched = await twilioCall('GET', `/2010-04-01/Accounts/${acme.accountSid}/Messages/${reversed.body.sid}.json`);
    expect(fetched.body.status).toBe('delivered');
  });

  it("lists and fetches messages with Twilio's filters and paging", async () => {
    const customer = newCustomer();
    await customerWrites(customer);
    const sids = [];
    for (let i = 0; i < 3; i++) sids.push((await send(session(customer, { Body: `n${i}` }))).body.sid);
    const today = new Date().toISOString().slice(0, 10);
    const query = new URLSearchParams({ To: `whatsapp:${customer}`, From: `whatsapp:${BUSINESS}`, 'DateSent>': today, PageSize: '2' });
    expect(validateTwilioRequest({ method: 'GET', path: `${messagesPath()}?${query}` })).toEqual([]);
    const first = await twilioCall('GET', `${messagesPath()}?${query}`);
    expect(first.status).toBe(200);
    expect(first.contract).toEqual([]);
    expect(first.body.messages.map((m: { sid: string }) => m.sid)).toEqual([sids[2], sids[1]]);
    expect(first.body.next_page_uri).toMatch(/^\/2010-04-01\/Accounts\/AC[0-9a-f]{32}\/Messages\.json\?/);
    const second = await twilioCall('GET', first.body.next_page_uri);
    expect(second.contract).toEqual([]);
    expect(second.body.messages.map((m: { sid: string }) => m.sid)).toEqual([sids[0]]);
    expect(second.body.next_page_uri).toBeNull();

    const inbound = await twilioCall('GET', `${messagesPath()}?From=${encodeURIComponent(`whatsapp:${customer}`)}`);
    expect(inbound.body.messages).toEqual([expect.objectContaining({ direction: 'inbound', status: 'received', body: 'hello' })]);
    const future = await twilioCall('GET', `${messagesPath()}?To=${encodeURIComponent(`whatsapp:${customer}`)}&DateSent%3E=2999-01-01`);
    expect(future.body.messages).toEqual([]);

    const missing = await twilioCall('GET', `/2010-04-01/Accounts/${acme.accountSid}/Messages/SM${'0'.repeat(32)}.json`);
    expect([missing.status, missing.body.code, missing.contract]).toEqual([404, 20404, []]);
    const notYours = await twilioCall('GET', `/2010-04-01/Accounts/${other.accountSid}/Messages/${sids[0]}.json`, { account: other });
    expect(notYours.status).toBe(404);
  });

  it('serves customer media behind Basic auth, redirecting to a signed CDN URL that needs no credentials', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108020000009077537de0000000c4944415478da63f8ffff3f0005fe02fea7d6a4d20000000049454e44ae426082', 'hex');
    const sent = await t.request('POST', '/simulator/api/phone/messages', {
      token: simToken,
      body: { from: CUSTOMER, to: BUSINESS, body: 'the box', image: { contentType: 'image/png', dataBase64: png.toString('base64'), filename: 'box.png' } },
    });
    expect(sent.body.sid).toMatch(/^MM/);
    const [webhook] = await capture.waitFor((r) => r.path === '/inbound' && r.params.MessageSid === sent.body.sid);
    expect(webhook.params).toMatchObject({ NumMedia: '1', MediaContentType0: 'image/png', MessageType: 'image', Body: 'the box' });
    const mediaPath = new URL(webhook.params.MediaUrl0).pathname.replace('/simulator/twilio', '');

    expect((await twilioCall('GET', mediaPath, { account: null })).status).toBe(401);
    const redirect = await twilioCall('GET', mediaPath, { redirect: 'manual' });
    expect(redirect.status).toBe(302);
    const cdn = redirect.headers.get('location')!;
    expect(cdn).toMatch(new RegExp(`^${t.url}/simulator/cdn/ME[0-9a-f]{32}\\?Expires=\\d+&Signature=`));
    const bytes = await fetch(cdn);
    expect(bytes.status).toBe(200);
    expect(bytes.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await bytes.arrayBuffer()).equals(png)).toBe(true);
    // One character of the signature changed (to one it is not already).
    const tampered = cdn.replace(/Signature=(.)/, (_, c: string) => `Signature=${c === 'x' ? 'y' : 'x'}`);
    expect((await fetch(tampered)).status).toBe(403);

    const resource = await twilioCall('GET', `${mediaPath}.json`);
    expect(resource.contract).toEqual([]);
    expect(resource.body).toMatchObject({ parent_sid: sent.body.sid, content_type: 'image/png' });
  });

  it("serves the Content API in Twilio's shape: create, list by pages, fetch, approval", async () => {
    const v1 = (path: string, init: RequestInit = {}, account: Account = acme) =>
      fetch(`${t.url}/simulator/twilio/v1${path}`, {
        ...init,
        headers: { authorization: 'Basic ' + Buffer.from(`${account.accountSid}:${account.authToken}`).toString('base64'), 'content-type': 'application/json', ...init.headers },
      }).then(async (r) => {
        const body = r.status === 204 ? undefined : await r.json();
        return { status: r.status, body, contract: validateTwilioResponse({ method: init.method ?? 'GET', path: `/v1${path}`, status: r.status, body }) };
      });
    const request = { friendly_name: 'welcome', language: 'en', variables: { '1': 'Ada' }, types: { 'twilio/text': { body: 'Welcome {{1}}!' } } };
    expect(validateTwilioRequest({ method: 'POST', path: '/v1/Content', json: request })).toEqual([]);
    const created = await v1('/Content', { method: 'POST', body: JSON.stringify(request) });
    expect(created.status).toBe(201);
    expect(created.contract).toEqual([]);
    expect(created.body.sid).toMatch(/^HX[0-9a-f]{32}$/);
    await t.request('POST', '/simulator/api/content', { token: simToken, body: { accountSid: acme.accountSid, friendlyName: 'second', language: 'ko', body: '안녕하세요 {{1}}' } });

    const page = await v1('/Content?PageSize=1');
    expect(page.contract).toEqual([]);
    expect(page.body.meta.next_page_url).toContain('Page=1');
    const all = await v1('/Content?PageSize=50');
    expect(all.body.contents.map((c: { friendly_name: string }) => c.friendly_name)).toEqual(expect.arrayContaining(['welcome', 'second']));
    const fetched = await v1(`/Content/${created.body.sid}`);
    expect([fetched.status, fetched.contract]).toEqual([200, []]);
    const approval = await v1(`/Content/${created.body.sid}/ApprovalRequests`);
    expect(approval.contract).toEqual([]);
    expect(approval.body.whatsapp.status).toBe('approved');
    expect((await v1(`/Content/${created.body.sid}`, {}, other)).status).toBe(404);
    expect((await v1('/Content', { method: 'POST', body: JSON.stringify({ language: 'en' }) })).status).toBe(400);
  });
});
