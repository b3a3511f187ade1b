import type { AppContext } from '../context.js';
import type { SessionUser } from '../auth/sessions.js';
import type { RealtimeEvent } from '../realtime/event-bus.js';
import { isSupervisorOrAdmin } from '../auth/plugin.js';
import { ConflictError } from '../http/errors.js';
import { assertCapacityFor } from '../routing/take-capacity.js';
import { cancelPendingOffers } from '../routing/offers.js';
import { markAssignedTo } from '../routing/assign-conversation.js';
import { assignForAgent, assignSafely } from '../routing/assign-work.js';
import { presenceForWork, refreshCapacityPresence } from '../users/presence.js';
import { assertCanAct, loadVisibleConversation } from './policy.js';
import { nextState } from './state-machine.js';
import { addConversationEvent } from './store.js';
import { conversationEvent } from './realtime-events.js';
import type { ConversationView, WrapUpBody } from './schema.js';
import { applyWrapUp } from './wrap-up.js';
import { loadConversationViews } from './present.js';
import { announceAgentAssigned, announceAgentEnded } from '../automation/hooks.js';
import { requestSurvey } from '../surveys/request-survey.js';

/**
 * An open conversation becomes the caller's: the first one to pick wins (the row lock decides),
 * the others get a 409. The caller must have room for it: capacity, capacity profile, exact skills.
 */
export async function pickConversation(ctx: AppContext, user: SessionUser, id: string): Promise<ConversationView> {
  const events: RealtimeEvent[] = [];
  await ctx.db.transaction().execute(async (tx) => {
    const now = ctx.now();
    const conversation = await loadVisibleConversation(tx, user, id, { forUpdate: true });
    if (conversation.assigned_agent_id && conversation.assigned_agent_id !== user.id) {
      throw new ConflictError('ALREADY_ASSIGNED', 'Another agent already has this conversation.', { state: conversation.state });
    }
    const to = nextState(conversation.state, 'pick');
    const offered = await tx.selectFrom('offers').select('agent_id').where('conversation_id', '=', id).where('state', '=', 'pending').executeTakeFirst();
    if (offered && offered.agent_id !== user.id) throw new ConflictError('OFFERED_TO_ANOTHER', 'This conversation is being offered to another agent right now.', { state: conversation.state });
    events.push(...(await cancelPendingOffers(tx, id, now, 'picked')));
    await assertCapacityFor(tx, user.id, id, now);
    await tx.updateTable('conversations').set({ state: to, assigned_agent_id: user.id, last_agent_id: user.id }).where('id', '=', id).execute();
    await markAssignedTo(tx, user.id, conversation.queue_id, now);
    await addConversationEvent(tx, id, 'assigned', { agentId: user.id, how: 'picked', from: conversation.state, to }, user.id);
    await announceAgentAssigned(tx, id, now);
    const working = await presenceForWork(tx, user.id, now);
    if (working) events.push(working);
    const presence = await refreshCapacityPresence(tx, user.id, now);
    if (presence) events.push(presence);
  });
  for (const e of events) ctx.events.publish(e);
  return publishAndView(ctx, id);
}

/**
 * End (wrap-up), close, move to waiting or resume. End and Close carry the wrap-up (reason, labels,
 * summary). Capacity freed here lets waiting work move.
 */
export async function changeConversationState(
  ctx: AppContext,
  user: SessionUser,
  id: string,
  action: 'end' | 'close' | 'wait' | 'resume',
  wrapUp: WrapUpBody = {},
): Promise<ConversationView> {
  const events: RealtimeEvent[] = [];
  const agentId = await ctx.db.transaction().execute(async (tx) => {
    const now = ctx.now();
    const conversation = await loadVisibleConversation(tx, user, id, { forUpdate: true });
    if (!(action === 'close' && isSupervisorOrAdmin(user))) assertCanAct(user, conversation);
    const to = nextState(conversation.state, action);
    if (action === 'resume' && conversation.assigned_agent_id) await assertCapacityFor(tx, conversation.assigned_agent_id, id, now, conversation.assigned_agent_id === user.id ? 'You' : 'The agent');
    const wrapped = action === 'end' || action === 'close' ? await applyWrapUp(tx, conversation, wrapUp, user.id) : {};
    if (to === 'closed') events.push(...(await cancelPendingOffers(tx, id, now, 'closed')));
    await tx
      .updateTable('conversations')
      .set({
        state: to,
        ...(to === 'closed' ? { closed_at: now } : {}),
        ...(to === 'wrap-up' ? { wrap_up_at: now } : {}),
        ...(conversation.assigned_agent_id ? { last_agent_id: conversation.assigned_agent_id } : {}),
      })
      .where('id', '=', id)
      .execute();
    await addConversationEvent(tx, id, 'state-changed', { from: conversation.state, to, action, ...wrapped }, user.id);
    if (to === 'wrap-up') await announceAgentEnded(tx, id, now);
    if (to === 'closed') await requestSurvey(ctx, tx, id, now);
    if (conversation.assigned_agent_id) {
      if (action !== 'resume') await tx.updateTable('users').set({ last_activity_at: now }).where('id', '=', conversation.assigned_agent_id).execute();
      const presence = await refreshCapacityPresence(tx, conversation.assigned_agent_id, now);
      if (presence) events.push(presence);
    }
    return conversation.assigned_agent_id;
  });
  for (const e of events) ctx.events.publish(e);
  const view = await publishAndView(ctx, id);
  if (agentId && action !== 'resume') await assignSafely(ctx, () => assignForAgent(ctx, agentId, `capacity freed (${action})`));
  return view;
}

async function publishAndView(ctx: AppContext, id: string): Promise<ConversationView> {
  ctx.events.publish(await conversationEvent(ctx.db, id, 'conversation.updated'));
  const [view] = await loadConversationViews(ctx.db, { ids: [id] }, ctx.now());
  return view;
}
