import { sql } from 'kysely';
import type { Executor } from '../db/database.js';
import type { RealtimeEvent } from '../realtime/event-bus.js';
import { loadConversationViews, loadMessageViews } from './present.js';

/** Who may hear about a conversation: its queue, its agent and the colleagues consulted on it. */
export async function conversationAudience(db: Executor, conversationId: string): Promise<RealtimeEvent['audience']> {
  const row = await db
    .selectFrom('conversations as c')
    .select(['c.queue_id', 'c.assigned_agent_id'])
    .select(sql<string>`(SELECT coalesce(json_agg(p.user_id), '[]')::text FROM conversation_participants p WHERE p.conversation_id = c.id)`.as('participant_ids'))
    .where('c.id', '=', conversationId)
    .executeTakeFirstOrThrow();
  return { queueId: row.queue_id, agentId: row.assigned_agent_id, participantIds: JSON.parse(row.participant_ids) as string[] };
}

/** A conversation event carries the conversation as the API shows it. */
export async function conversationEvent(db: Executor, conversationId: string, type: string): Promise<RealtimeEvent> {
  const [conversation] = await loadConversationViews(db, { ids: [conversationId] }, new Date());
  const participantIds = conversation.participants.map((p) => p.userId);
  return { type, audience: { queueId: conversation.queueId, agentId: conversation.assignedAgentId, participantIds }, data: { conversation } };
}

/** A message event carries the message and who may see its conversation. */
export async function messageEvent(db: Executor, messageId: string, type: string): Promise<RealtimeEvent> {
  const [message] = await loadMessageViews(db, { messageIds: [messageId] });
  return { type, audience: await conversationAudience(db, message.conversationId), data: { message } };
}
