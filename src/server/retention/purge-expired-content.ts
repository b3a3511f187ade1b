import { sql } from 'kysely';
import type { AppContext } from '../context.js';
import type { AuditActor } from '../audit/record-audit.js';
import { recordAudit } from '../audit/record-audit.js';
import { loadRetentionSettings, markPurged, storedMediaKeys } from './store.js';
import type { PurgeResultView } from './schema.js';

const BATCH = 200;
const DAY_MS = 24 * 3600 * 1000;
/** Who the audit log names when the background worker purges. */
export const RETENTION_ACTOR: AuditActor = { id: null, name: 'Retention policy' };

/** The instant before which content is purged, or null when retention is off. */
export function retentionCutoff(retentionDays: number | null, now: Date): Date | null {
  return retentionDays === null ? null : new Date(now.getTime() - retentionDays * DAY_MS);
}

/**
 * Removes the body, location, buttons, raw webhook and media of every message older than the
 * retention period. The message rows stay (direction, status, times, error codes) so the
 * historical numbers do not change. Files go first: a failure leaves a row to retry, never a
 * file that no row names.
 */
export async function purgeExpiredContent(ctx: AppContext, actor: AuditActor = RETENTION_ACTOR): Promise<PurgeResultView> {
  const now = ctx.now();
  const { retentionDays } = await loadRetentionSettings(ctx.db);
  const cutoff = retentionCutoff(retentionDays, now);
  const result = { cutoff: cutoff?.toISOString() ?? null, messages: 0, mediaFiles: 0 };
  if (!cutoff) return result;
  for (;;) {
    const batch = await ctx.db.selectFrom('messages').select('id').where('created_at', '<', cutoff).where('purged_at', 'is', null).orderBy('created_at').limit(BATCH).execute();
    if (!batch.length) break;
    const ids = batch.map((m) => m.id);
    const keys = await storedMediaKeys(ctx.db, ids);
    for (const key of keys) await ctx.media.remove(key);
    await ctx.db.transaction().execute(async (tx) => {
      await tx.deleteFrom('message_media').where('message_id', 'in', ids).execute();
      await tx
        .updateTable('messages')
        .set({ body: '', raw: null, content_variables: null, latitude: null, longitude: null, location_label: null, location_address: null, button_text: null, button_payload: null, error_message: null, purged_at: now })
        .where('id', 'in', ids)
        .execute();
    });
    result.messages += ids.length;
    result.mediaFiles += keys.length;
  }
  await purgeTraces(ctx, cutoff);
  await markPurged(ctx.db, now);
  if (result.messages > 0) {
    await recordAudit(ctx.db, actor, {
      verb: 'purged',
      entityType: 'message-content',
      entityId: null,
      entityName: `older than ${retentionDays} days`,
      changes: [{ field: 'messages', to: result.messages }, { field: 'mediaFiles', to: result.mediaFiles }, { field: 'cutoff', to: result.cutoff }],
    });
  }
  return result;
}

/**
 * Copies of customer text outside the messages table: routing traces record the values the
 * rules saw (the first message among them), and webhooks kept for unknown numbers hold the
 * whole request. Both go with the bodies.
 */
async function purgeTraces(ctx: AppContext, cutoff: Date): Promise<void> {
  await ctx.db
    .updateTable('conversation_events')
    .set({ data: JSON.stringify({ purged: true }) })
    .where('type', 'like', 'routing.%')
    .where('created_at', '<', cutoff)
    .where(sql<boolean>`NOT (data ? 'purged')`)
    .execute();
  await ctx.db.deleteFrom('unmatched_inbound').where('received_at', '<', cutoff).execute();
}
