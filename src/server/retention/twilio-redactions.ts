import { sql } from 'kysely';
import type { FastifyBaseLogger } from 'fastify';
import type { AppContext } from '../context.js';
import type { Executor, Tx } from '../db/database.js';
import { PLAN_EACH_CALL } from '../db/statement-cache.js';
import { startDrainLoop } from '../drain-loop.js';
import { credentialsOf } from '../messaging-accounts/credentials.js';
import { backoffMs, MAX_ATTEMPTS } from '../outbox/backoff.js';

/** Longer than one redaction takes (three Twilio calls of at most 15 s, and one per media file). */
const LEASE_SECONDS = 120;
const BATCH = 10;
const IDLE_POLL_MS = 5000;

export type ClaimedRedaction = { id: string; account_id: string; message_sid: string; attempts: number; body_result: 'redacted' | 'not-found' | null };

/**
 * Queues the redaction at Twilio of every message of these that Twilio has (it has a sid), in the
 * erasure's transaction. The simulator stands in for Twilio, so its accounts are redacted the same way.
 */
export async function queueTwilioRedactions(tx: Tx, input: { contactId: string; messageIds: string[]; now: Date }): Promise<number> {
  if (!input.messageIds.length) return 0;
  const result = await sql`
    INSERT INTO twilio_redactions (account_id, contact_id, message_sid, created_at, next_attempt_at)
    SELECT n.account_id, ${input.contactId}::uuid, m.provider_sid, ${input.now}, ${input.now}
    FROM messages m JOIN conversations c ON c.id = m.conversation_id JOIN numbers n ON n.id = c.number_id
    WHERE m.id = ANY(${input.messageIds}::uuid[]) AND m.provider_sid IS NOT NULL
    ON CONFLICT (message_sid) DO NOTHING`.execute(tx);
  return Number(result.numAffectedRows ?? 0);
}

/** Due redactions, each held under a lease (FOR UPDATE SKIP LOCKED), as the outbox and bot jobs are claimed. */
export async function claimRedactions(db: Executor, now: Date, limit = BATCH): Promise<ClaimedRedaction[]> {
  const lockedUntil = new Date(now.getTime() + LEASE_SECONDS * 1000);
  const result = await sql<ClaimedRedaction>`${sql.raw(PLAN_EACH_CALL)}
    UPDATE twilio_redactions r SET state = 'running', attempts = r.attempts + 1, locked_until = ${lockedUntil}
    WHERE r.id = ANY(ARRAY(
      SELECT id FROM twilio_redactions
      WHERE state IN ('pending', 'running') AND next_attempt_at <= ${now} AND (state = 'pending' OR locked_until < ${now})
      ORDER BY next_attempt_at LIMIT ${limit}
      FOR UPDATE SKIP LOCKED))
    RETURNING r.id::text AS id, r.account_id, r.message_sid, r.attempts, r.body_result`.execute(db);
  return result.rows;
}

/** Changes the row only while this claim still holds it. */
const ours = (ctx: AppContext, job: ClaimedRedaction) =>
  ctx.db.updateTable('twilio_redactions').where('id', '=', job.id).where('attempts', '=', job.attempts).where('state', '=', 'running');

/**
 * Asks Twilio to forget one message: the body emptied (POST Body=''), then each media file listed
 * and deleted. What Twilio confirms is written as it comes, so a retry does not repeat it.
 */
export async function runRedaction(ctx: AppContext, job: ClaimedRedaction): Promise<void> {
  try {
    const account = await ctx.db.selectFrom('messaging_accounts').select(['account_sid', 'auth_token_encrypted', 'provider']).where('id', '=', job.account_id).executeTakeFirstOrThrow();
    const creds = credentialsOf(ctx, account);
    if (!job.body_result) {
      const outcome = await ctx.twilio.redactMessageBody(creds, job.message_sid);
      await ours(ctx, job).set({ body_result: outcome, body_confirmed_at: ctx.now() }).execute();
    }
    const media = await ctx.twilio.listMessageMedia(creds, job.message_sid);
    for (const mediaSid of media === 'not-found' ? [] : media) {
      await ctx.twilio.deleteMedia(creds, job.message_sid, mediaSid);
      await ours(ctx, job).set((eb) => ({ media_deleted: eb('media_deleted', '+', 1) })).execute();
    }
    await ours(ctx, job).set({ state: 'done', finished_at: ctx.now(), locked_until: null, last_error: null }).execute();
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err);
    const final = job.attempts >= MAX_ATTEMPTS;
    const next = new Date(ctx.now().getTime() + backoffMs(job.attempts));
    await ours(ctx, job)
      .set(final ? { state: 'failed', finished_at: ctx.now(), locked_until: null, last_error: error } : { state: 'pending', next_attempt_at: next, locked_until: null, last_error: error })
      .execute();
  }
}

/** One pass: claims the due redactions and runs them; answers how many it ran. */
export async function runRedactionsOnce(ctx: AppContext): Promise<number> {
  const jobs = await claimRedactions(ctx.db, ctx.now());
  await Promise.all(jobs.map((job) => runRedaction(ctx, job)));
  return jobs.length;
}

export function startRedactionWorker(ctx: AppContext, log: FastifyBaseLogger) {
  return startDrainLoop(() => runRedactionsOnce(ctx), { idlePollMs: IDLE_POLL_MS, log, failure: 'Twilio redaction worker could not claim' });
}
