import type { AppContext } from '../context.js';
import type { Tx } from '../db/database.js';
import type { SessionUser } from '../auth/sessions.js';
import type { RealtimeEvent } from '../realtime/event-bus.js';
import { ConflictError, NotFoundError } from '../http/errors.js';
import { addConversationEvent, findConversation } from '../conversations/store.js';
import { conversationEvent } from '../conversations/realtime-events.js';
import { loadConversationViews } from '../conversations/present.js';
import { nextState } from '../conversations/state-machine.js';
import type { ConversationView } from '../conversations/schema.js';
import { presenceEvent, refreshCapacityPresence, writePresence } from '../users/presence.js';
import { assignConversation } from './assign-conversation.js';
import { assignSafely } from './assign-work.js';
import type { OfferView } from './schema.js';
import { announceAgentAssigned } from '../automation/hooks.js';

export async function listOffersFor(ctx: AppContext, agentId: string): Promise<OfferView[]> {
  const rows = await ctx.db
    .selectFrom('offers')
    .select(['id', 'conversation_id', 'agent_id', 'state', 'created_at', 'expires_at'])
    .where('agent_id', '=', agentId)
    .where('state', '=', 'pending')
    .where('expires_at', '>', ctx.now())
    .orderBy('created_at')
    .execute();
  const conversations = await loadConversationViews(ctx.db, { ids: rows.map((r) => r.conversation_id) }, ctx.now());
  return rows.map((r) => ({
    id: r.id,
    conversationId: r.conversation_id,
    agentId: r.agent_id,
    state: r.state,
    createdAt: r.created_at.toISOString(),
    expiresAt: r.expires_at.toISOString(),
    secondsLeft: Math.max(0, Math.ceil((r.expires_at.getTime() - ctx.now().getTime()) / 1000)),
    conversation: conversations.find((c) => c.id === r.conversation_id)!,
  }));
}

/** The offer itself authorizes its agent, who may not belong to the queue (transfer to an agent, affinity). */
async function lockOffered(tx: Tx, conversationId: string) {
  const conversation = await findConversation(tx, conversationId, { forUpdate: true });
  if (!conversation) throw new NotFoundError('The conversation');
  return conversation;
}

/** The caller's pending offer on the conversation, locked; 409 when there is none or it ran out. */
async function pendingOfferOf(tx: Tx, conversationId: string, agentId: string, now: Date) {
  const offer = await tx
    .selectFrom('offers')
    .select(['id', 'expires_at'])
    .where('conversation_id', '=', conversationId)
    .where('agent_id', '=', agentId)
    .where('state', '=', 'pending')
    .forUpdate()
    .executeTakeFirst();
  if (!offer) throw new ConflictError('NO_PENDING_OFFER', 'There is no offer of this conversation waiting for you (it may have expired or been taken back).');
  if (offer.expires_at.getTime() <= now.getTime()) throw new ConflictError('OFFER_EXPIRED', 'This offer ran out before you answered; the conversation goes to the next agent.');
  return offer;
}

/** Accept: the conversation becomes Active for the caller. Its capacity was reserved by the offer. */
export async function acceptOffer(ctx: AppContext, user: SessionUser, conversationId: string): Promise<ConversationView> {
  const events: RealtimeEvent[] = [];
  await ctx.db.transaction().execute(async (tx) => {
    const now = ctx.now();
    const conversation = await lockOffered(tx, conversationId);
    const offer = await pendingOfferOf(tx, conversationId, user.id, now);
    const to = nextState(conversation.state, 'accept');
    await tx.updateTable('offers').set({ state: 'accepted', decided_at: now }).where('id', '=', offer.id).execute();
    await tx.updateTable('conversations').set({ state: to, assigned_agent_id: user.id, last_agent_id: user.id }).where('id', '=', conversationId).execute();
    await tx.updateTable('users').set({ missed_offers: 0 }).where('id', '=', user.id).execute();
    await addConversationEvent(tx, conversationId, 'offer-accepted', { offerId: offer.id, agentId: user.id, from: conversation.state, to }, user.id);
    await announceAgentAssigned(tx, conversationId, now);
    const presence = await refreshCapacityPresence(tx, user.id, now);
    if (presence) events.push(presence);
    events.push(await conversationEvent(tx, conversationId, 'conversation.updated'));
  });
  for (const e of events) ctx.events.publish(e);
  const [view] = await loadConversationViews(ctx.db, { ids: [conversationId] }, ctx.now());
  return view;
}

