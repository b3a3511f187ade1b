import type { FastifyBaseLogger } from 'fastify';
import type { AppContext } from '../context.js';
import { claimDueEntries } from './claim.js';
import { dispatchEntry, loadOutbound } from './dispatch.js';
import { createRateLimiter, type RateLimiter } from './rate-limiter.js';
import { startDrainLoop } from '../drain-loop.js';

const BATCH = 400;
const IDLE_POLL_MS = 250;

/** Claims and dispatches one batch; answers how many entries it handled. */
export async function runOutboxOnce(ctx: AppContext, limiter: RateLimiter, log?: FastifyBaseLogger): Promise<number> {
  const entries = await claimDueEntries(ctx.db, ctx.now(), BATCH);
  const loaded = await loadOutbound(ctx, entries.map((e) => e.message_id));
  const sendable = entries.flatMap((e) => {
    const message = loaded.get(e.message_id);
    return message && !message.twilioSid && message.status === 'queued' ? [{ messageId: e.message_id, numberId: e.number_id, perSecond: message.maxPerSecond }] : [];
  });
  const slots = await limiter.book(ctx.db, sendable);
  await Promise.all(
    entries.map((entry) =>
      dispatchEntry(ctx, entry, loaded.get(entry.message_id), slots.get(entry.message_id) ?? 0).catch((err) => log?.error({ err, messageId: entry.message_id }, 'outbox dispatch failed; the claim will expire and be retried')),
    ),
  );
  return entries.length;
}

/** A loop that drains the outbox, sleeping when it is empty until woken or the poll interval passes. */
export function startOutboxWorker(ctx: AppContext, log: FastifyBaseLogger) {
  const limiter = createRateLimiter();
  return startDrainLoop(() => runOutboxOnce(ctx, limiter, log), { idlePollMs: IDLE_POLL_MS, log, failure: 'outbox worker could not claim entries' });
}
