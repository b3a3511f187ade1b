import type { AppContext } from '../context.js';
import { messageEvent } from '../conversations/realtime-events.js';
import { fireTrigger } from './fire-trigger.js';

/** An inbound file turned out larger than WhatsApp allows (known only once downloaded): tell the customer. */
export async function announceFileTooBig(ctx: AppContext, inboundMessageId: string): Promise<void> {
  const sent = await ctx.db.transaction().execute(async (tx) => {
    const message = await tx.selectFrom('messages').select('conversation_id').where('id', '=', inboundMessageId).executeTakeFirstOrThrow();
    const id = await fireTrigger(tx, { conversationId: message.conversation_id, trigger: 'file-too-big', now: ctx.now() });
    return id ? messageEvent(tx, id, 'message.created') : null;
  });
  if (!sent) return;
  ctx.events.publish(sent);
  ctx.signals.outboxQueued();
}
