import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import twilio from 'twilio';
import { dbKinds } from '../helpers/databases.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { BUSINESS_NUMBER, setupWhatsapp, type WhatsappSetup } from '../helpers/scenario.js';
import { createContractFetch, validateTwilioRequest, validateTwilioResponse, type ContractFetch } from '../helpers/twilio-contract.js';
import { eventually } from '../helpers/eventually.js';
import { runOutboxOnce } from '../../src/server/outbox/worker.js';
import { downloadPendingMedia } from '../../src/server/media/download-media.js';
import { runRedactionsOnce } from '../../src/server/retention/twilio-redactions.js';

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de', 'hex');
const DAY_MS = 24 * 3600 * 1000;

/** Twilio's official client, sent to the simulator instead of api.twilio.com. */
function sdkFor(baseUrl: string, account: { accountSid: string; authToken: string }) {
  const httpClient = new twilio.RequestClient();
  const send = httpClient.request.bind(httpClient);
  httpClient.request = (opts) => send({ ...opts, uri: opts.uri.replace('https://api.twilio.com', baseUrl) });
  return twilio(account.accountSid, account.authToken, { httpClient });
}

describe.each(dbKinds)('erasing a customer reaches Twilio and leaves the figures alone (%s)', (kind) => {
  let t: TestApp;
  let contract: ContractFetch;
  let setup: WhatsappSetup;
  let account: { accountSid: string; authToken: string };
  /** The simulator's phone and console answer signed-in users only. */
  let simToken: string;
  let customers = 0;
  const newCustomer = () => `+1555808${String(++customers).padStart(4, '0')}`;

  const phoneThread = async (customer: string) =>
    (await t.request('GET', `/simulator/api/phone/${encodeURIComponent(customer)}/messages?with=${encodeURIComponent(BUSINESS_NUMBER)}`, { token: simToken })).body.items as { sid: string; body: string; media: unknown[]; status: string }[];
  const customerSends = async (from: string, body: string, image = false) => {
    const sent = await t.request('POST', '/simulator/api/phone/messages', {
      token: simToken,
      body: { from, to: BUSINESS_NUMBER, body, profileName: 'Erin Erasable', ...(image ? { image: { contentType: 'image/png', dataBase64: PNG.toString('base64') } } : {}) },
    });
    expect(sent.body.webhook).toEqual({ ok: true, status: 200 });
    return sent.body.sid as string;
  };
  const conversationOf = async (phone: string) =>
    (await t.ctx.db.selectFrom('conversations as c').innerJoin('contacts as k', 'k.id', 'c.contact_id').select(['c.id', 'k.id as contactId']).where('k.phone', '=', phone).executeTakeFirstOrThrow());
  const admin = (method: string, path: string, body?: unknown) => t.request(method, `/api/v1${path}`, { token: setup.admin.token, body });

  beforeAll(async () => {
    contract = createContractFetch();
    t = await startTestApp(kind, { fetch: contract.fetch });
    simToken = (await t.userWithToken('agent')).token;
    await t.request('PUT', '/simulator/api/settings', { token: simToken, body: { sentAfterMs: 10, deliveredAfterMs: 20 } });
    account = (await t.request('POST', '/simulator/api/accounts', { token: simToken, body: { friendlyName: 'Acme' } })).body;
    setup = await setupWhatsapp(t, { provider: 'simulator', ...account });
    expect((await t.request('PUT', `/simulator/api/numbers/${encodeURIComponent(BUSINESS_NUMBER)}`, { token: simToken, body: { accountSid: account.accountSid, smsUrl: setup.inboundUrl } })).status).toBe(200);
  });
  afterAll(() => t?.close());

  it("lets Twilio's official SDK redact a body and list and delete media on the simulator; any other path is Twilio's JSON 404", async () => {
    const sid = await customerSends(newCustomer(), 'the broken box', true);
    const client = sdkFor(`${t.url}/simulator/twilio`, account);

    const media = await client.messages(sid).media.list();
    expect(media.map((m) => [m.parentSid, m.contentType])).toEqual([[sid, 'image/png']]);
    const redacted = await client.messages(sid).update({ body: '' });
    expect(redacted.body).toBe('');
    expect((await client.messages(sid).fetch()).body).toBe('');
    expect(await client.messages(sid).media(media[0].sid).remove()).toBe(true);
    expect(await client.messages(sid).media.list()).toEqual([]);
    await expect(client.messages(sid).media(media[0].sid).remove()).rejects.toMatchObject({ status: 404, code: 20404 });

    // The same calls over plain HTTP, checked against Twilio's OpenAPI documents.
    const auth = { authorization: 'Basic ' + Buffer.from(`${account.accountSid}:${account.authToken}`).toString('base64') };
    const call = async (method: string, path: string, form?: Record<string, string>) => {
      if (form) expect(validateTwilioRequest({ method, path, form: new URLSearchParams(form) })).toEqual([]);
      const res = await fetch(`${t.url}/simulator/twilio${path}`, {
        method,
        headers: { ...auth, ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
        body: form ? new URLSearchParams(form).toString() : undefined,
      });
      const text = await res.text();
      expect(res.headers.get('content-type') ?? 'none').not.toContain('html');
      const body = text ? JSON.parse(text) : undefined;
      return { status: res.status, body, contract: validateTwilioResponse({ method, path, status: res.status, body }) };
    };
    const messagePath = `/2010-04-01/Accounts/${account.accountSid}/Messages/${sid}`;
    expect(await call('POST', `${messagePath}.json`, { Body: '' })).toMatchObject({ status: 200, contract: [], body: { body: '' } });
    expect(await call('GET', `${messagePath}/Media.json`)).toMatchObject({ status: 200, contract: [], body: { media_list: [] } });
    expect(await call('POST', `${messagePath}.json`, { Body: 'put back' })).toMatchObject({ status: 400, contract: [], body: { code: 20422 } });
    const unknownMessage = `/2010-04-01/Accounts/${account.accountSid}/Messages/SM${'0'.repeat(32)}`;
    expect(await call('GET', `${unknownMessage}/Media.json`)).toMatchObject({ status: 404, contract: [], body: { code: 20404, status: 404 } });
    expect(await call('DELETE', `${unknownMessage}/Media/ME${'0'.repeat(32)}.json`)).toMatchObject({ status: 404, contract: [], body: { code: 20404 } });
    for (const path of [`/2010-04-01/Accounts/${account.accountSid}/Nothing.json`, '/2010-04-01/Anything/at/all', '/v2/Services']) {
      for (const method of ['GET', 'POST', 'DELETE']) {
        const res = await call(method, path);
        expect({ path, method, status: res.status, body: res.body }).toEqual({
          path, method, status: 404,
          body: { code: 20404, message: expect.stringContaining('was not found'), more_info: 'https://www.twilio.com/docs/errors/20404', status: 404 },
        });
      }
    }
  });

  it("redacts the erased customer's messages at Twilio, retrying with backoff until Twilio confirms, and records what it confirmed", async () => {
    const customer = newCustomer();
    const textSid = await customerSends(customer, 'My passport number is X1234567');
    const photoSid = await customerSends(customer, 'photo of the passport', true);
    expect(await downloadPendingMedia(t.ctx)).toBeGreaterThanOrEqual(1);
    const { id: conversationId, contactId } = await conversationOf(customer);
    expect((await t.request('POST', `/api/v1/conversations/${conversationId}/pick`, { token: setup.agent.token })).status).toBe(200);
    await t.request('POST', `/api/v1/conversations/${conversationId}/messages`, { token: setup.agent.token, body: { body: 'Thanks Erin, noted X1234567' } });
    expect(await runOutboxOnce(t.ctx)).toBe(1);
    const reply = await eventually(async () => (await phoneThread(customer)).find((m) => m.body.startsWith('Thanks Erin') && m.status === 'delivered'), 'the reply delivered');

    // Twilio refuses the stored credentials for a while (a token changed in Twilio's console; the API
    // itself saves only a token Twilio accepts): the redactions wait and try again.
    await t.ctx.db.updateTable('messaging_accounts').set({ auth_token_encrypted: t.ctx.secrets.seal('f'.repeat(32)) }).where('id', '=', setup.accountId).execute();
    const erased = await admin('POST', `/contacts/${contactId}/erase`);
    expect(erased.body).toMatchObject({ conversations: 1, messages: 3, mediaFiles: 1, twilioRedactions: 3 });
    expect(await runRedactionsOnce(t.ctx)).toBe(3);
    let status = (await admin('GET', `/contacts/${contactId}/erasure`)).body;
    expect(status.redactions).toHaveLength(3);
    for (const r of status.redactions) expect(r).toMatchObject({ state: 'pending', attempts: 1, bodyResult: null, lastError: expect.stringContaining('401') });
    expect(await runRedactionsOnce(t.ctx)).toBe(0); // not before its backoff
    expect((await phoneThread(customer)).map((m) => m.body)).toContain('My passport number is X1234567');

    expect((await admin('PATCH', `/messaging-accounts/${setup.accountId}`, { authToken: account.authToken })).status).toBe(200);
    const realNow = t.ctx.now;
    t.ctx.now = () => new Date(Date.now() + 10 * 60_000);
    try {
      expect(await runRedactionsOnce(t.ctx)).toBe(3);
    } finally {
      t.ctx.now = realNow;
    }
    status = (await admin('GET', `/contacts/${contactId}/erasure`)).body;
    const bySid = new Map(status.redactions.map((r: { messageSid: string }) => [r.messageSid, r]));
    for (const sid of [textSid, photoSid, reply.sid]) expect(bySid.get(sid)).toMatchObject({ state: 'done', bodyResult: 'redacted', attempts: 2, lastError: null, finishedAt: expect.any(String) });
    expect(bySid.get(photoSid)).toMatchObject({ mediaDeleted: 1 });
    expect(bySid.get(textSid)).toMatchObject({ mediaDeleted: 0 });
    // At the (simulated) Twilio, nothing of what they wrote or sent is left.
    const thread = await phoneThread(customer);
    expect(thread.filter((m) => [textSid, photoSid, reply.sid].includes(m.sid)).map((m) => [m.body, m.media.length])).toEqual([['', 0], ['', 0], ['', 0]]);
    expect(contract.violations).toEqual([]);
    expect(await runRedactionsOnce(t.ctx)).toBe(0);
  });

  it("keeps yesterday's insight figures as they were when a customer counted in them is erased", async () => {
    const customer = newCustomer();
    await customerSends(customer, 'Where is my order?');
    const { id: conversationId, contactId } = await conversationOf(customer);
    expect((await t.request('POST', `/api/v1/conversations/${conversationId}/pick`, { token: setup.agent.token })).status).toBe(200);
    await t.request('POST', `/api/v1/conversations/${conversationId}/messages`, { token: setup.agent.token, body: { body: 'On its way' } });
    await runOutboxOnce(t.ctx);
    expect((await admin('POST', `/conversations/${conversationId}/close`)).status).toBe(200);
    // Everything about the conversation happened a day earlier.
    await shiftDay(t, conversationId);
    const yesterday = new Date(Date.now() - DAY_MS).toISOString().slice(0, 10);
    const figures = async () => (await t.request('GET', `/api/v1/insights/history?from=${yesterday}&to=${yesterday}`, { token: setup.admin.token })).body;

    const before = await figures();
    expect(before).toMatchObject({ conversations: 1, answered: 1 });
    expect((await admin('POST', `/contacts/${contactId}/erase`)).status).toBe(200);
    expect(await figures()).toEqual(before);
    // Anonymised: the conversation is there, the customer is not.
    const conversation = await admin('GET', `/conversations/${conversationId}`);
    expect(JSON.stringify(conversation.body)).not.toContain(customer.slice(1));
    expect(JSON.stringify(conversation.body)).not.toContain('Erin');
  });
});

/** Moves a conversation, its messages and events a day back, as if it had all happened yesterday. */
async function shiftDay(t: TestApp, conversationId: string) {
  await sql`UPDATE conversations SET created_at = created_at - interval '1 day', closed_at = closed_at - interval '1 day',
    wrap_up_at = wrap_up_at - interval '1 day', queued_at = queued_at - interval '1 day', last_message_at = last_message_at - interval '1 day',
    last_inbound_at = last_inbound_at - interval '1 day' WHERE id = ${conversationId}`.execute(t.ctx.db);
  await sql`UPDATE messages SET created_at = created_at - interval '1 day' WHERE conversation_id = ${conversationId}`.execute(t.ctx.db);
  await sql`UPDATE conversation_events SET created_at = created_at - interval '1 day' WHERE conversation_id = ${conversationId}`.execute(t.ctx.db);
}
