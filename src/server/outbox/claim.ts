import { sql } from 'kysely';
import type { Executor } from '../db/database.js';

export type ClaimedEntry = {
  message_id: string;
  number_id: string;
  attempts: number;
  reconcile_since: Date | null;
  attempt_started_at: Date;
};

/**
 * How long a claim holds before another worker may take the entry over. It must stay longer than
 * Twilio's request timeout (15 s); OUTBOX_CLAIM_SECONDS shortens it for crash tests.
 */
export const CLAIM_SECONDS = Number(process.env.OUTBOX_CLAIM_SECONDS ?? 60);

/**
 * Claims due outbox entries with FOR UPDATE SKIP LOCKED, so several workers (in one process or
 * many) never take the same entry. An in-flight entry whose claim ran out belonged to a worker
 * that died mid-send: its attempt's outcome is unknown, so it is marked for reconciliation.
 * Each sender gives at most a quarter second of its throughput to one batch, so one busy sender
 * cannot hold up the others while it waits for its per-second slots.
 */
export async function claimDueEntries(db: Executor, now: Date, limit: number): Promise<ClaimedEntry[]> {
  const lockedUntil = new Date(now.getTime() + CLAIM_SECONDS * 1000);
  const result = await sql<ClaimedEntry>`
    WITH claimed AS (
    UPDATE outbox o SET
      state = 'in-flight',
      attempts = o.attempts + 1,
      locked_until = ${lockedUntil},
      reconcile_since = COALESCE(o.reconcile_since, CASE WHEN o.state = 'in-flight' THEN o.attempt_started_at END),
      attempt_started_at = ${now}
    WHERE o.message_id IN (
      SELECT due.message_id FROM whatsapp_numbers n
      CROSS JOIN LATERAL (
        SELECT message_id, next_attempt_at FROM outbox
        WHERE number_id = n.id
          AND ((state = 'pending' AND next_attempt_at <= ${now}) OR (state = 'in-flight' AND locked_until < ${now}))
        ORDER BY next_attempt_at, message_id
        LIMIT greatest(1, n.max_per_second / 4)
        FOR UPDATE SKIP LOCKED
      ) due
      ORDER BY due.next_attempt_at
      LIMIT ${limit}
    )
    RETURNING o.message_id, o.number_id, o.attempts, o.reconcile_since, o.attempt_started_at, o.next_attempt_at)
    -- Send slots follow this order: a conversation's messages go out in the order they were queued
    -- (message ids are time-ordered).
    SELECT message_id, number_id, attempts, reconcile_since, attempt_started_at FROM claimed ORDER BY next_attempt_at, message_id`.execute(db);
  return result.rows;
}
