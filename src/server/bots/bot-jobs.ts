import { sql } from 'kysely';
import type { Executor, Tx } from '../db/database.js';
import { PLAN_EACH_CALL } from '../db/statement-cache.js';

export type ClaimedBotJob = { id: string; message_id: string; conversation_id: string; attempts: number };

/**
 * How long a claim holds before another worker may take the job over. Longer than a bot's largest
 * time budget (10 s) plus creating its buttons at Twilio (10 s), so a live worker keeps its job.
 */
export const BOT_JOB_LEASE_SECONDS = 60;

/** The bot's turn for a customer message, stored in the message's own transaction. */
export async function queueBotTurn(tx: Tx, input: { conversationId: string; messageId: string; now: Date }): Promise<void> {
  await tx.insertInto('bot_jobs').values({ conversation_id: input.conversationId, message_id: input.messageId, created_at: input.now }).execute();
}

/**
 * Claims due bot turns with FOR UPDATE SKIP LOCKED, so several workers (in one process or many)
 * never take the same one. Only a conversation's oldest unfinished job is due, and not while another
 * worker holds it: a conversation's messages are answered one at a time, in order. A running job
 * whose lease ran out belonged to a worker that died; it is claimed again.
 *
 * Shaped so that every plan stays cheap (test/integration/work-table-plans.test.ts), whatever the
 * statistics say (they are often taken while no job is unfinished): a job is due when it is the
 * first unfinished one of its conversation (one index probe each, where a NOT EXISTS over earlier
 * jobs reads the whole unfinished index per job), and the claimed ids are collected once (ARRAY(…))
 * so the LIMIT holds, which it does not under a plan made for an empty table. Planned on every
 * call: a plan of this shape cached on an empty table reads the table once per job.
 */
export async function claimBotJobs(db: Executor, now: Date, limit: number): Promise<ClaimedBotJob[]> {
  const lockedUntil = new Date(now.getTime() + BOT_JOB_LEASE_SECONDS * 1000);
  const result = await sql<ClaimedBotJob>`${sql.raw(PLAN_EACH_CALL)}
    UPDATE bot_jobs j SET state = 'running', attempts = j.attempts + 1, locked_until = ${lockedUntil}
    WHERE j.id = ANY(ARRAY(
      SELECT b.id FROM bot_jobs b
      WHERE b.state <> 'done'
        AND (b.state = 'pending' OR b.locked_until < ${now})
        AND b.id = (SELECT e.id FROM bot_jobs e WHERE e.conversation_id = b.conversation_id AND e.state <> 'done' ORDER BY e.id LIMIT 1)
      ORDER BY b.id
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    ))
    RETURNING j.id::text AS id, j.message_id, j.conversation_id, j.attempts`.execute(db);
  return result.rows;
}

/**
 * Marks the job done, if this worker still holds it (no other worker claimed it after its lease
 * ran out). Answers false when it lost the job: the caller must then change nothing.
 */
export async function finishBotJob(db: Executor, job: ClaimedBotJob, outcome: string, now: Date): Promise<boolean> {
  const done = await db
    .updateTable('bot_jobs')
    .set({ state: 'done', locked_until: null, finished_at: now, outcome })
    .where('id', '=', job.id)
    .where('state', '=', 'running')
    .where('attempts', '=', job.attempts)
    .returning('id')
    .executeTakeFirst();
  return done !== undefined;
}
