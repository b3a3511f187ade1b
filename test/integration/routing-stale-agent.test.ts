import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { dbKinds } from '../helpers/databases.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import type { Tx } from '../../src/server/db/database.js';
import { assignConversation, markAssignedTo } from '../../src/server/routing/assign-conversation.js';
import { assertCapacityFor } from '../../src/server/routing/take-capacity.js';
import { createWorlds, nextCustomer, type World } from './routing-world.js';

/**
 * A decision reads the queue's agents, ranks them and writes its offer against what it read. When
 * another transaction gives the best agent work in between, the offer must not be written on the
 * stale read: the decision notices the agent changed, re-reads them under the lock and moves on.
 */
describe.skipIf(!dbKinds.includes('postgres'))('a decision whose best agent was given work meanwhile (PostgreSQL)', () => {
  let t: TestApp;
  let admin: { id: string; token: string };
  const { world } = createWorlds(() => t, () => admin);

  beforeAll(async () => {
    t = await startTestApp('postgres');
    admin = await t.userWithToken('admin');
  });
  afterAll(async () => {
    await t?.close();
  });

  async function decisionsWaitingForALock(): Promise<number> {
    const rows = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`.execute(t.ctx.db);
    return rows.rows[0].n;
  }

  /** How the other transaction gives the agent the conversation: as a pick does (it writes the agent's row), or as a resume does (it only locks it). */
  const giveWork = {
    picked: async (tx: Tx, agentId: string, conversationId: string, w: World) => {
      await tx.updateTable('conversations').set({ state: 'active', assigned_agent_id: agentId, capacity_required: 20 }).where('id', '=', conversationId).execute();
      await markAssignedTo(tx, agentId, w.queueId, new Date());
    },
    resumed: async (tx: Tx, agentId: string, conversationId: string) => {
      await tx.updateTable('conversations').set({ capacity_required: 20 }).where('id', '=', conversationId).execute();
      await assertCapacityFor(tx, agentId, conversationId, new Date());
      await tx.updateTable('conversations').set({ state: 'active', assigned_agent_id: agentId }).where('id', '=', conversationId).execute();
    },
  };

  it.each(Object.keys(giveWork) as (keyof typeof giveWork)[])('the work was %s: the offer goes to the next agent, nobody goes over capacity', async (how) => {
    // Offline at first, so the two conversations wait unassigned.
    const w = await world({ mode: 'push', agents: [{ capacity: 20, presence: 'offline' }, { capacity: 10, presence: 'offline' }] });
    const [full, spare] = w.agents;
    const first = await w.write(nextCustomer());
    const second = await w.write(nextCustomer());
    await t.ctx.db.updateTable('users').set({ presence: 'available' }).where('id', 'in', [full.id, spare.id]).execute();

    // Another transaction gives the 20-unit agent a 20-unit conversation and holds their row.
    let commit!: () => void;
    let holding!: () => void;
    const held = new Promise<void>((resolve) => (holding = resolve));
    const other = t.ctx.db.transaction().execute(async (tx) => {
      await giveWork[how](tx, full.id, second, w);
      holding();
      await new Promise<void>((resolve) => (commit = resolve));
    });
    await held;

    // The decision reads both agents free (the other transaction has not committed): the 20-unit
    // agent ranks first (most free capacity) and its write waits for their row.
    const decision = assignConversation(t.ctx, first, { trigger: 'test' });
    for (let i = 0; i < 200 && (await decisionsWaitingForALock()) === 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(await decisionsWaitingForALock()).toBe(1);
    commit();
    await other;

    expect(await decision).toMatchObject({ outcome: 'offered', agentId: spare.id });
    const offers = await t.ctx.db.selectFrom('offers').select(['agent_id', 'conversation_id']).where('state', '=', 'pending').where('conversation_id', 'in', [first, second]).execute();
    expect(offers).toEqual([{ agent_id: spare.id, conversation_id: first }]);
  });
});
