import { Type, type Static } from '@sinclair/typebox';

export const RetentionSettingsView = Type.Object({
  /** Message bodies and media older than this many days are purged; null keeps them forever. */
  retentionDays: Type.Union([Type.Integer(), Type.Null()]),
  lastPurgeAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
export type RetentionSettingsView = Static<typeof RetentionSettingsView>;

export const UpdateRetentionBody = Type.Object(
  {
    // One schema type list, not anyOf: with coercion on, anyOf would turn 0 into null (forever).
    retentionDays: Type.Unsafe<number | null>({ type: ['integer', 'null'], minimum: 1, maximum: 3650, description: 'Days, 1–3650, or null to keep forever' }),
  },
  { additionalProperties: false },
);
export type UpdateRetentionBody = Static<typeof UpdateRetentionBody>;

export const PurgeResultView = Type.Object({
  cutoff: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  messages: Type.Integer({ description: 'Messages whose body and media were removed' }),
  mediaFiles: Type.Integer({ description: 'Stored media files deleted' }),
});
export type PurgeResultView = Static<typeof PurgeResultView>;

export const ErasureResultView = Type.Object({
  contactId: Type.String(),
  conversations: Type.Integer(),
  messages: Type.Integer(),
  mediaFiles: Type.Integer(),
});
export type ErasureResultView = Static<typeof ErasureResultView>;
