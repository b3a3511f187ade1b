import type { Executor } from '../db/database.js';

/**
 * The queue a new conversation waits in. Until routing rules exist this is the workstream's
 * fallback queue, or the default queue for numbers that no workstream uses.
 */
export async function chooseQueue(db: Executor, workstream: { fallback_queue_id: string } | null): Promise<string> {
  if (workstream) return workstream.fallback_queue_id;
  const row = await db.selectFrom('queues').select('id').where('is_default', '=', true).executeTakeFirstOrThrow();
  return row.id;
}
