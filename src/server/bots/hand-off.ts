import type { Tx } from '../db/database.js';
import { addConversationEvent } from '../conversations/store.js';
import { findWorkstream } from '../workstreams/store.js';
import { chooseQueue } from '../routing/choose-queue.js';
import { routeArrival } from '../routing/route-conversation.js';
import { announceNoAgent, announceQueueStatus } from '../automation/hooks.js';

/**
 * The bot steps aside: its variables join the conversation's routing variables (classification
 * rules read them as var.<name>), and the conversation is routed as if it had just arrived.
 * Answers whether it now waits in a queue (false when overflow ended it).
 */
export async function handOff(tx: Tx, input: { conversationId: string; reason: string; variables: Record<string, string>; now: Date }): Promise<boolean> {
  const c = await tx.selectFrom('conversations').select(['workstream_id', 'routing_variables']).where('id', '=', input.conversationId).executeTakeFirstOrThrow();
  await tx
    .updateTable('conversations')
    .set({ bot_state: 'handed-off', routing_variables: JSON.stringify({ ...c.routing_variables, ...input.variables }) })
    .where('id', '=', input.conversationId)
    .execute();
  await addConversationEvent(tx, input.conversationId, 'bot.handoff', { reason: input.reason, variables: input.variables });
  const workstream = (c.workstream_id ? await findWorkstream(tx, c.workstream_id) : undefined) ?? null;
  const first = await tx.selectFrom('messages').select('body').where('conversation_id', '=', input.conversationId).where('direction', '=', 'inbound').orderBy('created_at').orderBy('seq').limit(1).executeTakeFirst();
  const routed = await routeArrival(tx, {
    conversationId: input.conversationId,
    workstream,
    defaultQueueId: await chooseQueue(tx, workstream),
    firstMessage: first?.body ?? '',
    now: input.now,
  });
  if (routed.queueId === null) {
    await announceNoAgent(tx, input.conversationId, input.now);
    return false;
  }
  await announceQueueStatus(tx, input.conversationId, input.now);
  return true;
}
