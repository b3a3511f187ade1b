import type { Executor } from '../db/database.js';
import type { SettingChange } from './changes.js';
import type { AuditPage, AuditQuery } from './schema.js';

/** Newest first, filtered, one page at a time (keyset on id: stable while entries are appended). */
export async function listAuditEntries(db: Executor, query: AuditQuery): Promise<AuditPage> {
  const limit = query.limit ?? 50;
  let select = db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(limit + 1);
  if (query.entityType) select = select.where('entity_type', '=', query.entityType);
  if (query.entityId) select = select.where('entity_id', '=', query.entityId);
  if (query.actorId) select = select.where('actor_user_id', '=', query.actorId);
  if (query.before) select = select.where('id', '<', Number(query.before));
  const rows = await select.execute();
  const page = rows.slice(0, limit);
  return {
    items: page.map((r) => ({
      id: String(r.id),
      at: r.created_at.toISOString(),
      actor: { id: r.actor_user_id, name: r.actor_name },
      action: r.action,
      entityType: r.entity_type,
      entityId: r.entity_id,
      entityName: r.entity_name,
      changes: r.changes as SettingChange[],
    })),
    nextBefore: rows.length > limit ? String(page[page.length - 1].id) : null,
  };
}
