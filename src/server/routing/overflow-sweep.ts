import type { AppContext } from '../context.js';
import type { RealtimeEvent } from '../realtime/event-bus.js';
import { addConversationEvent } from '../conversations/store.js';
import { conversationEvent } from '../conversations/realtime-events.js';
import { overflowAfterWaiting } from './overflow.js';
import { cancelPendingOffers } from './offers.js';
import { assignConversation } from './assign-conversation.js';
import { assignSafely } from './assign-work.js';
import { loadQueues } from './store.js';
import { announceNoAgent } from '../automation/hooks.js';

/**
 * Overflow after queueing: conversations waiting longer than their queue allows get the queue's
 * action once (transfer, end, or assign anyway: keep waiting, marked). SKIP LOCKED makes it safe
 * on several processes.
 */
export async function overflowLongWaits(ctx: AppContext): Promise<number> {
  const queues = [...(await loadQueues(ctx.db)).values()].filter((q) => q.overflow.waitingLongerThan);
  let handled = 0;
  for (const queue of queues) {
    const now = ctx.now();
    const cutoff = new Date(now.getTime() - queue.overflow.waitingLongerThan!.seconds * 1000);
    const events: RealtimeEvent[] = [];
    const moved = await ctx.db.transaction().execute(async (tx) => {
      const due = await tx
        .selectFrom('conversations')
        .select(['id', 'queued_at', 'overflowed_at'])
        .where('queue_id', '=', queue.id)
        .where('state', '=', 'open')
        .where('assigned_agent_id', 'is', null)
        .where('overflowed_at', 'is', null)
        .where('queued_at', '<=', cutoff)
        .limit(100)
        .forUpdate()
        .skipLocked()
        .execute();
      const transferred: string[] = [];
      for (const c of due) {
        const decision = overflowAfterWaiting(queue, { queuedAt: c.queued_at, overflowedAt: c.overflowed_at }, now);
        if (!decision?.action) continue;
        const action = decision.action;
        await addConversationEvent(tx, c.id, 'routing.overflow', { stage: 'after-queueing', queueId: queue.id, condition: decision.condition, action, detail: decision.detail });
        if (action.action === 'transfer') {
          await tx.updateTable('conversations').set({ queue_id: action.queueId, queued_at: now, overflowed_at: now }).where('id', '=', c.id).execute();
          await addConversationEvent(tx, c.id, 'transferred', { fromQueueId: queue.id, toQueueId: action.queueId, reason: 'overflow: waiting too long' });
          transferred.push(c.id);
        } else if (action.action === 'end') {
          events.push(...(await cancelPendingOffers(tx, c.id, now, 'overflow')));
          await tx.updateTable('conversations').set({ state: 'closed', closed_at: now, overflowed_at: now }).where('id', '=', c.id).execute();
          await addConversationEvent(tx, c.id, 'state-changed', { from: 'open', to: 'closed', reason: 'overflow: end conversation' });
          await announceNoAgent(tx, c.id, now);
        } else {
          await tx.updateTable('conversations').set({ overflowed_at: now }).where('id', '=', c.id).execute();
        }
        events.push(await conversationEvent(tx, c.id, 'conversation.updated'));
        handled++;
      }
      return transferred;
    });
    for (const e of events) ctx.events.publish(e);
    for (const id of moved) await assignSafely(ctx, () => assignConversation(ctx, id, { trigger: 'overflow transfer', recordWaiting: true }));
  }
  return handled;
}
