import { ChannelSchema } from '../channels/schema.js';
import { Type, type Static } from '@sinclair/typebox';

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

export const TranscriptMedia = Type.Object({
  url: Nullable(Type.String({ description: 'Link to the stored file (signed-in users), null when not stored' })),
  contentType: Type.String(),
  filename: Nullable(Type.String()),
});

export const TranscriptEntry = Type.Object({
  at: Type.String({ format: 'date-time' }),
  direction: Type.Union([Type.Literal('inbound'), Type.Literal('outbound')]),
  author: Type.String({ description: 'The customer, the agent who wrote it, or "Switchboard" for automated messages' }),
  kind: Type.String(),
  body: Type.String(),
  status: Type.String(),
  errorCode: Type.Union([Type.Integer(), Type.Null()]),
  purged: Type.Boolean({ description: 'The body and media were removed by the retention policy' }),
  media: Type.Array(TranscriptMedia),
});

export const TranscriptView = Type.Object({
  conversationId: Type.String(),
  state: Type.String(),
  customer: Type.Object({ id: Type.String(), name: Nullable(Type.String()), phone: Type.String() }),
  channel: ChannelSchema,
  businessNumber: Type.String(),
  queue: Nullable(Type.String()),
  agents: Type.Array(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
  closedAt: Nullable(Type.String({ format: 'date-time' })),
  wrapUp: Type.Object(
    { reason: Nullable(Type.String()), summary: Nullable(Type.String()), labels: Type.Array(Type.String()) },
    { description: 'The reason and summary given at wrap-up, and the labels on the conversation' },
  ),
  messages: Type.Array(TranscriptEntry),
});
export type TranscriptView = Static<typeof TranscriptView>;
export type TranscriptEntry = Static<typeof TranscriptEntry>;

export const TranscriptQuery = Type.Object(
  {
    format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('text')], { default: 'json' })),
    download: Type.Optional(Type.Boolean({ description: 'Answer as a file attachment' })),
  },
  { additionalProperties: false },
);

export const SearchQuery = Type.Object(
  {
    customer: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: "Part of the customer's name" })),
    number: Type.Optional(Type.String({ minLength: 3, maxLength: 20, pattern: '^\\+?[0-9]+$', description: "Part of the customer's phone number" })),
    text: Type.Optional(Type.String({ minLength: 2, maxLength: 200, description: 'Words in any message' })),
    from: Type.Optional(Type.String({ format: 'date', description: 'Conversations started on or after this day (UTC)' })),
    to: Type.Optional(Type.String({ format: 'date', description: 'Conversations started on or before this day (UTC)' })),
    state: Type.Optional(Type.Union([Type.Literal('closed'), Type.Literal('live'), Type.Literal('any')], { default: 'any' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  },
  { additionalProperties: false },
);
export type SearchQuery = Static<typeof SearchQuery>;

export const SearchHit = Type.Object({
  conversationId: Type.String(),
  channel: ChannelSchema,
  state: Type.String(),
  customer: Type.Object({ id: Type.String(), name: Nullable(Type.String()), phone: Type.String() }),
  queue: Nullable(Type.String()),
  agent: Nullable(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
  closedAt: Nullable(Type.String({ format: 'date-time' })),
  messageCount: Type.Integer(),
  snippet: Nullable(Type.String({ description: 'The first message that matched the text' })),
});
export type SearchHit = Static<typeof SearchHit>;
