import { sql } from 'kysely';
import type { Executor, Tx } from '../db/database.js';
import type { WebhookParams } from '../channels/whatsapp/parse-inbound.js';

export type InboxEntry = { id: string; accountId: string; params: WebhookParams; receivedAt: Date; attempts: number };

/** How long the request that received a webhook has to process it before workers may. */
export const INLINE_GRACE_MS = 3000;

/**
 * The durable receipt of a webhook. Answers the entry's id, or null when this MessageSid is
 * already waiting in the inbox (Twilio redelivered it before it was processed).
 */
export async function insertInboxEntry(
  db: Executor,
  input: { accountId: string; messageSid: string; sender: string; params: WebhookParams; receivedAt: Date; processInline: boolean },
): Promise<string | null> {
  const availableAt = input.processInline ? new Date(input.receivedAt.getTime() + INLINE_GRACE_MS) : input.receivedAt;
  const row = await db
    .insertInto('inbound_inbox')
    .values({ account_id: input.accountId, message_sid: input.messageSid, sender: input.sender, params: JSON.stringify(input.params), received_at: input.receivedAt, available_at: availableAt })
    .onConflict((oc) => oc.column('message_sid').doNothing())
    .returning(sql<string>`id::text`.as('id'))
    .executeTakeFirst();
  return row?.id ?? null;
}

/**
 * Takes entries for the transaction that stores their messages: deleted now, gone for good if that
 * transaction commits. Answers, for each id, whether it was taken: not when another transaction
 * holds it, nor when an older message of the same customer is still waiting, so one customer's
 * messages keep their order.
 */
export async function claimInboxEntries(tx: Tx, ids: string[]): Promise<boolean[]> {
  const result = await sql<{ id: string }>`
    DELETE FROM inbound_inbox i
    WHERE i.id IN (SELECT id FROM inbound_inbox WHERE id = ANY(${ids}::bigint[]) FOR UPDATE SKIP LOCKED)
      AND NOT EXISTS (SELECT 1 FROM inbound_inbox e WHERE e.sender = i.sender AND e.id < i.id)
    RETURNING i.id::text AS id`.execute(tx);
  const taken = new Set(result.rows.map((r) => r.id));
  return ids.map((id) => taken.has(id));
}

/** Entries workers may process now: the oldest waiting message of each customer, oldest first. */
export async function listDueEntries(db: Executor, now: Date, limit: number): Promise<InboxEntry[]> {
  const result = await sql<{ id: string; account_id: string; params: WebhookParams; received_at: Date; attempts: number }>`
    SELECT i.id::text AS id, i.account_id, i.params, i.received_at, i.attempts
    FROM inbound_inbox i
    WHERE i.available_at <= ${now}
      AND NOT EXISTS (SELECT 1 FROM inbound_inbox e WHERE e.sender = i.sender AND e.id < i.id)
    ORDER BY i.available_at, i.id
    LIMIT ${limit}`.execute(db);
  return result.rows.map((r) => ({ id: r.id, accountId: r.account_id, params: r.params, receivedAt: new Date(r.received_at), attempts: r.attempts }));
}

/** Hands an entry to the workers at once (its request could not process it). */
export async function releaseInboxEntry(db: Executor, id: string, now: Date): Promise<void> {
  await db.updateTable('inbound_inbox').set({ available_at: now }).where('id', '=', id).execute();
}

/** An entry whose message is already stored (a redelivery after processing) is dropped. */
export async function deleteInboxEntry(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('inbound_inbox').where('id', '=', id).execute();
}

/** Processing failed: try again later, backing off; the error stays visible on the entry. */
export async function recordInboxFailure(db: Executor, id: string, error: string, retryAt: Date): Promise<void> {
  await db
    .updateTable('inbound_inbox')
    .set((eb) => ({ attempts: eb('attempts', '+', 1), last_error: error.slice(0, 2000), available_at: retryAt }))
    .where('id', '=', id)
    .execute();
}

export async function inboxDepth(db: Executor, now: Date): Promise<{ waiting: number; oldestSeconds: number; failing: number }> {
  const row = await sql<{ waiting: string; oldest: Date | null; failing: string }>`
    SELECT count(*) AS waiting, min(received_at) AS oldest, count(*) FILTER (WHERE attempts > 0) AS failing FROM inbound_inbox`.execute(db);
  const r = row.rows[0];
  return { waiting: Number(r.waiting), oldestSeconds: r.oldest ? Math.max(0, (now.getTime() - new Date(r.oldest).getTime()) / 1000) : 0, failing: Number(r.failing) };
}