/** Reject: the offer ends, the agent is not offered this conversation again for a while, and it goes to the next agent. */
export async function rejectOffer(ctx: AppContext, user: SessionUser, conversationId: string): Promise<ConversationView> {
  const events: RealtimeEvent[] = [];
  await ctx.db.transaction().execute(async (tx) => {
    const now = ctx.now();
    await lockOffered(tx, conversationId);
    const offer = await pendingOfferOf(tx, conversationId, user.id, now);
    await tx.updateTable('offers').set({ state: 'rejected', decided_at: now }).where('id', '=', offer.id).execute();
    await addConversationEvent(tx, conversationId, 'offer-rejected', { offerId: offer.id, agentId: user.id }, user.id);
    const presence = await refreshCapacityPresence(tx, user.id, now);
    if (presence) events.push(presence);
    events.push({ type: 'offer.withdrawn', audience: { queueId: null, agentId: user.id }, data: { offerId: offer.id, conversationId, reason: 'rejected' } });
  });
  for (const e of events) ctx.events.publish(e);
  await assignSafely(ctx, () => assignConversation(ctx, conversationId, { trigger: 'offer rejected', recordWaiting: true }));
  const [view] = await loadConversationViews(ctx.db, { ids: [conversationId] }, ctx.now());
  return view;
}

/**
 * Offers past their countdown expire: each one counts as a missed offer for the agent, who becomes
 * Inactive after the workstream's limit, and the conversation goes to the next agent. Claimed with
 * SKIP LOCKED so several processes can sweep at once.
 */
export async function expireOffers(ctx: AppContext): Promise<number> {
  const now = ctx.now();
  const events: RealtimeEvent[] = [];
  const expired = await ctx.db.transaction().execute(async (tx) => {
    const due = await tx
      .selectFrom('offers as o')
      .innerJoin('conversations as c', 'c.id', 'o.conversation_id')
      .leftJoin('workstreams as w', 'w.id', 'c.workstream_id')
      .select(['o.id', 'o.conversation_id', 'o.agent_id', 'w.inactive_after_missed_offers'])
      .where('o.state', '=', 'pending')
      .where('o.expires_at', '<=', now)
      // Agents' rows are then updated in one order, so two sweeping processes cannot deadlock.
      .orderBy('o.agent_id')
      .orderBy('o.expires_at')
      .limit(100)
      .forUpdate('o')
      .skipLocked()
      .execute();
    for (const offer of due) {
      await tx.updateTable('offers').set({ state: 'expired', decided_at: now }).where('id', '=', offer.id).execute();
      const user = await tx.updateTable('users').set((eb) => ({ missed_offers: eb('missed_offers', '+', 1) })).where('id', '=', offer.agent_id).returning(['missed_offers', 'presence']).executeTakeFirstOrThrow();
      const limit = offer.inactive_after_missed_offers ?? 0;
      const inactive = limit > 0 && user.missed_offers >= limit && user.presence !== 'inactive' && user.presence !== 'offline';
      if (inactive) {
        await writePresence(tx, offer.agent_id, 'inactive', 'system', now);
        events.push(presenceEvent(offer.agent_id, 'inactive', 'system'));
      }
      await addConversationEvent(tx, offer.conversation_id, 'offer-expired', { offerId: offer.id, agentId: offer.agent_id, missedOffers: user.missed_offers, madeInactive: inactive });
      events.push({ type: 'offer.expired', audience: { queueId: null, agentId: offer.agent_id }, data: { offerId: offer.id, conversationId: offer.conversation_id } });
    }
    return due;
  });
  for (const e of events) ctx.events.publish(e);
  for (const offer of expired) {
    await assignSafely(ctx, () => assignConversation(ctx, offer.conversation_id, { trigger: 'offer expired', recordWaiting: true }));
  }
  return expired.length;
}

/** Pending offers taken back (the conversation was closed, transferred or picked); capacity returns. */
export async function cancelPendingOffers(tx: Tx, conversationId: string, now: Date, reason: string): Promise<RealtimeEvent[]> {
  const rows = await tx
    .updateTable('offers')
    .set({ state: 'cancelled', decided_at: now })
    .where('conversation_id', '=', conversationId)
    .where('state', '=', 'pending')
    .returning(['id', 'agent_id'])
    .execute();
  return rows.map((r) => ({ type: 'offer.withdrawn', audience: { queueId: null, agentId: r.agent_id }, data: { offerId: r.id, conversationId, reason } }));
}

