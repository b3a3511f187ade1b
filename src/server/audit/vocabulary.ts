/** What the audit log says was done; the admin center names each (admin.audit.actions). */
export const AUDIT_VERBS = ['created', 'updated', 'deleted', 'token-rotated', 'imported', 'added', 'removed', 'reordered', 'purged', 'erased', 'deactivated', 'reactivated', 'archived'] as const;
export type AuditVerb = (typeof AUDIT_VERBS)[number];

/** The kinds of things the audit log records changes to; the admin center names each (admin.audit.entities). */
export const AUDIT_ENTITIES = [
  'messaging-account', 'whatsapp-number', 'workstream', 'workstream-behaviors', 'routing-rule', 'classification-ruleset', 'capacity-profile',
  'queue', 'user', 'template', 'retention-setting', 'message-content', 'customer', 'canned-response', 'label',
] as const;
export type AuditEntity = (typeof AUDIT_ENTITIES)[number];
