import { Type, type Static } from '@sinclair/typebox';

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const NullableString = Nullable(Type.String());
const NullableInt = Type.Union([Type.Integer(), Type.Null()]);
const NullableNumber = Type.Union([Type.Number(), Type.Null()]);

export const ConversationStateSchema = Type.Union(['open', 'active', 'waiting', 'wrap-up', 'closed'].map((s) => Type.Literal(s)));

export const ConversationView = Type.Object({
  id: Type.String(),
  state: Type.String(),
  customer: Type.Object({
    id: Type.String(),
    phone: Type.String(),
    name: NullableString,
    profileName: NullableString,
    language: NullableString,
  }),
  numberId: Type.String(),
  number: Type.String(),
  workstreamId: NullableString,
  /** Whether the workstream lets agents send attachments (true without a workstream), so the composer can hide the button up front. */
  agentAttachments: Type.Boolean(),
  queueId: NullableString,
  assignedAgentId: NullableString,
  lastInboundAt: NullableString,
  lastMessageAt: Type.String(),
  windowExpiresAt: NullableString,
  windowOpen: Type.Boolean(),
  createdAt: Type.String(),
  closedAt: NullableString,
  lastMessage: Type.Union([
    Type.Object({ body: Type.String(), direction: Type.String(), kind: Type.String(), createdAt: Type.String() }),
    Type.Null(),
  ]),
});
export type ConversationView = Static<typeof ConversationView>;

export const MediaView = Type.Object({
  id: Type.String(),
  contentType: Type.String(),
  status: Type.String(),
  filename: NullableString,
  sizeBytes: NullableInt,
  url: NullableString,
  error: NullableString,
});

export const MessageView = Type.Object({
  id: Type.String(),
  conversationId: Type.String(),
  direction: Type.Union([Type.Literal('inbound'), Type.Literal('outbound')]),
  kind: Type.String(),
  body: Type.String(),
  media: Type.Array(MediaView),
  status: Type.String(),
  errorCode: NullableInt,
  errorMessage: NullableString,
  twilioSid: NullableString,
  senderUserId: NullableString,
  templateId: NullableString,
  contentSid: NullableString,
  latitude: NullableNumber,
  longitude: NullableNumber,
  buttonText: NullableString,
  createdAt: Type.String(),
  statusAt: Type.String(),
});
export type MessageView = Static<typeof MessageView>;

export const EventView = Type.Object({
  id: Type.Integer(),
  type: Type.String(),
  actorUserId: NullableString,
  data: Type.Record(Type.String(), Type.Unknown()),
  createdAt: Type.String(),
});

export const ListConversationsQuery = Type.Object({
  state: Type.Optional(Type.String({ pattern: '^(open|active|waiting|wrap-up|closed)(,(open|active|waiting|wrap-up|closed))*$' })),
  queueId: Type.Optional(Type.String({ format: 'uuid' })),
  assigneeId: Type.Optional(Type.String({ pattern: '^(me|none|[0-9a-f-]{36})$' })),
  q: Type.Optional(Type.String({ maxLength: 200 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
});
export type ListConversationsQuery = Static<typeof ListConversationsQuery>;

export const SendMessageBody = Type.Union([
  Type.Object({ body: Type.String({ maxLength: 4096 }) }, { additionalProperties: false }),
  Type.Object(
    {
      templateId: Type.String({ format: 'uuid' }),
      variables: Type.Optional(Type.Record(Type.String({ pattern: '^[0-9]+$' }), Type.String({ maxLength: 1024 }))),
      language: Type.Optional(Type.String({ maxLength: 12 })),
    },
    { additionalProperties: false },
  ),
]);
export type SendMessageBody = Static<typeof SendMessageBody>;

export const NoteView = Type.Object({
  id: Type.Integer(),
  conversationId: Type.String(),
  authorUserId: NullableString,
  body: Type.String(),
  createdAt: Type.String(),
});
export type NoteView = Static<typeof NoteView>;

export const AddNoteBody = Type.Object({ body: Type.String({ minLength: 1, maxLength: 4000 }) }, { additionalProperties: false });
