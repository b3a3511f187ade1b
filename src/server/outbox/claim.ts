import { sql } from 'kysely';
import type { Executor } from '../db/database.js';
import { PLAN_EACH_CALL } from '../db/statement-cache.js';

export type ClaimedEntry = {
  message_id: string;
  /** The outbox worker (process) that holds the claim. */
  claimed_by: string;
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

const due = (now: Date) => sql`((state = 'pending' AND next_attempt_at <= ${now}) OR (state = 'in-flight' AND locked_until < ${now}))`;

/**
 * Claims due outbox entries with FOR UPDATE SKIP LOCKED, so several workers (in one process or
 * many) never take the same entry. An in-flight entry whose claim ran out belonged to a worker
 * that died mid-send: its attempt's outcome is unknown, so it is marked for reconciliation.
 * Only senders leased to `owner` or to no one (see sender-pacing.ts) are claimed from, and free
 * ones (picked at random) only up to this worker's share of all busy senders (1 / the workers
 * alive), so processes share a burst's senders rather than the first taking them all; every claim
 * tells the others this worker is alive. Each sender gives at most a quarter second of its throughput to one batch, so one busy
 * sender cannot hold up the others while it waits for its turns. A message is not claimed while an
 * earlier message of its conversation is with another worker (being sent, or left by a worker that
 * died: its outcome is unknown) or waits for a retry (or is due after it); earlier ones claimed in the same pass or held
 * by this worker go first in its pacing (one send per customer awaiting Twilio's answer). So a
 * conversation's messages reach Twilio in order, across retries and crashes.
 * Leases and sightings are read against `now` (the app's clock), as the claims are: processes on
 * several machines keep their clocks in sync (NTP) to well within a lease's spare second (HANDOVER_MS).
 */
export async function claimDueEntries(db: Executor, now: Date, limit: number, owner: string): Promise<ClaimedEntry[]> {
  const lockedUntil = new Date(now.getTime() + CLAIM_SECONDS * 1000);
  // Planned each call: a plan cached while the outbox was empty checks each candidate's earlier
  // messages by reading the whole outbox, once per candidate, when a burst fills it.
  const result = await sql<ClaimedEntry>`${sql.raw(PLAN_EACH_CALL)}
    WITH seen AS (
      INSERT INTO outbox_workers (owner, seen_at) VALUES (${owner}::uuid, ${now})
      ON CONFLICT (owner) DO UPDATE SET seen_at = excluded.seen_at
    ), forgotten AS ( -- processes gone for an hour: their rows only take room
      DELETE FROM outbox_workers WHERE seen_at < ${now}::timestamptz - interval '1 hour'
    ), workers AS ( -- a worker polls 4 times a second when idle: one unseen for 5 s is gone
      SELECT 1 + count(*) AS alive FROM outbox_workers WHERE owner <> ${owner}::uuid AND seen_at > ${now}::timestamptz - interval '5 seconds'
    ), leased AS (
      SELECT count(*) FILTER (WHERE owner = ${owner}::uuid) AS mine, count(*) AS busy FROM sender_leases WHERE leased_until > ${now}
    ), free AS (
      SELECT n.id, n.max_per_second, row_number() OVER (ORDER BY random()) AS nth, count(*) OVER () AS total
      FROM numbers n
      LEFT JOIN sender_leases l ON l.number_id = n.id
      WHERE (l.number_id IS NULL OR l.leased_until <= ${now})
        AND EXISTS (SELECT 1 FROM outbox d WHERE d.number_id = n.id AND d.state <> 'done' AND ${due(now)})
    ), senders AS (
      SELECT n.id, n.max_per_second FROM numbers n
      JOIN sender_leases l ON l.number_id = n.id AND l.owner = ${owner}::uuid AND l.leased_until > ${now}
      UNION ALL
      SELECT id, max_per_second FROM free, workers, leased WHERE nth <= ceil((total + busy)::float8 / alive) - mine
    ), claimed AS (
    UPDATE outbox o SET
      state = 'in-flight',
      claimed_by = ${owner}::uuid,
      attempts = o.attempts + 1,
      locked_until = ${lockedUntil},
      reconcile_since = COALESCE(o.reconcile_since, CASE WHEN o.state = 'in-flight' THEN o.attempt_started_at END),
      attempt_started_at = ${now}
    WHERE o.message_id IN (
      SELECT due.message_id FROM senders n
      CROSS JOIN LATERAL (
        SELECT message_id, next_attempt_at FROM outbox c
        WHERE number_id = n.id AND ${due(now)}
          AND NOT EXISTS (
            SELECT 1 FROM outbox e WHERE e.conversation_id = c.conversation_id AND e.state <> 'done' AND e.message_id < c.message_id
              AND ((e.state = 'in-flight' AND e.claimed_by IS DISTINCT FROM ${owner}::uuid)
                -- not due, or sorting after this one (it could miss this batch, or come after it in the turns)
                OR (e.state = 'pending' AND e.next_attempt_at > least(c.next_attempt_at, ${now}))))
        ORDER BY next_attempt_at, message_id
        LIMIT greatest(1, n.max_per_second / 4)
        FOR UPDATE SKIP LOCKED
      ) due
      ORDER BY due.next_attempt_at
      LIMIT ${limit}
    )
    RETURNING o.message_id, o.claimed_by, o.number_id, o.attempts, o.reconcile_since, o.attempt_started_at, o.next_attempt_at)
    -- Turns follow this order: a conversation's messages go out in the order they were queued
    -- (message ids are time-ordered).
    SELECT message_id, claimed_by, number_id, attempts, reconcile_since, attempt_started_at FROM claimed ORDER BY next_attempt_at, message_id`.execute(db);
  return result.rows;
}

/**
 * Gives back claims not used: the entries are due again at once, for the process that holds their
 * sender. Only claims `owner` still holds: one released meanwhile (its heartbeat was late) may be another's now.
 */
export async function releaseClaims(db: Executor, messageIds: string[], owner: string): Promise<void> {
  if (messageIds.length === 0) return;
  await db
    .updateTable('outbox')
    .set((eb) => ({ state: 'pending', locked_until: null, attempts: eb('attempts', '-', 1) }))
    .where('message_id', 'in', messageIds)
    .where('state', '=', 'in-flight')
    .where('claimed_by', '=', owner)
    .execute();
}
