import { sql } from 'kysely';
import type { Executor } from '../db/database.js';
import type { ConversationState } from '../db/schema.js';
import type { ChannelId } from '../channels/registry.js';

export type ConversationRow = {
  id: string;
  contact_id: string;
  number_id: string;
  channel: ChannelId;
  workstream_id: string | null;
  queue_id: string | null;
  state: ConversationState;
  assigned_agent_id: string | null;
  last_inbound_at: Date | null;
  last_message_at: Date;
  created_at: Date;
  closed_at: Date | null;
  /** 'active' while a bot answers for the business (see bots/). */
  bot_state: 'active' | 'handed-off' | null;
};

const conversationColumns = [
  'id', 'contact_id', 'number_id', 'channel', 'workstream_id', 'queue_id', 'state', 'assigned_agent_id',
  'last_inbound_at', 'last_message_at', 'created_at', 'closed_at', 'bot_state',
] as const;

export async function findConversation(db: Executor, id: string, opts: { forUpdate?: boolean } = {}): Promise<ConversationRow | undefined> {
  let query = db.selectFrom('conversations').select(conversationColumns).where('id', '=', id);
  if (opts.forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

export type ContactRow = { id: string; phone: string; name: string | null; profile_name: string | null; language: string | null; attributes: Record<string, string> };

export type ContactInput = { phone: string; channel: ChannelId; address: string; profileName: string | null };

export async function upsertContact(db: Executor, input: ContactInput): Promise<ContactRow> {
  return (await upsertContacts(db, [input])).get(input.phone)!;
}

/**
 * Customers who wrote, created or with their profile name refreshed, and the address they wrote
 * from recorded, in one statement (whose text is the same for any number of them), keyed by
 * phone: one person is one contact whatever channel they write on. Each phone at most once.
 */
export async function upsertContacts(db: Executor, inputs: ContactInput[]): Promise<Map<string, ContactRow>> {
  const phones = inputs.map((i) => i.phone);
  const { rows } = await sql<ContactRow>`
    WITH c AS (
      INSERT INTO contacts (phone, profile_name, name)
      SELECT p, n, n FROM unnest(${phones}::text[], ${inputs.map((i) => i.profileName)}::text[]) AS c(p, n)
      ON CONFLICT (phone) DO UPDATE SET profile_name = coalesce(excluded.profile_name, contacts.profile_name)
      RETURNING id, phone, name, profile_name, language, attributes),
    a AS (
      INSERT INTO contact_addresses (channel, address, contact_id)
      SELECT a.channel, a.address, c.id FROM unnest(${inputs.map((i) => i.channel)}::text[], ${inputs.map((i) => i.address)}::text[], ${phones}::text[]) AS a(channel, address, phone)
      JOIN c ON c.phone = a.phone
      ON CONFLICT DO NOTHING)
    SELECT * FROM c`.execute(db);
  return new Map(rows.map((contact) => [contact.phone, contact]));
}

/**
 * The customer's live conversation on this number, opened if there is none (one live conversation
 * per pair). A conversation opened by a message starts with that message's time.
 */
export async function findOrOpenConversation(
  db: Executor,
  input: { contactId: string; numberId: string; channel: ChannelId; workstreamId: string | null; queueId: string; messageAt: Date },
): Promise<{ conversation: ConversationRow; created: boolean }> {
  const columns = sql.join(conversationColumns.map((c) => sql.ref(c)));
  // One statement either way (every inbound message runs it): the live conversation locked, or a new one.
  // The conflict predicate must be a literal so PostgreSQL can match the partial unique index.
  const result = await sql<ConversationRow & { created: boolean }>`
    WITH live AS (
      SELECT ${columns} FROM conversations
      WHERE contact_id = ${input.contactId}::uuid AND number_id = ${input.numberId}::uuid AND channel = ${input.channel} AND state <> 'closed'
      FOR UPDATE),
    opened AS (
      INSERT INTO conversations (contact_id, number_id, channel, workstream_id, queue_id, last_inbound_at, last_message_at)
      SELECT ${input.contactId}::uuid, ${input.numberId}::uuid, ${input.channel}, ${input.workstreamId}::uuid, ${input.queueId}::uuid, ${input.messageAt}::timestamptz, ${input.messageAt}::timestamptz
      WHERE NOT EXISTS (SELECT 1 FROM live)
      ON CONFLICT (contact_id, number_id, channel) WHERE state <> 'closed' DO NOTHING
      RETURNING ${columns})
    SELECT *, true AS created FROM opened UNION ALL SELECT *, false AS created FROM live`.execute(db);
  const row = result.rows[0];
  if (row) {
    const { created, ...conversation } = row;
    return { conversation, created };
  }
  // Another transaction opened it between our read and our insert: it has committed by now.
  const existing = await db
    .selectFrom('conversations')
    .select(conversationColumns)
    .where('contact_id', '=', input.contactId)
    .where('number_id', '=', input.numberId)
    .where('channel', '=', input.channel)
    .where('state', '<>', 'closed')
    .forUpdate()
    .executeTakeFirstOrThrow();
  return { conversation: existing, created: false };
}

/**
 * The live conversations of these customers on these numbers, locked (in id order, as every batch
 * locks them). Each pair is looked up on its own through conversations_one_live and the rows are
 * then locked by id: written as one join, the plan PostgreSQL made when its statistics said no
 * conversation was live read every live conversation instead (20 ms against 0.4 ms with 2,000).
 */
export async function lockLiveConversations(db: Executor, pairs: { contactId: string; numberId: string; channel: ChannelId }[]): Promise<ConversationRow[]> {
  const columns = sql.join(conversationColumns.map((c) => sql.ref(c)));
  const { rows } = await sql<ConversationRow>`
    WITH found AS (
      SELECT live.id FROM unnest(${pairs.map((p) => p.contactId)}::uuid[], ${pairs.map((p) => p.numberId)}::uuid[], ${pairs.map((p) => p.channel)}::text[]) AS p(contact_id, number_id, channel)
      CROSS JOIN LATERAL (
        SELECT id FROM conversations WHERE contact_id = p.contact_id AND number_id = p.number_id AND channel = p.channel AND state <> 'closed' LIMIT 1
      ) live
    )
    SELECT ${columns} FROM conversations WHERE id IN (SELECT id FROM found)
    ORDER BY id FOR UPDATE OF conversations`.execute(db);
  // Closed by another transaction between the lookup and the lock.
  return rows.filter((c) => c.state !== 'closed');
}

export async function addConversationEvent(
  db: Executor,
  conversationId: string,
  type: string,
  data: Record<string, unknown> = {},
  actorUserId: string | null = null,
): Promise<void> {
  await addConversationEvents(db, conversationId, [{ type, data }], actorUserId);
}

/** Several timeline events in one statement, in this order (their ids follow it). */
export async function addConversationEvents(db: Executor, conversationId: string, events: { type: string; data: Record<string, unknown> }[], actorUserId: string | null = null): Promise<void> {
  if (!events.length) return;
  await db
    .insertInto('conversation_events')
    .values(events.map((e) => ({ conversation_id: conversationId, type: e.type, data: JSON.stringify(e.data), actor_user_id: actorUserId })))
    .execute();
}

export type MessageEvent = { type: string; status?: string | null; errorCode?: number | null; detail?: string | null };

/** A message's timeline entry, as inserted (see addMessageEvent). */
export function messageEventRow(messageId: string, event: MessageEvent) {
  return { message_id: messageId, type: event.type, status: event.status ?? null, error_code: event.errorCode ?? null, detail: event.detail ?? null };
}

export async function addMessageEvent(db: Executor, messageId: string, event: MessageEvent): Promise<void> {
  await db.insertInto('message_events').values(messageEventRow(messageId, event)).execute();
}

/**
 * The customer's messages after a reader's mark, for a query over `conversations as c` that
 * left-joins that reader's `conversation_reads as r` (every inbound message when never read).
 */
export const unreadInboundCount = () =>
  sql<number>`(SELECT count(*)::int FROM messages um
    WHERE um.conversation_id = c.id AND um.direction = 'inbound' AND um.seq > coalesce(r.last_read_seq, 0))`;
