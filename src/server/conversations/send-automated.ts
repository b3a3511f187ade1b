import type { Tx } from '../db/database.js';
import { queueOutbound } from './queue-outbound.js';
import { addConversationEvent } from './store.js';
import { conversationOptedOut } from '../contacts/opt-outs.js';

export const OPTED_OUT_REASON = 'The customer opted out (STOP) of messages from this number; nothing is sent until they send START.';

/**
 * A message the system sends for the business on a trigger; it goes through the same outbox.
 * To a customer who opted out nothing goes: the timeline says so and the answer is null.
 */
export async function queueAutomatedMessage(
  tx: Tx,
  input: { conversationId: string; numberId: string; body: string; trigger: string; now: Date; contentSid?: string | null },
): Promise<string | null> {
  if (await conversationOptedOut(tx, input.conversationId)) {
    await addConversationEvent(tx, input.conversationId, 'automation.not-sent', { trigger: input.trigger, reason: OPTED_OUT_REASON });
    return null;
  }
  const messageId = await queueOutbound(tx, { ...input, kind: 'automated', senderUserId: null });
  await addConversationEvent(tx, input.conversationId, 'automated-message', { trigger: input.trigger, messageId });
  return messageId;
}
