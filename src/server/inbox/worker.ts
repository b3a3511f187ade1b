import type { FastifyBaseLogger } from 'fastify';
import type { AppContext } from '../context.js';
import { startDrainLoop } from '../drain-loop.js';
import { listDueEntries } from './store.js';
import { processInboxEntry } from './process-entry.js';

/**
 * Entries taken per pass; each is a different customer, so they are processed side by side. Kept
 * small so that, with the requests processing inline, the pool keeps connections free for the
 * inbox inserts that acknowledge new webhooks.
 */
const BATCH = 4;
const IDLE_POLL_MS = 500;

/** Processes one pass of due inbox entries; answers how many this process stored or settled. */
export async function runInboxOnce(ctx: AppContext, log?: FastifyBaseLogger): Promise<number> {
  const entries = await listDueEntries(ctx.db, ctx.now(), BATCH);
  const outcomes = await Promise.all(
    entries.map((entry) =>
      processInboxEntry(ctx, entry)
        .then((result) => result.outcome)
        .catch((err) => {
          log?.error({ err, inboxId: entry.id, attempts: entry.attempts + 1 }, 'inbound processing failed; retried later');
          return 'failed' as const;
        }),
    ),
  );
  // Entries another process holds, or that failed and wait for their retry, are not progress.
  return outcomes.filter((o) => o !== 'not-claimed' && o !== 'failed').length;
}

/** Drains the inbox: webhooks acknowledged under load, and those a crashed process left behind. */
export function startInboxWorker(ctx: AppContext, log: FastifyBaseLogger) {
  return startDrainLoop(() => runInboxOnce(ctx, log), { idlePollMs: IDLE_POLL_MS, log, failure: 'inbox worker could not list entries' });
}
