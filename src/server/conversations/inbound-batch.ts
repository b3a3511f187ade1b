import { sql, type Selectable } from 'kysely';
import type { Tx } from '../db/database.js';
import type { MessagesTable } from '../db/schema.js';
import type { InboundMessage } from '../channels/types.js';
import type { AccountRow } from '../messaging-accounts/store.js';
import { readOnce } from '../db/read-once.js';
import { lockLiveConversations, upsertContacts, type ContactInput, type ContactRow, type ConversationRow } from './store.js';

/** A message Twilio delivered again after it was stored: throwing rolls back the transaction that met it. */
export class DuplicateDelivery extends Error {}

export type BatchItem = { account: AccountRow; message: InboundMessage; receivedAt: Date };

type MessageRow = Selectable<MessagesTable>;

/**
 * What a batch reads and writes for all its messages at once instead of one by one: their contacts
 * (created or refreshed), the live conversations they write in (locked), and its plain replies,
 * stored. A customer with two messages in the batch is left to the one-by-one path, which sees
 * what the first message changed.
 */
export type KnownAhead = { contacts: Map<string, ContactRow>; live: Map<string, ConversationRow>; stored: Map<string, MessageRow> };

export async function readAhead(tx: Tx, items: BatchItem[]): Promise<KnownAhead> {
  const matched: { item: BatchItem; numberId: string }[] = [];
  for (const item of items) {
    const number = await numberFor(tx, item.account, item.message);
    if (number) matched.push({ item, numberId: number.id });
  }
  const writes = new Map<string, number>();
  for (const { item } of matched) writes.set(item.message.customer.phone, (writes.get(item.message.customer.phone) ?? 0) + 1);
  const once = matched.filter(({ item }) => writes.get(item.message.customer.phone) === 1);
  if (once.length === 0) return { contacts: new Map(), live: new Map(), stored: new Map() };
  const contacts = await upsertContacts(tx, once.map(({ item }) => contactInput(item.message)));
  const locked = await lockLiveConversations(tx, once.map(({ item, numberId }) => ({ contactId: contacts.get(item.message.customer.phone)!.id, numberId, channel: item.message.channel })));
  const live = new Map(locked.map((c) => [liveKey(c.contact_id, c.number_id, c.channel), c]));
  const replies = once.flatMap(({ item, numberId }) => {
    const conversation = live.get(liveKey(contacts.get(item.message.customer.phone)!.id, numberId, item.message.channel));
    return conversation && isPlainReply(item.message, conversation) ? [{ item, conversationId: conversation.id }] : [];
  });
  const stored = replies.length ? await insertPlainReplies(tx, replies) : new Map<string, MessageRow>();
  return { contacts, live, stored };
}

/**
 * Most inbound messages: a reply, without attachments, to a conversation that is open and not
 * with a bot. Nothing about it but the message and the conversation's times is written, so a
 * batch stores all of them in one statement.
 */
function isPlainReply(message: InboundMessage, conversation: ConversationRow): boolean {
  return message.media.length === 0 && conversation.state === 'open' && conversation.bot_state !== 'active';
}

/** Plain replies and their conversations' times in one statement, in the batch's order; a redelivery among them rolls the batch back. */
async function insertPlainReplies(tx: Tx, replies: { item: BatchItem; conversationId: string }[]): Promise<Map<string, MessageRow>> {
  const column = <T>(pick: (r: (typeof replies)[number]) => T) => replies.map(pick);
  const { rows } = await sql<MessageRow>`
    WITH v AS (
      SELECT * FROM unnest(
        ${column((r) => r.conversationId)}::uuid[], ${column((r) => r.item.message.kind)}::text[], ${column((r) => r.item.message.body)}::text[],
        ${column((r) => r.item.message.messageSid)}::text[], ${column((r) => r.item.message.latitude)}::float8[], ${column((r) => r.item.message.longitude)}::float8[],
        ${column((r) => r.item.message.locationLabel)}::text[], ${column((r) => r.item.message.locationAddress)}::text[],
        ${column((r) => r.item.message.buttonText)}::text[], ${column((r) => r.item.message.buttonPayload)}::text[], ${column((r) => r.item.message.repliedToSid)}::text[],
        ${column((r) => r.item.receivedAt)}::timestamptz[]
      ) WITH ORDINALITY AS v(conversation_id, kind, body, provider_sid, latitude, longitude, location_label, location_address, button_text, button_payload, replied_to_sid, at, n)),
    inserted AS (
      INSERT INTO messages (conversation_id, direction, kind, body, status, provider_sid, latitude, longitude, location_label, location_address, button_text, button_payload, replied_to_sid, created_at, status_at)
      SELECT conversation_id, 'inbound', kind, body, 'received', provider_sid, latitude, longitude, location_label, location_address, button_text, button_payload, replied_to_sid, at, at FROM v ORDER BY n
      ON CONFLICT (provider_sid) DO NOTHING
      RETURNING *),
    touched AS (
      UPDATE conversations c SET last_inbound_at = v.at, last_message_at = v.at FROM v
      WHERE c.id = v.conversation_id AND EXISTS (SELECT 1 FROM inserted) RETURNING c.id)
    SELECT * FROM inserted`.execute(tx);
  if (rows.length < replies.length) throw new DuplicateDelivery();
  return new Map(rows.map((row) => [row.provider_sid!, row]));
}

export const contactInput = ({ channel, customer }: InboundMessage): ContactInput => ({ phone: customer.phone, channel, address: customer.address, profileName: customer.profileName });

/** A customer's live conversation is one per (contact, number, channel). */
export const liveKey = (contactId: string, numberId: string, channel: string) => `${contactId}:${numberId}:${channel}`;

/** The number Twilio delivered to, read once per transaction. */
export function numberFor(tx: Tx, account: AccountRow, message: InboundMessage) {
  return readOnce(tx, `number:${account.id}:${message.channel}:${message.to}:${message.messagingServiceSid ?? ''}`, () => findNumber(tx, account.id, message));
}

/** The number Twilio delivered to: by To on this account, else by the Messaging Service. */
async function findNumber(tx: Tx, accountId: string, message: InboundMessage) {
  const byTo = await tx
    .selectFrom('numbers')
    .select(['id', 'number'])
    .where('account_id', '=', accountId)
    .where('number', '=', message.to)
    .where(sql<boolean>`${message.channel} = ANY(channels)`)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (byTo || !message.messagingServiceSid) return byTo;
  return tx
    .selectFrom('numbers')
    .select(['id', 'number'])
    .where('account_id', '=', accountId)
    .where('messaging_service_sid', '=', message.messagingServiceSid)
    .where(sql<boolean>`${message.channel} = ANY(channels)`)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}
