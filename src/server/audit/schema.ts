import { Type, type Static } from '@sinclair/typebox';

export const AuditQuery = Type.Object(
  {
    entityType: Type.Optional(Type.String({ pattern: '^[a-z-]{1,40}$' })),
    entityId: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    actorId: Type.Optional(Type.String({ format: 'uuid' })),
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: "Words in who did it, the thing's name, what was done or the changes" })),
    from: Type.Optional(Type.String({ format: 'date-time', description: 'Entries at or after this moment' })),
    to: Type.Optional(Type.String({ format: 'date-time', description: 'Entries before this moment; after from' })),
    /** The id of the last entry already shown: the page continues with older ones. */
    before: Type.Optional(Type.String({ pattern: '^[0-9]{1,18}$' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  },
  { additionalProperties: false },
);
export type AuditQuery = Static<typeof AuditQuery>;

const SettingChange = Type.Object({
  field: Type.String(),
  from: Type.Optional(Type.Unknown()),
  to: Type.Optional(Type.Unknown()),
  secret: Type.Optional(Type.Literal(true)),
});

export const AuditEntryView = Type.Object({
  id: Type.String(),
  at: Type.String({ format: 'date-time' }),
  actor: Type.Object({ id: Type.Union([Type.String(), Type.Null()]), name: Type.String() }),
  action: Type.String(),
  entityType: Type.String(),
  entityId: Type.Union([Type.String(), Type.Null()]),
  entityName: Type.Union([Type.String(), Type.Null()]),
  changes: Type.Array(SettingChange),
});
export type AuditEntryView = Static<typeof AuditEntryView>;

export const AuditPage = Type.Object({
  items: Type.Array(AuditEntryView),
  /** Pass as `before` to read the next (older) page; null on the last page. */
  nextBefore: Type.Union([Type.String(), Type.Null()]),
  /**
   * The names of the ids that the page's changes mention (queues, users, numbers, templates…): the
   * thing's current name, or the last name the audit log knew when it has been deleted.
   */
  names: Type.Record(Type.String(), Type.String()),
});
export type AuditPage = Static<typeof AuditPage>;
