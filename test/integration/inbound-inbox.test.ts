import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { dbKinds } from '../helpers/databases.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { postSignedWebhook } from '../helpers/twilio-signing.js';
import { ACCOUNT_SID, AUTH_TOKEN, BUSINESS_NUMBER, randomMessageSid, setupWhatsapp, type WhatsappSetup } from '../helpers/scenario.js';
import { runInboxOnce } from '../../src/server/inbox/worker.js';
import { receiveInboundBatch } from '../../src/server/conversations/receive-inbound.js';
import { parseTwilioInbound as parseInbound, type WebhookParams } from '../../src/server/channels/twilio/webhook-params.js';
import { findAccountRow } from '../../src/server/messaging-accounts/store.js';
import { INLINE_GRACE_MS, insertInboxEntries } from '../../src/server/inbox/store.js';

/** Every webhook lands in the inbox first; with an inline limit of 0 none is processed in its request. */
describe.each(dbKinds)('inbound inbox (%s)', (kind) => {
  let t: TestApp;
  let setup: WhatsappSetup;

  beforeAll(async () => {
    t = await startTestApp(kind, { config: { inboundInlineLimit: 0 } });
    setup = await setupWhatsapp(t);
  });
  afterAll(() => t?.close());
  beforeEach(async () => {
    t.ctx.now = () => new Date();
    await sql`DELETE FROM inbound_inbox`.execute(t.ctx.db);
  });

  function webhook(from: string, body: string, sid = randomMessageSid()) {
    const params = webhookParams(from, body, sid);
    return { sid, post: () => postSignedWebhook(setup.inboundUrl, AUTH_TOKEN, params) };
  }
  function webhookParams(from: string, body: string, sid = randomMessageSid()) {
    return {
      MessageSid: sid, SmsMessageSid: sid, SmsSid: sid, AccountSid: ACCOUNT_SID, From: `whatsapp:${from}`, To: `whatsapp:${BUSINESS_NUMBER}`,
      Body: body, NumMedia: '0', ProfileName: 'Ada', WaId: from.slice(1), MessageType: 'text', SmsStatus: 'received', ApiVersion: '2010-04-01',
    };
  }
  const inboxRows = async () => (await sql<{ message_sid: string; attempts: number; last_error: string | null }>`SELECT message_sid, attempts, last_error FROM inbound_inbox ORDER BY id`.execute(t.ctx.db)).rows;
  const bodiesFrom = async (phone: string) =>
    (await t.ctx.db.selectFrom('messages as m').innerJoin('conversations as c', 'c.id', 'm.conversation_id').innerJoin('contacts as k', 'k.id', 'c.contact_id')
      .select(['m.body', 'm.created_at']).where('k.phone', '=', phone).where('m.direction', '=', 'inbound').orderBy('m.created_at').orderBy('m.id').execute());

  it('acknowledges a webhook with a durable inbox entry, and a worker stores it with the time it arrived', async () => {
    const arrivedAt = new Date('2026-11-30T10:00:00Z');
    t.ctx.now = () => arrivedAt;
    const message = webhook('+15550001001', 'Where is my parcel?');
    expect((await message.post()).status).toBe(200);
    expect((await inboxRows()).map((r) => r.message_sid)).toEqual([message.sid]);
    expect(await bodiesFrom('+15550001001')).toEqual([]);

    t.ctx.now = () => new Date(arrivedAt.getTime() + 3000);
    expect(await runInboxOnce(t.ctx)).toBe(1);
    const stored = await bodiesFrom('+15550001001');
    expect(stored.map((m) => m.body)).toEqual(['Where is my parcel?']);
    expect(new Date(stored[0].created_at).toISOString()).toBe(arrivedAt.toISOString());
    expect(await inboxRows()).toEqual([]);
  });

  it('keeps one customer in order: only the oldest waiting message of a customer is processed at a time', async () => {
    for (const body of ['one', 'two', 'three']) expect((await webhook('+15550001002', body).post()).status).toBe(200);
    expect((await webhook('+15550001003', 'other customer').post()).status).toBe(200);
    // First pass: the oldest of each customer, side by side.
    expect(await runInboxOnce(t.ctx)).toBe(2);
    expect((await bodiesFrom('+15550001002')).map((m) => m.body)).toEqual(['one']);
    await runInboxOnce(t.ctx);
    await runInboxOnce(t.ctx);
    expect((await bodiesFrom('+15550001002')).map((m) => m.body)).toEqual(['one', 'two', 'three']);
    expect((await bodiesFrom('+15550001003')).map((m) => m.body)).toEqual(['other customer']);
    expect(await runInboxOnce(t.ctx)).toBe(0);
  });

  it('stores a redelivery once, whether it comes while the first is waiting or after it was stored', async () => {
    const message = webhook('+15550001004', 'only once');
    expect((await message.post()).status).toBe(200);
    expect((await message.post()).status).toBe(200);
    expect(await inboxRows()).toHaveLength(1);
    await runInboxOnce(t.ctx);
    expect((await message.post()).status).toBe(200);
    await runInboxOnce(t.ctx);
    expect((await bodiesFrom('+15550001004')).map((m) => m.body)).toEqual(['only once']);
    expect(await inboxRows()).toEqual([]);
  });

  it('writes the receipts of webhooks that arrive together in one statement: ids in arrival order, a MessageSid once', async () => {
    const receipt = (from: string, sid: string) => ({ accountId: setup.accountId, messageSid: sid, sender: `whatsapp:${from}`, params: webhookParams(from, sid, sid), receivedAt: new Date(), processInline: false });
    const [first, other, second] = [randomMessageSid(), randomMessageSid(), randomMessageSid()];
    const ids = await insertInboxEntries(t.ctx.db, [receipt('+15550001007', first), receipt('+15550001008', other), receipt('+15550001007', first), receipt('+15550001007', second)]);
    expect(ids[2]).toBeNull();
    expect(Number(ids[0])).toBeLessThan(Number(ids[1]));
    expect(Number(ids[1])).toBeLessThan(Number(ids[3]));
    expect((await inboxRows()).map((r) => r.message_sid)).toEqual([first, other, second]);
    expect(await insertInboxEntries(t.ctx.db, [receipt('+15550001007', second)])).toEqual([null]);
    while ((await runInboxOnce(t.ctx)) > 0);
    expect((await bodiesFrom('+15550001007')).map((m) => m.body)).toEqual([first, second]);
  });

  it('two workers at once store each waiting message exactly once', async () => {
    const senders = Array.from({ length: 12 }, (_, i) => `+1555000${2000 + i}`);
    for (const phone of senders) expect((await webhook(phone, `hello from ${phone}`).post()).status).toBe(200);
    await Promise.all([runInboxOnce(t.ctx), runInboxOnce(t.ctx), runInboxOnce(t.ctx)]);
    while ((await runInboxOnce(t.ctx)) > 0);
    for (const phone of senders) expect((await bodiesFrom(phone)).map((m) => m.body)).toEqual([`hello from ${phone}`]);
    expect(await inboxRows()).toEqual([]);
  });

  it('stores a pass of many customers in few transactions, and settles a redelivery among them', async () => {
    const first = webhook('+15550004000', 'stored earlier');
    await first.post();
    await runInboxOnce(t.ctx);
    const senders = Array.from({ length: 12 }, (_, i) => `+1555000${4001 + i}`);
    const sids = [];
    for (const phone of senders) {
      const message = webhook(phone, `batched from ${phone}`);
      sids.push(message.sid);
      expect((await message.post()).status).toBe(200);
    }
    // Twilio redelivers a message after it was stored: its entry is settled in the batch, nothing stored twice.
    await sql`INSERT INTO inbound_inbox (account_id, message_sid, sender, params, received_at, available_at)
      SELECT account_id, ${first.sid}, 'whatsapp:+15550004000', params, now(), now() FROM inbound_inbox LIMIT 1`.execute(t.ctx.db);
    await sql`UPDATE inbound_inbox SET params = params || ${JSON.stringify({ MessageSid: first.sid, From: 'whatsapp:+15550004000', WaId: '15550004000' })}::jsonb WHERE message_sid = ${first.sid}`.execute(t.ctx.db);
    expect(await runInboxOnce(t.ctx)).toBe(13);
    for (const phone of senders) expect((await bodiesFrom(phone)).map((m) => m.body)).toEqual([`batched from ${phone}`]);
    expect((await bodiesFrom('+15550004000')).map((m) => m.body)).toEqual(['stored earlier']);
    expect(await inboxRows()).toEqual([]);
    // Messages stored by one transaction carry its id (xmin): 12 messages, one commit per batch.
    const commits = await sql<{ n: string }>`SELECT count(DISTINCT xmin::text) AS n FROM messages WHERE provider_sid = ANY(${sids})`.execute(t.ctx.db);
    expect(Number(commits.rows[0].n)).toBeLessThanOrEqual(2);
  });

  it('stores a batch of replies, first messages and one customer writing twice: each in its conversation, in order, with the profile name refreshed', async () => {
    const account = (await findAccountRow(t.ctx.db, setup.accountId))!;
    const item = (from: string, body: string, profileName = 'Ada') => ({ account, message: parseInbound({ ...webhookParams(from, body), ProfileName: profileName } as WebhookParams), receivedAt: new Date() });
    const store = (items: ReturnType<typeof item>[]) => receiveInboundBatch(t.ctx, items, async () => items.map(() => true));
    const [earlier] = await store([item('+15550006001', 'first of an old customer')]);
    const reply = item('+15550006001', 'a reply', 'Ada Lovelace');
    const results = await store([
      reply,
      item('+15550006002', 'a new customer'),
      item('+15550006003', 'writes once'),
      item('+15550006003', 'and again'),
    ]);
    expect(results.map((r) => r.outcome)).toEqual(['stored', 'stored', 'stored', 'stored']);
    const conversationOf = (r: (typeof results)[number]) => (r.outcome === 'stored' ? r.conversationId : null);
    expect(conversationOf(results[0])).toBe(conversationOf(earlier));
    expect(results.map((r) => r.outcome === 'stored' && r.conversationCreated)).toEqual([false, true, true, false]);
    expect(conversationOf(results[3])).toBe(conversationOf(results[2]));
    expect((await bodiesFrom('+15550006001')).map((m) => m.body)).toEqual(['first of an old customer', 'a reply']);
    expect((await bodiesFrom('+15550006003')).map((m) => m.body)).toEqual(['writes once', 'and again']);
    const contact = await t.ctx.db.selectFrom('contacts').select(['profile_name']).where('phone', '=', '+15550006001').executeTakeFirstOrThrow();
    expect(contact.profile_name).toBe('Ada Lovelace');
    const conversation = await t.ctx.db.selectFrom('conversations').select(['last_inbound_at']).where('id', '=', conversationOf(results[0])!).executeTakeFirstOrThrow();
    expect(conversation.last_inbound_at).toEqual(reply.receivedAt);
  });

  it('stores the rest of a batch when one of its messages fails, and keeps that one with its error', async () => {
    const good = ['+15550005001', '+15550005002', '+15550005003'];
    for (const phone of good) expect((await webhook(phone, `fine from ${phone}`).post()).status).toBe(200);
    const bad = webhook('+15550005004', 'broken');
    expect((await bad.post()).status).toBe(200);
    await sql`UPDATE inbound_inbox SET params = params || '{"From": "not a whatsapp address"}'::jsonb WHERE message_sid = ${bad.sid}`.execute(t.ctx.db);
    expect(await runInboxOnce(t.ctx)).toBe(3);
    for (const phone of good) expect((await bodiesFrom(phone)).map((m) => m.body)).toEqual([`fine from ${phone}`]);
    const left = await inboxRows();
    expect(left.map((r) => [r.message_sid, r.attempts])).toEqual([[bad.sid, 1]]);
    expect(left[0].last_error).toMatch(/From/);
  });

  it('keeps a message whose processing fails, with the error, retries it later and reports it in /metrics', async () => {
    const message = webhook('+15550001005', 'will fail first');
    expect((await message.post()).status).toBe(200);
    // Corrupt the stored copy so that parsing it fails, as a bug would.
    await sql`UPDATE inbound_inbox SET params = params || '{"From": "not a whatsapp address"}'::jsonb`.execute(t.ctx.db);
    expect(await runInboxOnce(t.ctx)).toBe(0);
    const [failed] = await inboxRows();
    expect(failed.attempts).toBe(1);
    expect(failed.last_error).toMatch(/From/);
    const metrics = await (await fetch(`${t.url}/metrics`)).text();
    expect(metrics).toMatch(/switchboard_inbox_depth\{state="failing"\} 1/);
    // Not retried before its backoff, retried after it.
    expect(await runInboxOnce(t.ctx)).toBe(0);
    await sql`UPDATE inbound_inbox SET params = params || ${JSON.stringify({ From: 'whatsapp:+15550001005' })}::jsonb`.execute(t.ctx.db);
    t.ctx.now = () => new Date(Date.now() + 5000);
    expect(await runInboxOnce(t.ctx)).toBe(1);
    expect((await bodiesFrom('+15550001005')).map((m) => m.body)).toEqual(['will fail first']);
  });
});

