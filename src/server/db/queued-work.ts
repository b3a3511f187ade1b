import type { Executor } from './database.js';

/** Work a transaction leaves for the background workers. */
export type QueuedWork = 'outbox' | 'media';

const queued = new WeakMap<Executor, Set<QueuedWork>>();

/**
 * Notes that this transaction queued work, so that whoever commits it wakes only the workers that
 * have something to do: most inbound messages queue nothing, and a needless wake-up costs each
 * worker a transaction.
 */
export function noteQueued(tx: Executor, work: QueuedWork): void {
  let set = queued.get(tx);
  if (!set) queued.set(tx, (set = new Set()));
  set.add(work);
}

export function queuedIn(tx: Executor): ReadonlySet<QueuedWork> {
  return queued.get(tx) ?? new Set();
}
