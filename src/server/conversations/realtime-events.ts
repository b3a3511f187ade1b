import { sql } from 'kysely';
import type { Executor } from '../db/database.js';
import type { RealtimeEvent } from '../realtime/event-bus.js';
import { loadConversationViews, loadMessageViews } from './present.js';

/** Who may hear about a conversation: its queue, its agent and the colleagues consulted on it. */
export async function conversationAudience(db: Executor, conversationId: string): Promise<RealtimeEvent['audience']> {
  return (await conversationAudiences(db, [conversationId])).get(conversationId)!;
}

async function conversationAudiences(db: Executor, conversationIds: string[]): Promise<Map<string, RealtimeEvent['audience']>> {
  if (conversationIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('conversations as c')
    .select(['c.id', 'c.queue_id', 'c.assigned_agent_id'])
    .select(sql<string>`(SELECT coalesce(json_agg(p.user_id), '[]')::text FROM conversation_participants p WHERE p.conversation_id = c.id)`.as('participant_ids'))
    .where(sql<boolean>`c.id = any(${conversationIds}::uuid[])`)
    .execute();
  return new Map(rows.map((row) => [row.id, { queueId: row.queue_id, agentId: row.assigned_agent_id, participantIds: JSON.parse(row.participant_ids) as string[] }]));
}

/** A conversation event carries the conversation as the API shows it. */
export async function conversationEvent(db: Executor, conversationId: string, type: string): Promise<RealtimeEvent> {
  const [event] = await conversationEvents(db, [{ conversationId, type }]);
  return event;
}

/** Conversation events for many conversations, in one read whatever their number. */
export async function conversationEvents(db: Executor, wanted: Array<{ conversationId: string; type: string }>): Promise<RealtimeEvent[]> {
  const ids = [...new Set(wanted.map((w) => w.conversationId))];
  const views = new Map((await loadConversationViews(db, { ids }, new Date())).map((c) => [c.id, c]));
  return wanted.map(({ conversationId, type }) => {
    const conversation = views.get(conversationId)!;
    const participantIds = conversation.participants.map((p) => p.userId);
    return { type, audience: { queueId: conversation.queueId, agentId: conversation.assignedAgentId, participantIds }, data: { conversation } };
  });
}

/** conversation.updated for the conversation a message belongs to, when the message changed how it shows. */
export async function messageConversationEvent(db: Executor, messageId: string): Promise<RealtimeEvent> {
  const { conversation_id } = await db.selectFrom('messages').select('conversation_id').where('id', '=', messageId).executeTakeFirstOrThrow();
  return conversationEvent(db, conversation_id, 'conversation.updated');
}

/** A message event carries the message and who may see its conversation. */
export async function messageEvent(db: Executor, messageId: string, type: string): Promise<RealtimeEvent> {
  const [event] = await messageEvents(db, [messageId], type);
  return event;
}

/** Message events for many messages, in three reads whatever their number. */
export async function messageEvents(db: Executor, messageIds: string[], type: string): Promise<RealtimeEvent[]> {
  const messages = await loadMessageViews(db, { messageIds });
  const audiences = await conversationAudiences(db, [...new Set(messages.map((m) => m.conversationId))]);
  return messages.map((message) => ({ type, audience: audiences.get(message.conversationId)!, data: { message } }));
}
