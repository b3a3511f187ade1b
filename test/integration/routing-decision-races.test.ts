import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../helpers/databases.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { untilOneWaitsForALock } from '../helpers/lock-waits.js';
import type { Tx } from '../../src/server/db/database.js';
import { assignConversation, markAssignedTo } from '../../src/server/routing/assign-conversation.js';
import { assertCapacityFor } from '../../src/server/routing/take-capacity.js';
import { createWorlds, nextCustomer, type World } from './routing-world.js';

/**
 * A decision reads the conversation and the queue's agents in one statement, ranks them and writes
 * its offer against what it read. These tests hold another transaction open across that gap and
 * commit it while the decision waits, so the race happens every time, not once in a while.
 */
describe.skipIf(!dbKinds.includes('postgres'))('an assignment decision racing another transaction (PostgreSQL)', () => {
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

  /** Runs `work` in a transaction left open until the answered `commit` is called. */
  async function openTransaction(work: (tx: Tx) => Promise<void>) {
    let commit!: () => void;
    let ready!: () => void;
    const started = new Promise<void>((resolve) => (ready = resolve));
    const done = t.ctx.db.transaction().execute(async (tx) => {
      await work(tx);
      ready();
      await new Promise<void>((resolve) => (commit = resolve));
    });
    await started;
    return { commit: async () => (commit(), await done) };
  }

  /** Offline at first, so the conversations wait unassigned. */
  const twoAgents = () => world({ mode: 'push', agents: [{ capacity: 20, presence: 'offline' }, { capacity: 10, presence: 'offline' }] });
  const available = (w: World) => t.ctx.db.updateTable('users').set({ presence: 'available' }).where('id', 'in', w.agents.map((a) => a.id)).execute();

  /** How the other transaction gives the agent a conversation: as a pick does (it writes the agent's row), or as a resume does (it only locks it). */
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

  it.each(Object.keys(giveWork) as (keyof typeof giveWork)[])('the best agent was given work meanwhile (%s): the offer goes to the next agent, nobody goes over capacity', async (how) => {
    const w = await twoAgents();
    const [full, spare] = w.agents;
    const first = await w.write(nextCustomer());
    const second = await w.write(nextCustomer());
    await available(w);

    // The other transaction gives the 20-unit agent a 20-unit conversation and holds their row.
    const other = await openTransaction((tx) => giveWork[how](tx, full.id, second, w));
    // The decision reads both agents free (the other has not committed): the 20-unit agent ranks
    // first (most free capacity) and the offer's write waits for their row.
    const decision = assignConversation(t.ctx, first, { trigger: 'test' });
    try {
      await untilOneWaitsForALock(t.ctx.db);
    } finally {
      await other.commit();
    }

    expect(await decision).toMatchObject({ outcome: 'offered', agentId: spare.id });
    const offers = await t.ctx.db.selectFrom('offers').select(['agent_id', 'conversation_id']).where('state', '=', 'pending').where('conversation_id', 'in', [first, second]).execute();
    expect(offers).toEqual([{ agent_id: spare.id, conversation_id: first }]);
  });

  it('another offer of the same conversation commits while the decision writes its own: one offer stays, the decision steps back', async () => {
    const w = await twoAgents();
    const [best, other] = w.agents;
    const conversationId = await w.write(nextCustomer());
    await available(w);

    // Another decision's offer, not yet committed: the claim does not see it.
    const rival = await openTransaction(async (tx) => {
      await tx.insertInto('offers').values({ conversation_id: conversationId, agent_id: other.id, created_at: new Date(), expires_at: new Date(Date.now() + 60_000) }).execute();
    });
    const decision = assignConversation(t.ctx, conversationId, { trigger: 'test' });
    try {
      await untilOneWaitsForALock(t.ctx.db);
    } finally {
      await rival.commit();
    }

    expect(await decision).toMatchObject({ outcome: 'skipped', reason: 'another decision offered it first' });
    const offers = await t.ctx.db.selectFrom('offers').select('agent_id').where('conversation_id', '=', conversationId).execute();
    expect(offers).toEqual([{ agent_id: other.id }]);
    const bestRow = await t.ctx.db.selectFrom('users').select('last_assigned_at').where('id', '=', best.id).executeTakeFirstOrThrow();
    expect(bestRow.last_assigned_at).toBeNull();
  });
});
