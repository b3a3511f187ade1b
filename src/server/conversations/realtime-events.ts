import type { Executor } from '../db/database.js';
import type { RealtimeEvent } from '../realtime/event-bus.js';
import { loadConversationViews, loadMessageViews } from './present.js';

/** A conversation event carries the conversation as the API shows it. */
export async function conversationEvent(db: Executor, conversationId: string, type: string): Promise<RealtimeEvent> {
  const [conversation] = await loadConversationViews(db, { ids: [conversationId] }, new Date());
  return { type, audience: { queueId: conversation.queueId, agentId: conversation.assignedAgentId }, data: { conversation } };
}

/** A message event carries the message and who may see its conversation. */
export async function messageEvent(db: Executor, messageId: string, type: string): Promise<RealtimeEvent> {
  const [message] = await loadMessageViews(db, { messageIds: [messageId] });
  const conversation = await db
    .selectFrom('conversations')
    .select(['queue_id', 'assigned_agent_id'])
    .where('id', '=', message.conversationId)
    .executeTakeFirstOrThrow();
  return { type, audience: { queueId: conversation.queue_id, agentId: conversation.assigned_agent_id }, data: { message } };
}
