import { hostname } from 'node:os';
import { sql } from 'kysely';
import type { FastifyBaseLogger } from 'fastify';
import type { Executor } from '../db/database.js';
import { PLAN_EACH_CALL } from '../db/statement-cache.js';

/** How often an outbox worker tells the others it is alive (outbox_workers.seen_at, on the app's clock, as claims and leases are). */
export const HEARTBEAT_MS = 1000;
/** A worker unseen this long is gone (killed, or its machine lost): any other releases its claims and leases. */
export const GONE_AFTER_SECONDS = 5;
/**
 * A worker that has not managed to beat for this long stops sending until it beats again, so by the
 * time the others call it gone (GONE_AFTER_SECONDS, a few seconds later) it sent nothing for a while:
 * the successor's reconciliation with Twilio sees its last sends, and the sender's window is clear.
 */
export const FENCE_MS = 3000;

/**
 * Beats for `owner` and releases what workers gone since left claimed: their in-flight messages go
 * back to pending, marked for reconciliation (their outcome is unknown: ask Twilio before sending
 * again), and their sender leases end. Answers the ids released. One statement: the gone workers'
 * rows are deleted in it, so two processes sweeping at once release each claim once.
 */
export async function beatAndSweep(db: Executor, owner: string, now: Date): Promise<string[]> {
  const result = await sql<{ message_id: string }>`${sql.raw(PLAN_EACH_CALL)}
    WITH beat AS (
      INSERT INTO outbox_workers (owner, seen_at, process) VALUES (${owner}::uuid, ${now}, ${`${hostname()}:${process.pid}`})
      ON CONFLICT (owner) DO UPDATE SET seen_at = excluded.seen_at, process = excluded.process
    ), gone AS (
      DELETE FROM outbox_workers WHERE owner <> ${owner}::uuid AND seen_at < ${now}::timestamptz - ${GONE_AFTER_SECONDS} * interval '1 second'
      RETURNING owner
    ), leases AS (
      DELETE FROM sender_leases WHERE owner IN (SELECT owner FROM gone)
    )
    UPDATE outbox SET state = 'pending', locked_until = NULL, next_attempt_at = least(next_attempt_at, ${now}),
      reconcile_since = COALESCE(reconcile_since, attempt_started_at)
    WHERE state = 'in-flight' AND claimed_by IN (SELECT owner FROM gone)
    RETURNING message_id`.execute(db);
  return result.rows.map((r) => r.message_id);
}

/**
 * The outbox worker's heartbeat, beside its claims (a pass may wait long for slow Twilio answers).
 * `fresh` says whether the last beat is recent enough to go on sending. `onReleased` hears of
 * claims released from gone workers, so the worker claims them at once.
 */
export function startHeartbeat(db: Executor, owner: string, opts: { now: () => Date; log: FastifyBaseLogger; onReleased: () => void }) {
  let lastBeatStarted = performance.now();
  let running: Promise<void> | null = null;
  const beat = () =>
    (running ??= (async () => {
      const started = performance.now();
      try {
        const released = await beatAndSweep(db, owner, opts.now());
        lastBeatStarted = started;
        if (released.length) {
          opts.log.warn({ released: released.length }, 'released the claims of an outbox worker whose heartbeat stopped; they are reconciled with Twilio before any retry');
          opts.onReleased();
        }
      } catch (err) {
        opts.log.error({ err }, 'outbox heartbeat failed');
      } finally {
        running = null;
      }
    })());
  const timer = setInterval(() => void beat(), HEARTBEAT_MS);
  void beat();
  return {
    fresh: () => performance.now() - lastBeatStarted < FENCE_MS,
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
