import type { Executor } from '../db/database.js';
import type { SettingChange } from './changes.js';
import type { AuditEntity, AuditVerb } from './vocabulary.js';

export type { AuditEntity, AuditVerb };

/** id null: the system itself (the retention worker). */
export type AuditActor = { id: string | null; name: string };

export type AuditEntry = {
  verb: AuditVerb;
  entityType: AuditEntity;
  entityId: string | null;
  entityName?: string | null;
  changes?: SettingChange[];
};

/** Appends one entry to the audit log; call it after the change it describes has been written. */
export async function recordAudit(db: Executor, actor: AuditActor, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      actor_user_id: actor.id,
      actor_name: actor.name,
      action: entry.verb,
      entity_type: entry.entityType,
      entity_id: entry.entityId,
      entity_name: entry.entityName ?? null,
      changes: JSON.stringify(entry.changes ?? []),
    })
    .execute();
}
