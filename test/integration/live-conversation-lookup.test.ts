import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { dbKinds } from '../helpers/databases.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { setupWhatsapp, type WhatsappSetup } from '../helpers/scenario.js';
import { findOrOpenConversation, lockLiveConversations } from '../../src/server/conversations/store.js';
import type { Tx } from '../../src/server/db/database.js';

/**
 * Every inbound message looks its customer's live conversation up. After a quiet period the
 * statistics can say no conversation is live while a burst has opened many: the lookup must still
 * go to the customer's row, not read every live conversation.
 */
describe.each(dbKinds)('live conversation lookup with statistics from a quiet period (%s)', (kind) => {
  let t: TestApp;
  let setup: WhatsappSetup;
  beforeAll(async () => {
    t = await startTestApp(kind);
    setup = await setupWhatsapp(t);
  });
  afterAll(() => t?.close());

  const live = 1000;
  const rowsRead = async (tx: Tx) =>
    Number((await sql<{ n: string }>`SELECT coalesce(sum(seq_tup_read + idx_tup_fetch), 0) AS n FROM pg_stat_xact_user_tables WHERE relname = 'conversations'`.execute(tx)).rows[0].n);

  /** `live` customers whose conversations were all closed when the statistics were taken, and are live now. */
  async function burstAfterQuietPeriod(tx: Tx): Promise<{ contactId: string; numberId: string }[]> {
    const { rows } = await sql<{ contact_id: string }>`
      WITH contacts AS (
        INSERT INTO contacts (wa_id, phone) SELECT '1666' || g, '+1666' || g FROM generate_series(1, ${live}) g RETURNING id
      )
      INSERT INTO conversations (contact_id, number_id, queue_id, state, closed_at)
      SELECT id, ${setup.numberId}::uuid, ${setup.queueId}::uuid, 'closed', now() FROM contacts RETURNING contact_id`.execute(tx);
    await sql`ANALYZE conversations`.execute(tx);
    await sql`UPDATE conversations SET state = 'open', closed_at = NULL WHERE number_id = ${setup.numberId}::uuid AND contact_id = ANY(${rows.map((r) => r.contact_id)}::uuid[])`.execute(tx);
    return rows.map((r) => ({ contactId: r.contact_id, numberId: setup.numberId }));
  }

  it('finds one customer\'s live conversation, and locks a batch\'s, without reading every live conversation', async () => {
    await t.ctx.db.transaction().execute(async (tx) => {
      const pairs = await burstAfterQuietPeriod(tx);
      const [first] = pairs;

      let before = await rowsRead(tx);
      const found = await findOrOpenConversation(tx, { ...first, workstreamId: null, queueId: setup.queueId, messageAt: new Date() });
      expect(found.created).toBe(false);
      expect((await rowsRead(tx)) - before).toBeLessThan(10);

      before = await rowsRead(tx);
      const locked = await lockLiveConversations(tx, pairs.slice(0, 20));
      expect(locked.map((c) => c.contact_id).sort()).toEqual(pairs.slice(0, 20).map((p) => p.contactId).sort());
      expect(locked.map((c) => c.id)).toEqual(locked.map((c) => c.id).sort());
      // 20 customers: 20 index probes and 20 rows locked, not the 1,000 live conversations.
      expect((await rowsRead(tx)) - before).toBeLessThan(100);
    });
  });
});
