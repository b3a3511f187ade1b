import type { AppContext } from '../context.js';
import type { SessionUser } from '../auth/sessions.js';
import { ConflictError, DomainError, NotFoundError, WindowClosedError } from '../http/errors.js';
import { assertCanAct, loadVisibleConversation } from './policy.js';
import { addMessageEvent } from './store.js';
import { isWindowOpen, windowExpiresAt, windowName } from './window.js';
import { messageEvent } from './realtime-events.js';
import { PUBLIC_MEDIA_HOURS } from './send-message.js';
import type { ChannelId } from '../channels/registry.js';

const RETRYABLE = ['failed', 'undelivered'];

/** Whether the channel lets this message go out now: approved templates any time, anything else inside its window. */
export function mayResendNow(channel: ChannelId, message: { kind: string; content_sid: string | null }, lastInboundAt: Date | null, now: Date): boolean {
  if (message.kind === 'template' && message.content_sid) return true;
  return isWindowOpen(channel, lastInboundAt, now);
}

/**
 * Puts the same failed message back in the outbox (not a copy): the thread keeps one bubble, and
 * its events tell the story (failed, retried, sent...).
 */
export async function retryMessage(ctx: AppContext, user: SessionUser, conversationId: string, messageId: string): Promise<{ id: string; status: string }> {
  await ctx.db.transaction().execute(async (tx) => {
    const now = ctx.now();
    const conversation = await loadVisibleConversation(tx, user, conversationId, { forUpdate: true });
    assertCanAct(user, conversation);
    const message = await tx
      .selectFrom('messages')
      .select(['id', 'direction', 'kind', 'status', 'content_sid', 'provider_sid', 'error_code'])
      .where('id', '=', messageId)
      .where('conversation_id', '=', conversationId)
      .forUpdate()
      .executeTakeFirst();
    if (!message) throw new NotFoundError('The message');
    if (conversation.state === 'closed') throw new DomainError('CONVERSATION_CLOSED', 'This conversation is closed; the customer starts a new one by writing again.', 409, { state: 'closed' });
    if (message.direction !== 'outbound' || !RETRYABLE.includes(message.status)) {
      throw new ConflictError('MESSAGE_NOT_RETRYABLE', `Only a failed or undelivered outbound message can be sent again (this one is ${message.status}).`, { status: message.status });
    }
    if (!mayResendNow(conversation.channel, message, conversation.last_inbound_at, now)) throw new WindowClosedError(windowExpiresAt(conversation.channel, conversation.last_inbound_at), windowName(conversation.channel));
    // The old sid is forgotten so the outbox sends again; it stays in the event for the record.
    await tx.updateTable('messages').set({ status: 'queued', error_code: null, error_message: null, provider_sid: null, status_at: now }).where('id', '=', messageId).execute();
    // Twilio fetches attachments again: their public links must outlive the new attempt too.
    await tx.updateTable('message_media').set({ public_expires: new Date(now.getTime() + PUBLIC_MEDIA_HOURS * 3600_000) }).where('message_id', '=', messageId).where('public_token', 'is not', null).execute();
    await tx.deleteFrom('outbox').where('message_id', '=', messageId).execute();
    await tx.insertInto('outbox').values({ message_id: messageId, number_id: conversation.number_id, conversation_id: conversationId, next_attempt_at: now }).execute();
    await addMessageEvent(tx, messageId, { type: 'retried', status: 'queued', errorCode: message.error_code, detail: message.provider_sid ? `previous sid ${message.provider_sid}` : null });
  });
  ctx.signals.outboxQueued();
  ctx.events.publish(await messageEvent(ctx.db, messageId, 'message.updated'));
  return { id: messageId, status: 'queued' };
}
