import type { AppContext } from '../context.js';
import type { SessionUser } from '../auth/sessions.js';
import { isSupervisorOrAdmin } from '../auth/plugin.js';
import { ConflictError } from '../http/errors.js';
import { assertCanAct, loadVisibleConversation } from './policy.js';
import { nextState } from './state-machine.js';
import { addConversationEvent } from './store.js';
import { conversationEvent } from './realtime-events.js';
import type { ConversationView } from './schema.js';
import { loadConversationViews } from './present.js';

/** An open conversation becomes the caller's: the first one to pick wins, the others get a 409. */
export async function pickConversation(ctx: AppContext, user: SessionUser, id: string): Promise<ConversationView> {
  await ctx.db.transaction().execute(async (tx) => {
    const conversation = await loadVisibleConversation(tx, user, id, { forUpdate: true });
    if (conversation.state === 'open' && conversation.assigned_agent_id && conversation.assigned_agent_id !== user.id) {
      throw new ConflictError('ALREADY_ASSIGNED', 'Another agent already has this conversation.', { state: conversation.state });
    }
    if (conversation.state !== 'open' && conversation.assigned_agent_id && conversation.assigned_agent_id !== user.id) {
      throw new ConflictError('ALREADY_ASSIGNED', 'Another agent already has this conversation.', { state: conversation.state });
    }
    const to = nextState(conversation.state, 'pick');
    await tx.updateTable('conversations').set({ state: to, assigned_agent_id: user.id }).where('id', '=', id).execute();
    await addConversationEvent(tx, id, 'assigned', { agentId: user.id, how: 'picked', from: conversation.state, to }, user.id);
  });
  return publishAndView(ctx, id);
}

/** End (wrap-up), close, move to waiting or resume. */
export async function changeConversationState(ctx: AppContext, user: SessionUser, id: string, action: 'end' | 'close' | 'wait' | 'resume'): Promise<ConversationView> {
  await ctx.db.transaction().execute(async (tx) => {
    const conversation = await loadVisibleConversation(tx, user, id, { forUpdate: true });
    if (!(action === 'close' && isSupervisorOrAdmin(user))) assertCanAct(user, conversation);
    const to = nextState(conversation.state, action);
    await tx
      .updateTable('conversations')
      .set({ state: to, ...(to === 'closed' ? { closed_at: ctx.now() } : {}) })
      .where('id', '=', id)
      .execute();
    await addConversationEvent(tx, id, 'state-changed', { from: conversation.state, to, action }, user.id);
  });
  return publishAndView(ctx, id);
}

async function publishAndView(ctx: AppContext, id: string): Promise<ConversationView> {
  ctx.events.publish(await conversationEvent(ctx.db, id, 'conversation.updated'));
  const [view] = await loadConversationViews(ctx.db, { ids: [id] }, ctx.now());
  return view;
}
