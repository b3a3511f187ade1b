import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { dbKinds } from '../helpers/databases.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { customerWrites, setupWhatsapp, type WhatsappSetup } from '../helpers/scenario.js';
import type { Tx } from '../../src/server/db/database.js';
import { claimPendingMedia } from '../../src/server/media/download-media.js';
import { listDueEntries } from '../../src/server/inbox/store.js';
import { applyEarlyCallbacks } from '../../src/server/conversations/apply-delivery-status.js';
import { readSpilledEvent } from '../../src/server/realtime/pg-event-bus.js';
import { claimBotJobs } from '../../src/server/bots/bot-jobs.js';
import { waitingConversations } from '../../src/server/routing/assign-work.js';
import { findOrOpenConversation, lockLiveConversations } from '../../src/server/conversations/store.js';

const BURST = 2000;

/**
 * Work tables that are empty most of the time (see the inbox's test in inbound-inbox.test.ts): a
 * statement polled while its table is empty, and vacuumed so, must not keep a plan that reads the
 * whole table per row, or per call, once a burst fills it.
 */
describe.each(dbKinds)('work tables after a quiet period (%s)', (kind) => {
  let t: TestApp;
  let messageId: string;
  let accountId: string;
  beforeAll(async () => {
    t = await startTestApp(kind);
    const setup = await setupWhatsapp(t);
    accountId = setup.accountId;
    const { conversationId } = await customerWrites(t, setup);
    messageId = (await t.ctx.db.selectFrom('messages').select('id').where('conversation_id', '=', conversationId).executeTakeFirstOrThrow()).id;
  });
  afterAll(() => t?.close());

  /**
   * Polls the empty, vacuumed table 8 times (a generic plan is cached after 5), fills it, polls once
   * more and counts the rows of the table that poll read by sequential scans. One transaction, so
   * one connection: its statements are the ones planned while the table was empty.
   */
  async function pollAfterQuietPeriod<T>(table: string, poll: (tx: Tx) => Promise<T>, fill: (tx: Tx) => Promise<unknown>) {
    await sql`VACUUM ANALYZE ${sql.table(table)}`.execute(t.ctx.db);
    return t.ctx.db.transaction().execute(async (tx) => {
      const readBySeqScans = async () =>
        Number((await sql<{ n: string }>`SELECT coalesce(sum(seq_tup_read), 0) AS n FROM pg_stat_xact_user_tables WHERE relname = ${table}`.execute(tx)).rows[0].n);
      const quiet: T[] = [];
      for (let i = 0; i < 8; i++) quiet.push(await poll(tx));
      await fill(tx);
      const before = await readBySeqScans();
      const burst = await poll(tx);
      return { quiet, burst, read: (await readBySeqScans()) - before };
    });
  }

  it('drains a burst of webhooks after a quiet period without reading the inbox once per entry', async () => {
    const { quiet, burst, read } = await pollAfterQuietPeriod(
      'inbound_inbox',
      (tx) => listDueEntries(tx, new Date(), 40),
      (tx) => sql`
        INSERT INTO inbound_inbox (account_id, message_sid, sender, params, received_at, available_at)
        SELECT ${accountId}::uuid, 'SMquiet' || g, 'whatsapp:+1555' || (g % 1000), '{}'::jsonb, now(), now() - interval '1 second'
        FROM generate_series(1, ${BURST}) g`.execute(tx),
    );
    expect(quiet.flat()).toEqual([]);
    expect(burst).toHaveLength(40);
    // The plan made for the empty inbox read 2.5 million rows here (1.9 s per pass of 40 with 4,300 waiting, measured).
    expect(read).toBeLessThan(2 * BURST + 1);
  });

  it('downloads a burst of customer media ten at a time after a quiet period, not all at once nor rereading the table per download', async () => {
    const { quiet, burst, read } = await pollAfterQuietPeriod(
      'message_media',
      (tx) => claimPendingMedia(tx, 10),
      (tx) => sql`
        INSERT INTO message_media (message_id, position, source_url, content_type, status)
        SELECT ${messageId}::uuid, g, 'https://api.twilio.com/media/ME' || g, 'image/jpeg', 'pending' FROM generate_series(1, ${BURST}) g`.execute(tx),
    );
    expect(quiet.flat()).toEqual([]);
    // The plan made for the empty table claimed all 2,000 (its LIMIT rescanned per row).
    expect(burst).toHaveLength(10);
    expect(read).toBeLessThan(BURST);
  });

  it('applies status callbacks that beat their send answers without reading every waiting callback per message', async () => {
    const conversationId = (await t.ctx.db.selectFrom('messages').select('conversation_id').where('id', '=', messageId).executeTakeFirstOrThrow()).conversation_id;
    const sent = await t.ctx.db.insertInto('messages').values({ conversation_id: conversationId, direction: 'outbound', status: 'queued', body: 'Your parcel left' }).returning('id').executeTakeFirstOrThrow();
    const callback = (status: string) => ({ message_sid: 'SMsent', params: JSON.stringify({ messageSid: 'SMsent', status, errorCode: null, errorMessage: null }) });
    let sid = 'SMnone';
    const { quiet, burst, read } = await pollAfterQuietPeriod(
      'early_status_callbacks',
      (tx) => applyEarlyCallbacks(tx, sent.id, sid, new Date()),
      async (tx) => {
        await sql`INSERT INTO early_status_callbacks (message_sid, params) SELECT 'SMother' || g, '{}'::jsonb FROM generate_series(1, ${BURST}) g`.execute(tx);
        await tx.insertInto('early_status_callbacks').values([callback('sent'), callback('delivered')]).execute();
        sid = 'SMsent';
      },
    );
    expect(quiet).not.toContain(true);
    expect(burst).toBe(true);
    const message = await t.ctx.db.selectFrom('messages').select('status').where('id', '=', sent.id).executeTakeFirstOrThrow();
    expect(message.status).toBe('delivered');
    // Through the index: the plan made for the empty table read all 2,000 per message.
    expect(read).toBeLessThan(BURST / 10);
  });

  it('delivers a burst of large realtime events to other processes without reading every parked event per event', async () => {
    let wanted = '0';
    const { quiet, burst, read } = await pollAfterQuietPeriod(
      'realtime_spill',
      (tx) => readSpilledEvent(tx, wanted),
      async (tx) => {
        const parked = await sql<{ id: string }>`
          INSERT INTO realtime_spill (payload) SELECT jsonb_build_object('type', 'conversation.updated', 'n', g) FROM generate_series(1, ${BURST}) g RETURNING id`.execute(tx);
        wanted = String(parked.rows[BURST / 2].id);
      },
    );
    expect(quiet).toEqual(Array(8).fill(undefined));
    expect(burst).toEqual({ type: 'conversation.updated', n: BURST / 2 + 1 });
    // Through the primary key: the plan made for the empty table read all 2,000 per event.
    expect(read).toBeLessThan(BURST / 10);
  });
});

