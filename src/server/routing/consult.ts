import type { AppContext } from '../context.js';
import type { SessionUser } from '../auth/sessions.js';
import { IllegalTransitionError, NotFoundError, ValidationError } from '../http/errors.js';
import { assertCanAct, loadVisibleConversation } from '../conversations/policy.js';
import { addConversationEvent } from '../conversations/store.js';
import { conversationEvent } from '../conversations/realtime-events.js';

export type ParticipantView = { userId: string; name: string; mode: 'consult' | 'participant'; invitedBy: string | null; createdAt: string };

export async function listParticipants(ctx: AppContext, user: SessionUser, id: string): Promise<ParticipantView[]> {
  await loadVisibleConversation(ctx.db, user, id);
  const rows = await ctx.db
    .selectFrom('conversation_participants as p')
    .innerJoin('users as u', 'u.id', 'p.user_id')
    .select(['p.user_id', 'u.name', 'p.mode', 'p.invited_by', 'p.created_at'])
    .where('p.conversation_id', '=', id)
    .orderBy('p.created_at')
    .execute();
  return rows.map((r) => ({ userId: r.user_id, name: r.name, mode: r.mode, invitedBy: r.invited_by, createdAt: r.created_at.toISOString() }));
}

/**
 * Consult: the assignee (or a supervisor) invites another agent, who sees the conversation
 * read-only, wherever their queues are, until added as a participant.
 */
export async function consultAgent(ctx: AppContext, user: SessionUser, id: string, agentId: string): Promise<ParticipantView[]> {
  await ctx.db.transaction().execute(async (tx) => {
    const conversation = await loadVisibleConversation(tx, user, id, { forUpdate: true });
    assertCanAct(user, conversation);
    if (conversation.state === 'closed') throw new IllegalTransitionError('closed', 'consulted on');
    if (agentId === conversation.assigned_agent_id) throw new ValidationError('The assigned agent already has this conversation.', 'agentId');
    const target = await tx.selectFrom('users').select(['id', 'name']).where('id', '=', agentId).where('disabled_at', 'is', null).executeTakeFirst();
    if (!target) throw new NotFoundError('The agent');
    await tx
      .insertInto('conversation_participants')
      .values({ conversation_id: id, user_id: agentId, mode: 'consult', invited_by: user.id })
      .onConflict((oc) => oc.columns(['conversation_id', 'user_id']).doNothing())
      .execute();
    await addConversationEvent(tx, id, 'consult-invited', { agentId, agentName: target.name }, user.id);
  });
  // The consulted agent is told who asks; everyone watching sees the new participant.
  const updated = await conversationEvent(ctx.db, id, 'conversation.updated');
  ctx.events.publish({ type: 'consult.invited', audience: { queueId: null, agentId }, data: { ...updated.data, invitedBy: user.id, invitedByName: user.name } });
  ctx.events.publish(updated);
  return listParticipants(ctx, user, id);
}

/** The consulted agent joins the conversation: they may now write in it. */
export async function addParticipant(ctx: AppContext, user: SessionUser, id: string, userId: string): Promise<ParticipantView[]> {
  await ctx.db.transaction().execute(async (tx) => {
    const conversation = await loadVisibleConversation(tx, user, id, { forUpdate: true });
    assertCanAct(user, conversation);
    const updated = await tx.updateTable('conversation_participants').set({ mode: 'participant' }).where('conversation_id', '=', id).where('user_id', '=', userId).executeTakeFirst();
    if (updated.numUpdatedRows === 0n) throw new NotFoundError('The consulted agent');
    await addConversationEvent(tx, id, 'participant-added', { agentId: userId }, user.id);
  });
  ctx.events.publish(await conversationEvent(ctx.db, id, 'conversation.updated'));
  return listParticipants(ctx, user, id);
}

export async function removeParticipant(ctx: AppContext, user: SessionUser, id: string, userId: string): Promise<ParticipantView[]> {
  await ctx.db.transaction().execute(async (tx) => {
    const conversation = await loadVisibleConversation(tx, user, id, { forUpdate: true });
    // Participants may leave by themselves; removing someone else needs the right to act.
    if (userId !== user.id) assertCanAct(user, conversation);
    const deleted = await tx.deleteFrom('conversation_participants').where('conversation_id', '=', id).where('user_id', '=', userId).executeTakeFirst();
    if (deleted.numDeletedRows === 0n) throw new NotFoundError('The participant');
    await addConversationEvent(tx, id, 'participant-removed', { agentId: userId }, user.id);
  });
  // The one removed hears it too, so the conversation leaves their list.
  const updated = await conversationEvent(ctx.db, id, 'conversation.updated');
  ctx.events.publish({ ...updated, audience: { ...updated.audience, participantIds: [...(updated.audience.participantIds ?? []), userId] } });
  return listParticipants(ctx, user, id);
}
