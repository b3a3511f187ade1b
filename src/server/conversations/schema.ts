import { Type, type Static } from '@sinclair/typebox';
import { ChannelSchema } from '../channels/schema.js';
import { CONVERSATION_STATES } from '../db/schema.js';
import { CHANNEL_IDS } from '../../shared/channel-ids.js';

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const NullableString = Nullable(Type.String());
const NullableInt = Type.Union([Type.Integer(), Type.Null()]);
const NullableNumber = Type.Union([Type.Number(), Type.Null()]);

function SearchMatch() {
  return Type.Object({
    messageId: Type.String(),
    direction: Type.String(),
    createdAt: Type.String(),
    /** The message's text around the match, with … where it was cut. */
    snippet: Type.String(),
    /** Where the searched text is in the snippet (UTF-16 offsets), or null when it cannot be placed. */
    highlight: Type.Union([Type.Object({ start: Type.Integer({ minimum: 0 }), length: Type.Integer({ minimum: 1 }) }), Type.Null()]),
  });
}

const ParticipantSummary = Type.Object({
  userId: Type.String(),
  name: Type.String(),
  mode: Type.Union([Type.Literal('consult'), Type.Literal('participant')]),
});

export const ConversationView = Type.Object({
  id: Type.String(),
  /** Higher after every change to the conversation: of two views, the one with the higher version is the later. */
  version: Type.Integer({ minimum: 1 }),
  state: Type.String(),
  customer: Type.Object({
    id: Type.String(),
    phone: Type.String(),
    name: NullableString,
    profileName: NullableString,
    /** The language stored on the contact (set by an agent or an integration). */
    language: NullableString,
    /** The language guessed from the phone number's country, for when none is stored. */
    inferredLanguage: NullableString,
  }),
  numberId: Type.String(),
  number: Type.String(),
  channel: ChannelSchema,
  /** The customer said STOP to this number on this channel: nothing can be sent until they say START. */
  optedOut: Type.Boolean(),
  workstreamId: NullableString,
  /** Whether the workstream lets agents send attachments (true without a workstream), so the composer can hide the button up front. */
  agentAttachments: Type.Boolean(),
  queueId: NullableString,
  assignedAgentId: NullableString,
  assignedAgentName: NullableString,
  /** Colleagues consulted on the conversation (read-only) or added to it (may write), first invited first. */
  participants: Type.Array(ParticipantSummary),
  /** The customer's messages after the caller's read mark; only in answers to the caller, not in realtime events (which reach many people). */
  unreadCount: Type.Optional(Type.Integer({ minimum: 0 })),
  lastInboundAt: NullableString,
  lastMessageAt: Type.String(),
  /** Null on a channel without a customer-service window (SMS). */
  windowExpiresAt: NullableString,
  windowOpen: Type.Boolean(),
  createdAt: Type.String(),
  closedAt: NullableString,
  /** The labels on the conversation, by name. */
  labels: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), color: Type.String() })),
  /** What the agent gave at wrap-up (End or Close); null until then. */
  wrapUpReason: NullableString,
  wrapUpSummary: NullableString,
  /** The reasons its workstream offers at wrap-up, and whether one is required, so the wrap-up dialog needs no admin call. */
  wrapUpReasons: Type.Array(Type.String()),
  wrapUpReasonRequired: Type.Boolean(),
  lastMessage: Type.Union([
    Type.Object({
      body: Type.String(),
      direction: Type.String(),
      kind: Type.String(),
      createdAt: Type.String(),
      /** Who wrote an outbound message: null for automated ones; the list says "You" only to its writer. */
      senderUserId: NullableString,
      senderName: NullableString,
    }),
    Type.Null(),
  ]),
  /** In search answers only: the newest message whose text matched, cut to a snippet around the match. */
  match: Type.Optional(Type.Union([SearchMatch(), Type.Null()])),
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
  locationLabel: NullableString,
  locationAddress: NullableString,
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

const listOf = (values: readonly string[]) => `^(${values.join('|')})(,(${values.join('|')}))*$`;

export const ListConversationsQuery = Type.Object({
  state: Type.Optional(Type.String({ pattern: listOf(CONVERSATION_STATES), description: `States, comma-separated: ${CONVERSATION_STATES.join(', ')}.` })),
  queueId: Type.Optional(Type.String({ format: 'uuid' })),
  channel: Type.Optional(Type.String({ pattern: listOf(CHANNEL_IDS), description: `Channels, comma-separated: ${CHANNEL_IDS.join(', ')}.` })),
  view: Type.Optional(Type.Literal('closed', { description: 'closed: the closed conversations the caller may see, most recently closed first, a page at a time (see before and nextCursor).' })),
  before: Type.Optional(Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z~[0-9a-f-]{36}$', description: "The closed view's next page: the nextCursor of the page before." })),
  assigneeId: Type.Optional(Type.String({ pattern: '^(me|none|[0-9a-f-]{36})$' })),
  participantId: Type.Optional(Type.String({ pattern: '^(me|[0-9a-f-]{36})$', description: 'Conversations this user is consulted on or takes part in ("me": the caller).' })),
  q: Type.Optional(Type.String({ maxLength: 200 })),
  label: Type.Optional(Type.String({ format: 'uuid', description: 'Only conversations with this label (its id).' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
});
export type ListConversationsQuery = Static<typeof ListConversationsQuery>;

export const ConversationListView = Type.Object({
  items: Type.Array(ConversationView),
  /** In the closed view: where the next page starts (pass it as before), or null on the last page. */
  nextCursor: Type.Optional(Type.Union([Type.String(), Type.Null()])),
});

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

/** What End and Close may carry: the wrap-up. Every field is optional unless the workstream requires a reason. */
export const WrapUpBody = Type.Object(
  {
    reason: Type.Optional(Type.String({ minLength: 1, maxLength: 80, description: "One of the workstream's wrap-up reasons." })),
    labelIds: Type.Optional(Type.Array(Type.String({ format: 'uuid' }), { maxItems: 20, uniqueItems: true, description: 'Labels to put on the conversation.' })),
    summary: Type.Optional(Type.String({ maxLength: 2000, description: 'A few words on what happened, for whoever reads the conversation later.' })),
  },
  { additionalProperties: false },
);
export type WrapUpBody = Static<typeof WrapUpBody>;

export const NoteView = Type.Object({
  id: Type.Integer(),
  conversationId: Type.String(),
  authorUserId: NullableString,
  body: Type.String(),
  createdAt: Type.String(),
});
export type NoteView = Static<typeof NoteView>;

export const AddNoteBody = Type.Object({ body: Type.String({ minLength: 1, maxLength: 4000 }) }, { additionalProperties: false });

export const ReadMarkBody = Type.Object(
  { messageId: Type.Optional(Type.String({ format: 'uuid', description: 'The last message seen; the newest message when left out.' })) },
  { additionalProperties: false },
);
export type ReadMarkBody = Static<typeof ReadMarkBody>;

export const ReadMarkView = Type.Object({
  conversationId: Type.String(),
  lastReadMessageId: NullableString,
  unreadCount: Type.Integer({ minimum: 0 }),
});
export type ReadMarkView = Static<typeof ReadMarkView>;
