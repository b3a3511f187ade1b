import type { AppContext } from '../context.js';
import type { SessionUser } from '../auth/sessions.js';
import { loadVisibleConversation } from '../conversations/policy.js';
import { addConversationEvent } from '../conversations/store.js';
import { conversationEvent } from '../conversations/realtime-events.js';
import { ConflictError } from '../http/errors.js';

/**
 * A supervisor joins a live conversation: recorded as a participant (the agent keeps it and
 * sees who joined on the timeline). Supervisors may already write to any conversation; joining
 * makes that visible instead of silent. Monitoring needs nothing: supervisors read every thread.
 */
export async function joinConversation(ctx: AppContext, user: SessionUser, id: string): Promise<{ conversationId: string; mode: 'participant' }> {
  await ctx.db.transaction().execute(async (tx) => {
    const conversation = await loadVisibleConversation(tx, user, id, { forUpdate: true });
    if (conversation.state === 'closed') throw new ConflictError('CONVERSATION_CLOSED', 'The conversation is closed; there is nobody to join.');
    const already = await tx.selectFrom('conversation_participants').select('mode').where('conversation_id', '=', id).where('user_id', '=', user.id).executeTakeFirst();
    if (already?.mode === 'participant') return;
    await tx
      .insertInto('conversation_participants')
      .values({ conversation_id: id, user_id: user.id, mode: 'participant', invited_by: user.id })
      .onConflict((oc) => oc.columns(['conversation_id', 'user_id']).doUpdateSet({ mode: 'participant' }))
      .execute();
    await addConversationEvent(tx, id, 'supervisor-joined', { userId: user.id, name: user.name }, user.id);
  });
  ctx.events.publish(await conversationEvent(ctx.db, id, 'conversation.updated'));
  return { conversationId: id, mode: 'participant' };
}
