import type { Executor } from '../db/database.js';
import type { RetentionSettingsView } from './schema.js';

export async function loadRetentionSettings(db: Executor): Promise<RetentionSettingsView> {
  const row = await db.selectFrom('operations_settings').select(['retention_days', 'last_purge_at']).executeTakeFirstOrThrow();
  return { retentionDays: row.retention_days, lastPurgeAt: row.last_purge_at?.toISOString() ?? null };
}

export async function saveRetentionDays(db: Executor, retentionDays: number | null, now: Date): Promise<void> {
  await db.updateTable('operations_settings').set({ retention_days: retentionDays, updated_at: now }).execute();
}

export async function markPurged(db: Executor, now: Date): Promise<void> {
  await db.updateTable('operations_settings').set({ last_purge_at: now }).execute();
}

/** Storage keys of the stored files of these messages: removed before the rows that name them. */
export async function storedMediaKeys(db: Executor, messageIds: string[]): Promise<string[]> {
  if (!messageIds.length) return [];
  const rows = await db.selectFrom('message_media').select('storage_key').where('message_id', 'in', messageIds).where('storage_key', 'is not', null).execute();
  return rows.map((r) => r.storage_key!);
}
