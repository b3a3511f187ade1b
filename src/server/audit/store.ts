import { sql } from 'kysely';
import type { Executor } from '../db/database.js';
import { ValidationError } from '../http/errors.js';
import type { SettingChange } from './changes.js';
import type { AuditPage, AuditQuery } from './schema.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Newest first, filtered, one page at a time (keyset on id: stable while entries are appended). */
export async function listAuditEntries(db: Executor, query: AuditQuery): Promise<AuditPage> {
  const limit = query.limit ?? 50;
  const from = query.from ? new Date(query.from) : null;
  const to = query.to ? new Date(query.to) : null;
  if (from && to && from >= to) throw new ValidationError('The end of the date range must be after its start.', 'to');
  let select = db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(limit + 1);
  if (query.entityType) select = select.where('entity_type', '=', query.entityType);
  if (query.entityId) select = select.where('entity_id', '=', query.entityId);
  if (query.actorId) select = select.where('actor_user_id', '=', query.actorId);
  if (query.before) select = select.where('id', '<', Number(query.before));
  if (from) select = select.where('created_at', '>=', from);
  if (to) select = select.where('created_at', '<', to);
  if (query.q) {
    const like = `%${query.q.trim().replace(/[\\%_]/g, (c) => '\\' + c)}%`;
    select = select.where((eb) =>
      eb.or([
        eb('actor_name', 'ilike', like),
        eb('entity_name', 'ilike', like),
        eb('action', 'ilike', like),
        eb('entity_type', 'ilike', like),
        eb(sql<string>`changes::text`, 'ilike', like),
      ]),
    );
  }
  const rows = await select.execute();
  const page = rows.slice(0, limit);
  const changes = page.map((r) => r.changes as SettingChange[]);
  return {
    items: page.map((r, i) => ({
      id: String(r.id),
      at: r.created_at.toISOString(),
      actor: { id: r.actor_user_id, name: r.actor_name },
      action: r.action,
      entityType: r.entity_type,
      entityId: r.entity_id,
      entityName: r.entity_name,
      changes: changes[i],
    })),
    nextBefore: rows.length > limit ? String(page[page.length - 1].id) : null,
    names: await namesOf(db, idsIn(changes)),
  };
}

/** Every id among the changes' values, however deep (lists of agents, conditions naming a queue…). */
function idsIn(value: unknown, out = new Set<string>()): string[] {
  if (typeof value === 'string' && UUID.test(value)) out.add(value.toLowerCase());
  else if (Array.isArray(value)) for (const v of value) idsIn(v, out);
  else if (typeof value === 'object' && value !== null) for (const v of Object.values(value)) idsIn(v, out);
  return [...out];
}

/**
 * The names of things an admin sets by id, as the admin center shows them. An id that no longer
 * exists gets the last name the audit log recorded for it.
 */
async function namesOf(db: Executor, ids: string[]): Promise<Record<string, string>> {
  if (!ids.length) return {};
  const rows = await db
    .selectFrom('users').select(['id', 'name']).where('id', 'in', ids)
    .unionAll(db.selectFrom('queues').select(['id', 'name']).where('id', 'in', ids))
    .unionAll(db.selectFrom('workstreams').select(['id', 'name']).where('id', 'in', ids))
    .unionAll(db.selectFrom('messaging_accounts').select(['id', 'name']).where('id', 'in', ids))
    .unionAll(db.selectFrom('numbers').select(['id', sql<string>`name || ' (' || number || ')'`.as('name')]).where('id', 'in', ids))
    .unionAll(db.selectFrom('templates').select(['id', 'name']).where('id', 'in', ids))
    .unionAll(db.selectFrom('capacity_profiles').select(['id', 'name']).where('id', 'in', ids))
    .unionAll(db.selectFrom('classification_rulesets').select(['id', 'name']).where('id', 'in', ids))
    .unionAll(db.selectFrom('route_to_queue_rules').select(['id', 'name']).where('id', 'in', ids))
    .unionAll(db.selectFrom('canned_responses').select(['id', 'title as name']).where('id', 'in', ids))
    .execute();
  const names: Record<string, string> = {};
  for (const r of rows) names[String(r.id).toLowerCase()] = r.name;
  const gone = ids.filter((id) => !(id in names));
  if (gone.length) {
    const last = await db
      .selectFrom('audit_log')
      .select(['entity_id', 'entity_name'])
      .where('entity_id', 'in', gone)
      .where('entity_name', 'is not', null)
      .orderBy('id', 'desc')
      .execute();
    for (const r of last) if (r.entity_id && r.entity_name && !(r.entity_id in names)) names[r.entity_id] = r.entity_name;
  }
  return names;
}