/**
 * Statistics from a quiet period: the last ANALYZE ran while a partial index was empty (no live
 * conversation, every bot turn done, no offer pending) and a burst has filled it since. Planning each call does not help:
 * a statement's shape must leave no plan that reads the whole partial index once per row. Each test
 * makes that state in one transaction, which it rolls back.
 */
describe.each(dbKinds)('work tables with statistics from a quiet period (%s)', (kind) => {
  let t: TestApp;
  let setup: WhatsappSetup;
  beforeAll(async () => {
    t = await startTestApp(kind);
    setup = await setupWhatsapp(t);
  });
  afterAll(() => t?.close());

  const CONVERSATIONS = 1000;
  const rowsRead = async (tx: Tx, tables: string[]) =>
    Number((await sql<{ n: string }>`
      SELECT coalesce(sum(seq_tup_read + idx_tup_fetch), 0) AS n FROM pg_stat_xact_user_tables WHERE relname = ANY(${tables}::text[])`.execute(tx)).rows[0].n);

  async function rolledBack(run: (tx: Tx) => Promise<void>): Promise<void> {
    const rollback = new Error('rollback');
    await t.ctx.db.transaction().execute(async (tx) => {
      await run(tx);
      throw rollback;
    }).catch((err: unknown) => {
      if (err !== rollback) throw err;
    });
  }

  it('finds a customer\'s live conversation, and locks a batch\'s, without reading every live conversation', async () => {
    await rolledBack(async (tx) => {
      const { rows } = await sql<{ contact_id: string }>`
        WITH contacts AS (
          INSERT INTO contacts (phone) SELECT '+1666' || g FROM generate_series(1, ${CONVERSATIONS}) g RETURNING id
        )
        INSERT INTO conversations (contact_id, number_id, channel, queue_id, state, closed_at)
        SELECT id, ${setup.numberId}::uuid, 'whatsapp', ${setup.queueId}::uuid, 'closed', now() FROM contacts RETURNING contact_id`.execute(tx);
      await sql`ANALYZE conversations`.execute(tx);
      await sql`UPDATE conversations SET state = 'open', closed_at = NULL WHERE contact_id = ANY(${rows.map((r) => r.contact_id)}::uuid[])`.execute(tx);
      const pairs = rows.map((r) => ({ contactId: r.contact_id, numberId: setup.numberId, channel: 'whatsapp' as const }));

      let before = await rowsRead(tx, ['conversations']);
      const found = await findOrOpenConversation(tx, { ...pairs[0], workstreamId: null, queueId: setup.queueId, messageAt: new Date() });
      expect(found.created).toBe(false);
      // Through the queue index, as before migration 0020: all 1,000 live conversations.
      expect((await rowsRead(tx, ['conversations'])) - before).toBeLessThan(10);

      before = await rowsRead(tx, ['conversations']);
      const locked = await lockLiveConversations(tx, pairs.slice(0, 20));
      expect(locked.map((c) => c.contact_id).sort()).toEqual(pairs.slice(0, 20).map((p) => p.contactId).sort());
      expect(locked.map((c) => c.id)).toEqual(locked.map((c) => c.id).sort());
      // 20 probes and 20 rows locked; written as one join it read all 1,000.
      expect((await rowsRead(tx, ['conversations'])) - before).toBeLessThan(100);
    });
  });

  it('hands a burst of conversations to the bot ten at a time, on a young install and after a quiet period, without rereading every unfinished job per claim', async () => {
    await sql`VACUUM ANALYZE bot_jobs`.execute(t.ctx.db);
    await rolledBack(async (tx) => {
      const { rows: conversations } = await sql<{ id: string }>`
        WITH contacts AS (
          INSERT INTO contacts (phone) SELECT '+1777' || g FROM generate_series(1, ${CONVERSATIONS}) g RETURNING id
        )
        INSERT INTO conversations (contact_id, number_id, channel, bot_state) SELECT id, ${setup.numberId}::uuid, 'whatsapp', 'active' FROM contacts RETURNING id`.execute(tx);
      /** Two messages per conversation and their bot turns, in this order: c1's two, then c2's two, … */
      const burst = async () => (await sql<{ id: string }>`
        WITH m AS (
          INSERT INTO messages (conversation_id, direction, status, body)
          SELECT c.id, 'inbound', 'received', 'message ' || n FROM unnest(${conversations.map((c) => c.id)}::uuid[]) WITH ORDINALITY AS c(id, i), generate_series(1, 2) n
          ORDER BY c.i, n RETURNING id, conversation_id, seq
        )
        INSERT INTO bot_jobs (message_id, conversation_id) SELECT id, conversation_id FROM m ORDER BY seq RETURNING id::text AS id`.execute(tx)).rows.map((j) => j.id);
      /**
       * After a burst, one claim takes the first ten conversations' first turns (never a second turn
       * while the first is unfinished), reading each unfinished job about twice: once, and its
       * conversation's first entry. A plan that reads every unfinished job per job reads millions.
       */
      const claimAfterBurst = async () => {
        const jobs = await burst();
        const before = await rowsRead(tx, ['bot_jobs']);
        const claimed = await claimBotJobs(tx, new Date(), 10);
        expect(claimed.map((j) => j.id).sort((a, b) => Number(a) - Number(b))).toEqual(jobs.filter((_, i) => i % 2 === 0).slice(0, 10));
        expect((await rowsRead(tx, ['bot_jobs'])) - before).toBeLessThan(5 * jobs.length);
      };

      // A young install: the plan cached while bot_jobs was empty (and vacuumed) serves the burst.
      // With the former statement it claimed all 1,000 due turns at once (its LIMIT rescanned per row),
      // and in this one it read the table per job (4 million rows) when not planned on every call.
      for (let i = 0; i < 8; i++) expect(await claimBotJobs(tx, new Date(), 10)).toEqual([]);
      await claimAfterBurst();
      // A quiet period: every turn answered when the statistics were taken, then a burst. The former
      // statement, even planned on this call, read the whole unfinished index per job (3 million rows).
      await sql`UPDATE bot_jobs SET state = 'done', locked_until = NULL, finished_at = now(), outcome = 'replied'`.execute(tx);
      await sql`ANALYZE bot_jobs`.execute(tx);
      await claimAfterBurst();
    });
  });

  it('offers a burst of waiting conversations after a quiet period without reading every pending offer per conversation', async () => {
    await rolledBack(async (tx) => {
      const push = await tx.insertInto('workstreams')
        .values({ name: 'Push', channel: 'whatsapp', mode: 'push', fallback_queue_id: setup.queueId })
        .returning('id').executeTakeFirstOrThrow();
      // History: the queue's conversations, closed, and their offers, accepted, when the statistics were taken.
      const { rows: conversations } = await sql<{ id: string; n: number }>`
        WITH contacts AS (
          INSERT INTO contacts (phone) SELECT '+1888' || g FROM generate_series(1, ${2 * CONVERSATIONS}) g RETURNING id, phone
        )
        INSERT INTO conversations (contact_id, number_id, channel, workstream_id, queue_id, state, closed_at, last_inbound_at)
        SELECT id, ${setup.numberId}::uuid, 'whatsapp', ${push.id}::uuid, ${setup.queueId}::uuid, 'closed', now(), timestamptz '2026-01-01' + substr(phone, 6)::int * interval '1 second'
        FROM contacts RETURNING id, extract(epoch FROM last_inbound_at)::int AS n`.execute(tx);
      const inServiceOrder = conversations.sort((a, b) => a.n - b.n).map((c) => c.id);
      await sql`
        INSERT INTO offers (conversation_id, agent_id, state, created_at, expires_at, decided_at)
        SELECT id, ${setup.agent.id}::uuid, 'accepted', now(), now() + interval '2 minutes', now() FROM unnest(${inServiceOrder}::uuid[]) id`.execute(tx);
      await sql`ANALYZE conversations`.execute(tx);
      await sql`ANALYZE offers`.execute(tx);
      // The burst: 2,000 customers back and waiting, the first 1,000 of them offered to an agent.
      await sql`UPDATE conversations SET state = 'open', closed_at = NULL WHERE id = ANY(${inServiceOrder}::uuid[])`.execute(tx);
      await sql`
        INSERT INTO offers (conversation_id, agent_id, created_at, expires_at)
        SELECT id, ${setup.agent.id}::uuid, now(), now() + interval '2 minutes' FROM unnest(${inServiceOrder.slice(0, CONVERSATIONS)}::uuid[]) id`.execute(tx);

      const tables = ['conversations', 'offers'];
      const before = await rowsRead(tx, tables);
      const waiting = await waitingConversations(tx, setup.queueId, 50);
      const read = (await rowsRead(tx, tables)) - before;
      // The first 50 in service order that no agent has been offered.
      expect(waiting).toEqual(inServiceOrder.slice(CONVERSATIONS, CONVERSATIONS + 50));
      // The queue's waiting conversations and the pending offers, each read once (3,000 rows): the
      // former statement read every pending offer per waiting conversation (1.5 million).
      expect(read).toBeLessThan(5 * inServiceOrder.length);
    });
  });
});
