import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { dbKinds } from '../helpers/databases.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { customerWrites, setupWhatsapp } from '../helpers/scenario.js';
import type { Tx } from '../../src/server/db/database.js';
import { claimPendingMedia } from '../../src/server/media/download-media.js';
import { applyEarlyCallbacks } from '../../src/server/conversations/apply-delivery-status.js';
import { readSpilledEvent } from '../../src/server/realtime/pg-event-bus.js';

const BURST = 2000;

/**
 * Work tables that are empty most of the time (see the inbox's test in inbound-inbox.test.ts): a
 * statement polled while its table is empty, and vacuumed so, must not keep a plan that reads the
 * whole table per row, or per call, once a burst fills it.
 */
describe.each(dbKinds)('work tables after a quiet period (%s)', (kind) => {
  let t: TestApp;
  let messageId: string;
  beforeAll(async () => {
    t = await startTestApp(kind);
    const { conversationId } = await customerWrites(t, await setupWhatsapp(t));
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
