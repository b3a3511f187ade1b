import type { Executor } from '../db/database.js';
import type { MediaStore } from './media-store.js';

export type MoveMediaResult = { copied: number; alreadyThere: number; missing: string[] };

/**
 * Copies every file the database names from one store to another (the local folder into the
 * shared PostgreSQL store), one stream at a time. Files already in the target are left alone, so
 * it can run again after an interruption; the source is not touched.
 */
export async function copyMediaBetweenStores(db: Executor, from: MediaStore, to: MediaStore): Promise<MoveMediaResult> {
  const result: MoveMediaResult = { copied: 0, alreadyThere: 0, missing: [] };
  const rows = await db.selectFrom('message_media').select('storage_key').where('storage_key', 'is not', null).orderBy('created_at').execute();
  for (const { storage_key } of rows) {
    const key = storage_key!;
    if (await to.exists(key)) {
      result.alreadyThere += 1;
      continue;
    }
    const file = await from.get(key);
    if (!file) {
      result.missing.push(key);
      continue;
    }
    await to.put(key, file.stream);
    result.copied += 1;
  }
  return result;
}
