import { sql } from 'kysely';
import type { Executor, Tx } from '../db/database.js';
import type { WebhookParams } from '../channels/twilio/webhook-params.js';
import { PLAN_EACH_CALL } from '../db/statement-cache.js';

export type InboxEntry = { id: string; accountId: string; params: WebhookParams; receivedAt: Date; attempts: number };

/** How long the request that received a webhook has to process it before workers may. */
export const INLINE_GRACE_MS = 3000;

export type InboxReceipt = { accountId: string; messageSid: string; sender: string; params: WebhookParams; receivedAt: Date; processInline: boolean };

/**
 * The durable receipts of webhooks, in one statement (their ids follow the order given, which is
 * the order each customer's messages are processed in). Answers each entry's id, or null when its
 * MessageSid is already waiting in the inbox (Twilio redelivered it before it was processed) or
 * came earlier in the same list.
 */
export async function insertInboxEntries(db: Executor, receipts: InboxReceipt[]): Promise<(string | null)[]> {
  const availableAt = (r: InboxReceipt) => (r.processInline ? new Date(r.receivedAt.getTime() + INLINE_GRACE_MS) : r.receivedAt);
  const { rows } = await sql<{ id: string; message_sid: string }>`
    INSERT INTO inbound_inbox (account_id, message_sid, sender, params, received_at, available_at)
    SELECT a, m, s, p::jsonb, r, v
    FROM unnest(
      ${receipts.map((r) => r.accountId)}::uuid[], ${receipts.map((r) => r.messageSid)}::text[], ${receipts.map((r) => r.sender)}::text[],
      ${receipts.map((r) => JSON.stringify(r.params))}::text[], ${receipts.map((r) => r.receivedAt.toISOString())}::timestamptz[],
      ${receipts.map((r) => availableAt(r).toISOString())}::timestamptz[]
    ) WITH ORDINALITY AS e(a, m, s, p, r, v, n)
    ORDER BY n
    ON CONFLICT (message_sid) DO NOTHING
    RETURNING id::text AS id, message_sid`.execute(db);
  const ids = new Map(rows.map((r) => [r.message_sid, r.id]));
  return receipts.map((r) => {
    const id = ids.get(r.messageSid) ?? null;
    ids.delete(r.messageSid);
    return id;
  });
}

/**
 * Takes entries for the transaction that stores their messages: deleted now, gone for good if that
 * transaction commits. Answers, for each id, whether it was taken: not when another transaction
 * holds it, nor when an older message of the same customer is still waiting, so one customer's
 * messages keep their order.
 */
export async function claimInboxEntries(tx: Tx, ids: string[]): Promise<boolean[]> {
  const result = await sql<{ id: string }>`${sql.raw(PLAN_EACH_CALL)}
    DELETE FROM inbound_inbox i
    WHERE i.id IN (SELECT id FROM inbound_inbox WHERE id = ANY(${ids}::bigint[]) FOR UPDATE SKIP LOCKED)
      AND NOT EXISTS (SELECT 1 FROM inbound_inbox e WHERE e.sender = i.sender AND e.id < i.id)
    RETURNING i.id::text AS id`.execute(tx);
  const taken = new Set(result.rows.map((r) => r.id));
  return ids.map((id) => taken.has(id));
}

/** Entries workers may process now: the oldest waiting message of each customer, oldest first. */
export async function listDueEntries(db: Executor, now: Date, limit: number): Promise<InboxEntry[]> {
  const result = await sql<{ id: string; account_id: string; params: WebhookParams; received_at: Date; attempts: number }>`${sql.raw(PLAN_EACH_CALL)}
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
