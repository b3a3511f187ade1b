import type { Executor } from '../db/database.js';

/**
 * The queue a conversation falls back to when no routing rule places it: its workstream's fallback
 * queue, or the default queue for numbers that no workstream uses. A new conversation opens in it
 * until routeArrival has run the rules.
 */
export async function chooseQueue(db: Executor, workstream: { fallback_queue_id: string } | null): Promise<string> {
  if (workstream) return workstream.fallback_queue_id;
  const row = await db.selectFrom('queues').select('id').where('is_default', '=', true).executeTakeFirstOrThrow();
  return row.id;
}
