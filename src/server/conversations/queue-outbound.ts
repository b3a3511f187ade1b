import type { Tx } from '../db/database.js';
import { addMessageEvent } from './store.js';
import { noteQueued } from '../db/queued-work.js';
import { conversationOptedOut, CustomerOptedOutError } from '../contacts/opt-outs.js';

export type OutboundDraft = {
  conversationId: string;
  numberId: string;
  kind: 'text' | 'media' | 'template' | 'automated';
  body: string;
  senderUserId: string | null;
  templateId?: string | null;
  contentSid?: string | null;
  contentVariables?: Record<string, string> | null;
  now: Date;
};

/**
 * Stores an outbound message as queued together with its outbox entry, in the caller's
 * transaction. Every send passes here, so a customer who opted out is never sent anything.
 */
export async function queueOutbound(tx: Tx, draft: OutboundDraft): Promise<string> {
  if (await conversationOptedOut(tx, draft.conversationId)) throw new CustomerOptedOutError();
  const message = await tx
    .insertInto('messages')
    .values({
      conversation_id: draft.conversationId,
      direction: 'outbound',
      kind: draft.kind,
      body: draft.body,
      status: 'queued',
      sender_user_id: draft.senderUserId,
      template_id: draft.templateId ?? null,
      content_sid: draft.contentSid ?? null,
      content_variables: draft.contentVariables ? JSON.stringify(draft.contentVariables) : null,
      created_at: draft.now,
      status_at: draft.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await tx.insertInto('outbox').values({ message_id: message.id, number_id: draft.numberId, conversation_id: draft.conversationId, next_attempt_at: draft.now }).execute();
  noteQueued(tx, 'outbox');
  await addMessageEvent(tx, message.id, { type: 'queued', status: 'queued' });
  await tx.updateTable('conversations').set({ last_message_at: draft.now }).where('id', '=', draft.conversationId).execute();
  return message.id;
}
