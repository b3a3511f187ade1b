import type { FastifyBaseLogger } from 'fastify';
import type { AppContext } from '../context.js';
import { startDrainLoop } from '../drain-loop.js';
import { listDueEntries } from './store.js';
import { BATCH_SIZE, CONCURRENT_BATCHES, processInboxBatch } from './process-entry.js';

const IDLE_POLL_MS = 500;

/**
 * Processes one pass of due inbox entries, up to CONCURRENT_BATCHES × BATCH_SIZE (each a different
 * customer), each batch in one transaction; answers how many this process stored or settled.
 */
export async function runInboxOnce(ctx: AppContext, log?: FastifyBaseLogger): Promise<number> {
  const entries = await listDueEntries(ctx.db, ctx.now(), BATCH_SIZE * CONCURRENT_BATCHES);
  const batches = Array.from({ length: CONCURRENT_BATCHES }, (_, b) => entries.filter((_, i) => i % CONCURRENT_BATCHES === b));
  const outcomes = (await Promise.all(batches.map((batch) => processInboxBatch(ctx, batch, log)))).flat();
  // Entries another process holds, or that failed and wait for their retry, are not progress.
  return outcomes.filter((o) => o !== 'not-claimed' && o !== 'failed').length;
}

/** Drains the inbox: webhooks acknowledged under load, and those a crashed process left behind. */
export function startInboxWorker(ctx: AppContext, log: FastifyBaseLogger) {
  return startDrainLoop(() => runInboxOnce(ctx, log), { idlePollMs: IDLE_POLL_MS, log, failure: 'inbox worker could not list entries' });
}
