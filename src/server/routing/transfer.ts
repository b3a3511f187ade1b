import type { AppContext } from '../context.js';
import type { SessionUser } from '../auth/sessions.js';
import type { RealtimeEvent } from '../realtime/event-bus.js';
import { NotFoundError, ValidationError } from '../http/errors.js';
import { assertCanAct, loadVisibleConversation } from '../conversations/policy.js';
import { nextState } from '../conversations/state-machine.js';
import { addConversationEvent } from '../conversations/store.js';
import { conversationEvent } from '../conversations/realtime-events.js';
import { loadConversationViews } from '../conversations/present.js';
import type { ConversationView } from '../conversations/schema.js';
import { refreshCapacityPresence } from '../users/presence.js';
import { assignConversation, markAssignedTo } from './assign-conversation.js';
import { assignForAgent, assignSafely } from './assign-work.js';
import { cancelPendingOffers } from './offers.js';
import { assertCapacityFor } from './take-capacity.js';
import { loadDistribution } from './work-request.js';
import type { TransferBody } from './schema.js';
import { announceTransfer } from '../automation/hooks.js';

/**
 * Transfer to a queue: the conversation is Open there and routed again. Transfer to an agent:
 * offered to them in push mode, made Active for them otherwise, if it fits their capacity.
 */
export async function transferConversation(ctx: AppContext, user: SessionUser, id: string, body: TransferBody): Promise<ConversationView> {
  const events: RealtimeEvent[] = [];
  const { previousAgentId, toQueue } = await ctx.db.transaction().execute(async (tx) => {
    const now = ctx.now();
    const conversation = await loadVisibleConversation(tx, user, id, { forUpdate: true });
    assertCanAct(user, conversation);
    const to = nextState(conversation.state, 'transfer');
    events.push(...(await cancelPendingOffers(tx, id, now, 'transferred')));
    const previous = conversation.assigned_agent_id;
    const common = { state: to, assigned_agent_id: null, ...(previous ? { last_agent_id: previous } : {}), queued_at: now, overflowed_at: null };
    const base = { from: conversation.state, fromQueueId: conversation.queue_id, fromAgentId: previous, note: body.note ?? null };

    if ('queueId' in body) {
      const queue = await tx.selectFrom('queues').select(['id', 'name']).where('id', '=', body.queueId).where('archived_at', 'is', null).executeTakeFirst();
      if (!queue) throw new ValidationError('The queue does not exist.', 'queueId');
      await tx.updateTable('conversations').set({ ...common, queue_id: queue.id }).where('id', '=', id).execute();
      await addConversationEvent(tx, id, 'transferred', { ...base, toQueueId: queue.id, toQueueName: queue.name, to }, user.id);
      await announceTransfer(tx, id, queue.name, now);
    } else {
      const target = await tx.selectFrom('users').select(['id', 'name']).where('id', '=', body.agentId).where('disabled_at', 'is', null).executeTakeFirst();
      if (!target) throw new NotFoundError('The agent');
      await tx.updateTable('conversations').set(common).where('id', '=', id).execute();
      // The consulted agent who takes the conversation over is its owner now, no longer a consultant on it.
      const consultEnded = await tx.deleteFrom('conversation_participants').where('conversation_id', '=', id).where('user_id', '=', target.id).executeTakeFirst();
      if (consultEnded.numDeletedRows > 0n) await addConversationEvent(tx, id, 'participant-removed', { agentId: target.id, reason: 'transferred' }, user.id);
      await announceTransfer(tx, id, target.name, now);
      await assertCapacityFor(tx, target.id, id, now, target.name);
      const distribution = await loadDistribution(tx, conversation.workstream_id);
      await markAssignedTo(tx, target.id, conversation.queue_id, now);
      if (distribution.mode === 'push') {
        const expiresAt = new Date(now.getTime() + (distribution.workstream?.offer_timeout_seconds ?? 120) * 1000);
        const offer = await tx.insertInto('offers').values({ conversation_id: id, agent_id: target.id, created_at: now, expires_at: expiresAt }).returning('id').executeTakeFirstOrThrow();
        await addConversationEvent(tx, id, 'transferred', { ...base, toAgentId: target.id, toAgentName: target.name, to: 'open', offerId: offer.id }, user.id);
        events.push({ type: 'offer.created', audience: { queueId: null, agentId: target.id }, data: { offer: { id: offer.id, conversationId: id, agentId: target.id, expiresAt: expiresAt.toISOString(), createdAt: now.toISOString() } } });
      } else {
        await tx.updateTable('conversations').set({ state: 'active', assigned_agent_id: target.id, last_agent_id: target.id }).where('id', '=', id).execute();
        await addConversationEvent(tx, id, 'transferred', { ...base, toAgentId: target.id, toAgentName: target.name, to: 'active' }, user.id);
      }
      const presence = await refreshCapacityPresence(tx, target.id, now);
      if (presence) events.push(presence);
    }
    if (previous) {
      await tx.updateTable('users').set({ last_activity_at: now }).where('id', '=', previous).execute();
      const presence = await refreshCapacityPresence(tx, previous, now);
      if (presence) events.push(presence);
    }
    events.push(await conversationEvent(tx, id, 'conversation.updated'));
    return { previousAgentId: previous, toQueue: 'queueId' in body };
  });
  for (const e of events) ctx.events.publish(e);
  if (toQueue) await assignSafely(ctx, () => assignConversation(ctx, id, { trigger: 'transferred', recordWaiting: true }));
  if (previousAgentId) await assignSafely(ctx, () => assignForAgent(ctx, previousAgentId, 'capacity freed (transfer)'));
  const [view] = await loadConversationViews(ctx.db, { ids: [id] }, ctx.now());
  return view;
}
