import type { FastifyBaseLogger } from 'fastify';
import type { AppContext } from '../context.js';
import { claimDueEntries } from './claim.js';
import { dispatchEntry, loadOutbound } from './dispatch.js';
import { createRateLimiter, type RateLimiter } from './rate-limiter.js';

const BATCH = 400;
const IDLE_POLL_MS = 250;

/** Claims and dispatches one batch; answers how many entries it handled. */
export async function runOutboxOnce(ctx: AppContext, limiter: RateLimiter, log?: FastifyBaseLogger): Promise<number> {
  const entries = await claimDueEntries(ctx.db, ctx.now(), BATCH);
  const loaded = await loadOutbound(ctx, entries.map((e) => e.message_id));
  await Promise.all(
    entries.map((entry) =>
      dispatchEntry(ctx, entry, loaded.get(entry.message_id), limiter).catch((err) => log?.error({ err, messageId: entry.message_id }, 'outbox dispatch failed; the claim will expire and be retried')),
    ),
  );
  return entries.length;
}

/** A loop that drains the outbox, sleeping when it is empty until woken or the poll interval passes. */
export function startOutboxWorker(ctx: AppContext, log: FastifyBaseLogger) {
  const limiter = createRateLimiter();
  let stopped = false;
  let wake: (() => void) | null = null;
  const loop = (async () => {
    while (!stopped) {
      let handled = 0;
      try {
        handled = await runOutboxOnce(ctx, limiter, log);
      } catch (err) {
        log.error({ err }, 'outbox worker could not claim entries');
      }
      if (handled === 0 && !stopped) {
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, IDLE_POLL_MS);
        });
        wake = null;
      }
    }
  })();
  return {
    wake: () => wake?.(),
    async stop() {
      stopped = true;
      wake?.();
      await loop;
    },
  };
}
