import type { FastifyBaseLogger } from 'fastify';
import type { AppContext } from '../context.js';
import { purgeExpiredContent } from './purge-expired-content.js';
import { forgetStaleSignInLimits } from '../auth/sign-in-store.js';
import { ADDRESS_WINDOW_MS } from '../auth/sign-in-limits.js';

const PURGE_EVERY_MS = 3600 * 1000;

/** Applies the retention setting once an hour (and shortly after start), and drops sign-in counters that no longer limit anyone. */
export function startRetentionWorker(ctx: AppContext, log: FastifyBaseLogger) {
  let running: Promise<void> | null = null;
  const run = () => {
    running ??= purgeExpiredContent(ctx)
      .then((r) => { if (r.messages) log.info(r, 'retention purge'); })
      .catch((err) => log.error({ err }, 'retention purge failed'))
      .then(() => forgetStaleSignInLimits(ctx.db, ctx.now(), ADDRESS_WINDOW_MS))
      .catch((err) => log.error({ err }, 'forgetting old sign-in counters failed'))
      .finally(() => { running = null; });
  };
  const first = setTimeout(run, 30_000);
  const timer = setInterval(run, PURGE_EVERY_MS);
  return {
    async stop() {
      clearTimeout(first);
      clearInterval(timer);
      await running;
    },
  };
}
