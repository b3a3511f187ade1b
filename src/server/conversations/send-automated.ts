import type { Tx } from '../db/database.js';
import { queueOutbound } from './queue-outbound.js';
import { addConversationEvent } from './store.js';

/** A message the system sends for the business on a trigger; it goes through the same outbox. */
export async function queueAutomatedMessage(
  tx: Tx,
  input: { conversationId: string; numberId: string; body: string; trigger: string; now: Date; contentSid?: string | null },
): Promise<string> {
  const messageId = await queueOutbound(tx, { ...input, kind: 'automated', senderUserId: null });
  await addConversationEvent(tx, input.conversationId, 'automated-message', { trigger: input.trigger, messageId });
  return messageId;
}
