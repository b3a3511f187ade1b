import type { Executor } from './database.js';

const reads = new WeakMap<Executor, Map<string, Promise<unknown>>>();

/**
 * Settings a transaction reads but never writes (a number, its workstream, routing rules) are read
 * once per transaction: the inbox stores a batch of messages in one, and each message would
 * otherwise read them again. Outside a transaction every call reads, so nothing goes stale.
 */
export function readOnce<T>(db: Executor, key: string, read: () => Promise<T>): Promise<T> {
  if (!db.isTransaction) return read();
  let cache = reads.get(db);
  if (!cache) reads.set(db, (cache = new Map()));
  let pending = cache.get(key) as Promise<T> | undefined;
  if (!pending) cache.set(key, (pending = read()));
  return pending;
}
