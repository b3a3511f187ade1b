import type { Executor } from '../db/database.js';
import type { SessionUser } from '../auth/sessions.js';
import { isSupervisorOrAdmin } from '../auth/plugin.js';
import { ForbiddenError, NotFoundError } from '../http/errors.js';
import { queueIdsOf } from '../users/store.js';
import { findConversation, type ConversationRow } from './store.js';

/** Admins and supervisors see everything; agents their queues' conversations and their own. */
export function canSeeConversation(user: SessionUser, conversation: Pick<ConversationRow, 'queue_id' | 'assigned_agent_id'>, queueIds: string[]): boolean {
  if (isSupervisorOrAdmin(user)) return true;
  return conversation.assigned_agent_id === user.id || (conversation.queue_id !== null && queueIds.includes(conversation.queue_id));
}

export type VisibleConversation = ConversationRow & {
  /** The caller's place as a participant: consulted (read-only) or added. */
  participantMode?: 'consult' | 'participant';
};

/** The conversation if the user may see it (consulted agents too); a 404 otherwise, so its existence is not revealed. */
export async function loadVisibleConversation(db: Executor, user: SessionUser, id: string, opts: { forUpdate?: boolean } = {}): Promise<VisibleConversation> {
  const conversation = await findConversation(db, id, opts);
  if (!conversation) throw new NotFoundError('The conversation');
  if (isSupervisorOrAdmin(user) || conversation.assigned_agent_id === user.id) return conversation;
  const participant = await db.selectFrom('conversation_participants').select('mode').where('conversation_id', '=', id).where('user_id', '=', user.id).executeTakeFirst();
  if (!participant && !canSeeConversation(user, conversation, await queueIdsOf(db, user.id))) throw new NotFoundError('The conversation');
  return participant ? { ...conversation, participantMode: participant.mode } : conversation;
}

/**
 * Private notes: everyone who may write, and a consulted agent too. A consult is colleagues talking
 * about the conversation, so both sides need a voice; the customer still hears only the assignee.
 */
export function assertCanNote(user: SessionUser, conversation: VisibleConversation): void {
  if (conversation.participantMode === 'consult') return;
  assertCanAct(user, conversation);
}

/** Writing to a conversation: its assignee, an added participant, or a supervisor or admin. */
export function assertCanAct(user: SessionUser, conversation: VisibleConversation): void {
  if (isSupervisorOrAdmin(user) || conversation.assigned_agent_id === user.id || conversation.participantMode === 'participant') return;
  if (conversation.participantMode === 'consult') throw new ForbiddenError('You are consulted on this conversation: read-only until the assigned agent adds you.');
  throw new ForbiddenError('Only the agent assigned to this conversation (or a supervisor) can do this. Pick it first.');
}
