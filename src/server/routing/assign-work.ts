import { sql } from 'kysely';
import type { AppContext } from '../context.js';
import type { Executor } from '../db/database.js';
import { assignConversation } from './assign-conversation.js';
import { mayAssignNow } from './overflow.js';
import { capacityInUse } from './capacity.js';
import { loadAgentSnapshots, loadQueues } from './store.js';

/** Per queue and run: stop after this many conversations in a row found no agent (the sweep comes back). */
const MAX_MISSES_PER_QUEUE = 3;
const BATCH_PER_QUEUE = 50;

/**
 * Offers waiting work, queue by queue (highest priority first), each queue FIFO by the customer's
 * last message within conversation priority. Runs when work arrives, when an agent becomes
 * available, frees capacity or joins a queue, and on the periodic sweep.
 */
export async function assignWaitingWork(ctx: AppContext, scope: { queueIds?: string[]; reason: string }): Promise<{ offered: number; assigned: number }> {
  const totals = { offered: 0, assigned: 0 };
  const queueIds = scope.queueIds ?? (await queuesWithWaitingWork(ctx));
  if (!queueIds.length) return totals;
  const queues = [...(await loadQueues(ctx.db, queueIds)).values()].sort((a, b) => b.priority - a.priority);
  for (const queue of queues) {
    if (!mayAssignNow(queue, ctx.now()).ok || !(await anyoneHasRoom(ctx, queue.id))) continue;
    const waiting = await waitingConversations(ctx.db, queue.id, BATCH_PER_QUEUE);
    let misses = 0;
    for (const id of waiting) {
      const result = await assignConversation(ctx, id, { trigger: scope.reason });
      if (result.outcome === 'offered') totals.offered++;
      else if (result.outcome === 'assigned') totals.assigned++;
      else if (result.outcome === 'waiting' && ++misses >= MAX_MISSES_PER_QUEUE) break;
    }
  }
  return totals;
}

/** Capacity freed or presence changed for an agent: look at the agent's queues. */
export async function assignForAgent(ctx: AppContext, agentId: string, reason: string): Promise<void> {
  const rows = await ctx.db.selectFrom('queue_members').select('queue_id').where('user_id', '=', agentId).execute();
  await assignWaitingWork(ctx, { queueIds: rows.map((r) => r.queue_id), reason });
}

/** Best effort after a commit: a failure must not undo what the caller did; the sweep retries. */
export async function assignSafely(ctx: AppContext, run: () => Promise<unknown>): Promise<void> {
  try {
    await run();
  } catch (err) {
    console.error('assignment after commit failed; the sweep will retry', err);
  }
}

/** Cheap pre-check, so a sweep over full queues costs one query per queue rather than a decision per conversation. */
async function anyoneHasRoom(ctx: AppContext, queueId: string): Promise<boolean> {
  const now = ctx.now();
  const agents = await loadAgentSnapshots(ctx.db, { queueId });
  return agents.some((a) => !a.disabled && a.presence !== 'offline' && a.capacity - capacityInUse(a.load, now).units > 0);
}

async function queuesWithWaitingWork(ctx: AppContext): Promise<string[]> {
  const rows = await sql<{ queue_id: string }>`
    SELECT DISTINCT c.queue_id FROM conversations c
    WHERE c.state = 'open' AND c.assigned_agent_id IS NULL AND c.queue_id IS NOT NULL`.execute(ctx.db);
  return rows.rows.map((r) => r.queue_id);
}

/**
 * Push-mode work (or affinity work) with no pending offer, in service order. The pending offers
 * are read once, into a hash (NOT IN; offers.conversation_id is NOT NULL, so it means NOT EXISTS;
 * PostgreSQL hashes it while the pending offers it expects fit in hash memory: ~200,000 by default).
 * A NOT EXISTS is planned from statistics that may say no offer is pending (a quiet period, then a
 * burst) as a scan of the whole offers_one_pending index per waiting conversation.
 */
export async function waitingConversations(db: Executor, queueId: string, limit: number): Promise<string[]> {
  const rows = await sql<{ id: string }>`
    SELECT c.id FROM conversations c
    JOIN workstreams w ON w.id = c.workstream_id
    WHERE c.queue_id = ${queueId} AND c.state = 'open' AND c.assigned_agent_id IS NULL
      AND (w.mode = 'push' OR (w.keep_same_agent AND c.last_agent_id IS NOT NULL))
      AND c.id NOT IN (SELECT o.conversation_id FROM offers o WHERE o.state = 'pending')
    ORDER BY c.priority DESC, c.last_inbound_at ASC NULLS LAST, c.created_at ASC
    LIMIT ${limit}`.execute(db);
  return rows.rows.map((r) => r.id);
}