describe.each(dbKinds)('inbound inbox after a crash (%s)', (kind) => {
  let t: TestApp;
  let setup: WhatsappSetup;
  beforeAll(async () => {
    t = await startTestApp(kind);
    setup = await setupWhatsapp(t);
  });
  afterAll(() => t?.close());

  it('processes a webhook in its own request, and leaves one whose request died to the workers after the grace period', async () => {
    const sid = randomMessageSid();
    const params = { MessageSid: sid, AccountSid: ACCOUNT_SID, From: 'whatsapp:+15550003001', To: `whatsapp:${BUSINESS_NUMBER}`, Body: 'processed inline', NumMedia: '0', WaId: '15550003001' };
    expect((await postSignedWebhook(setup.inboundUrl, AUTH_TOKEN, params)).status).toBe(200);
    const inline = await t.ctx.db.selectFrom('messages').select('body').where('provider_sid', '=', sid).executeTakeFirst();
    expect(inline?.body).toBe('processed inline');

    // A request that wrote its inbox entry and died before processing it (kill -9 between the two).
    const orphanSid = randomMessageSid();
    const now = new Date();
    await t.ctx.db.insertInto('inbound_inbox').values({
      account_id: setup.accountId, message_sid: orphanSid, sender: 'whatsapp:+15550003002', received_at: now,
      available_at: new Date(now.getTime() + INLINE_GRACE_MS),
      params: JSON.stringify({ MessageSid: orphanSid, AccountSid: ACCOUNT_SID, From: 'whatsapp:+15550003002', To: `whatsapp:${BUSINESS_NUMBER}`, Body: 'left behind', NumMedia: '0', WaId: '15550003002' }),
    }).execute();
    expect(await runInboxOnce(t.ctx)).toBe(0);
    t.ctx.now = () => new Date(now.getTime() + INLINE_GRACE_MS + 1);
    expect(await runInboxOnce(t.ctx)).toBe(1);
    const recovered = await t.ctx.db.selectFrom('messages').select('body').where('provider_sid', '=', orphanSid).executeTakeFirst();
    expect(recovered?.body).toBe('left behind');
  });
});
