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
  twilioRedactions: Type.Integer({ description: "Messages queued for redaction at Twilio (body emptied, media deleted); see GET /contacts/{id}/erasure" }),
});
export type ErasureResultView = Static<typeof ErasureResultView>;

export const TwilioRedactionView = Type.Object({
  messageSid: Type.String(),
  state: Type.Union([Type.Literal('pending'), Type.Literal('running'), Type.Literal('done'), Type.Literal('failed')]),
  bodyResult: Type.Union([Type.Literal('redacted'), Type.Literal('not-found'), Type.Null()], { description: "What Twilio confirmed for the body: emptied, or the message no longer exists there" }),
  bodyConfirmedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  mediaDeleted: Type.Integer({ description: 'Media files Twilio confirmed deleted' }),
  attempts: Type.Integer(),
  lastError: Type.Union([Type.String(), Type.Null()]),
  finishedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

export const ErasureStatusView = Type.Object({
  contactId: Type.String(),
  erasedAt: Type.String({ format: 'date-time' }),
  redactions: Type.Array(TwilioRedactionView),
});
export type ErasureStatusView = Static<typeof ErasureStatusView>;
