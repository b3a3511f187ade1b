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

/** The conversation if the user may see it; a 404 otherwise, so its existence is not revealed. */
export async function loadVisibleConversation(db: Executor, user: SessionUser, id: string, opts: { forUpdate?: boolean } = {}): Promise<ConversationRow> {
  const conversation = await findConversation(db, id, opts);
  if (!conversation || !canSeeConversation(user, conversation, await queueIdsOf(db, user.id))) throw new NotFoundError('The conversation');
  return conversation;
}

/** Writing to a conversation: its assignee, or a supervisor or admin. */
export function assertCanAct(user: SessionUser, conversation: ConversationRow): void {
  if (isSupervisorOrAdmin(user) || conversation.assigned_agent_id === user.id) return;
  throw new ForbiddenError('Only the agent assigned to this conversation (or a supervisor) can do this. Pick it first.');
}
