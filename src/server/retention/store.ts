import type { Executor } from '../db/database.js';
import type { ErasureStatusView, RetentionSettingsView } from './schema.js';

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

/** An erased customer's redactions at Twilio, or null when the contact was not erased. */
export async function loadErasureStatus(db: Executor, contactId: string): Promise<ErasureStatusView | null> {
  const contact = await db.selectFrom('contacts').select('erased_at').where('id', '=', contactId).where('erased_at', 'is not', null).executeTakeFirst();
  if (!contact?.erased_at) return null;
  const rows = await db.selectFrom('twilio_redactions').selectAll().where('contact_id', '=', contactId).orderBy('id').execute();
  return {
    contactId,
    erasedAt: contact.erased_at.toISOString(),
    redactions: rows.map((r) => ({
      messageSid: r.message_sid,
      state: r.state,
      bodyResult: r.body_result,
      bodyConfirmedAt: r.body_confirmed_at?.toISOString() ?? null,
      mediaDeleted: r.media_deleted,
      attempts: r.attempts,
      lastError: r.last_error,
      finishedAt: r.finished_at?.toISOString() ?? null,
    })),
  };
}
