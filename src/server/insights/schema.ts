import { Type, type Static } from '@sinclair/typebox';
import { ChannelSchema, channelSchema } from '../channels/schema.js';

const NullableNumber = Type.Union([Type.Number(), Type.Null()]);
const Summary = Type.Object({ count: Type.Integer(), average: NullableNumber, median: NullableNumber }, { description: 'Seconds' });
const ServiceLevel = Type.Object(
  { within20s: NullableNumber, within60s: NullableNumber, within120s: NullableNumber },
  { description: 'Percent answered within 20, 60 and 120 seconds' },
);

export const QueueLiveView = Type.Object({
  queueId: Type.String(),
  name: Type.String(),
  waiting: Type.Integer({ description: 'Open, not taken by an agent yet' }),
  longestWaitSeconds: Type.Union([Type.Integer(), Type.Null()]),
  active: Type.Integer(),
  onHold: Type.Integer({ description: 'Moved to Waiting by the agent' }),
  wrapUp: Type.Integer(),
  waitingByChannel: Type.Record(Type.String(), Type.Integer(), { description: 'Waiting conversations per channel' }),
  agentsByPresence: Type.Record(Type.String(), Type.Integer()),
  capacity: Type.Object({ used: Type.Integer(), total: Type.Integer() }),
  serviceLevel: ServiceLevel,
  averageSpeedToAnswerSeconds: NullableNumber,
});

const PresenceSegment = Type.Object({ presence: Type.String(), from: Type.String(), to: Type.String() });

export const AgentLiveView = Type.Object({
  agentId: Type.String(),
  name: Type.String(),
  presence: Type.String(),
  queueIds: Type.Array(Type.String()),
  capacity: Type.Object({ used: Type.Integer(), total: Type.Integer() }),
  conversations: Type.Array(
    Type.Object({ id: Type.String(), channel: ChannelSchema, state: Type.String(), customer: Type.String(), queueId: Type.Union([Type.String(), Type.Null()]), since: Type.String() }),
  ),
  presenceTimeline: Type.Array(PresenceSegment),
});

export const LiveQuery = Type.Object(
  { channel: Type.Optional(channelSchema({ description: 'Only conversations on this channel (agents and their capacity stay whole)' })) },
  { additionalProperties: false },
);

export const LiveView = Type.Object({
  at: Type.String({ format: 'date-time' }),
  since: Type.String({ format: 'date-time', description: 'Service level and speed to answer count conversations since this instant (the last 24 hours)' }),
  channel: Type.Union([ChannelSchema, Type.Null()], { description: 'The channel the figures are narrowed to, or null for all' }),
  queues: Type.Array(QueueLiveView),
  agents: Type.Array(AgentLiveView),
});
export type LiveView = Static<typeof LiveView>;
export type QueueLiveView = Static<typeof QueueLiveView>;
export type AgentLiveView = Static<typeof AgentLiveView>;

export const HistoryQuery = Type.Object(
  {
    from: Type.String({ format: 'date', description: 'First day (UTC), inclusive' }),
    to: Type.String({ format: 'date', description: 'Last day (UTC), inclusive' }),
    queueId: Type.Optional(Type.String({ format: 'uuid' })),
    workstreamId: Type.Optional(Type.String({ format: 'uuid' })),
    agentId: Type.Optional(Type.String({ format: 'uuid' })),
    channel: Type.Optional(channelSchema({ description: 'Only conversations on this channel' })),
  },
  { additionalProperties: false },
);
export type HistoryQuery = Static<typeof HistoryQuery>;

const Csat = Type.Object(
  { responses: Type.Integer(), averageRating: NullableNumber, satisfiedPercent: NullableNumber },
  { description: 'Answered post-conversation surveys (ratings 1–5); satisfied is a 4 or 5' },
);

const NamedCounts = (description: string) => Type.Array(Type.Object({ name: Type.String(), count: Type.Integer() }), { description });

export const ChannelFigures = Type.Object({
  channel: ChannelSchema,
  conversations: Type.Integer(),
  answered: Type.Integer(),
  abandoned: Type.Integer(),
  speedToAnswer: Summary,
  firstResponse: Summary,
  serviceLevel: ServiceLevel,
  csat: Csat,
  wrapUpReasons: NamedCounts('Conversations by the reason given at wrap-up, most first'),
  labels: NamedCounts('Conversations by label, most first'),
});
export type ChannelFigures = Static<typeof ChannelFigures>;

export const HistoryView = Type.Object({
  from: Type.String(),
  to: Type.String(),
  conversations: Type.Integer(),
  answered: Type.Integer(),
  abandoned: Type.Integer(),
  abandonmentRate: NullableNumber,
  transfers: Type.Integer(),
  speedToAnswer: Summary,
  firstResponse: Summary,
  handle: Summary,
  wrapUp: Summary,
  serviceLevel: ServiceLevel,
  volumeByHour: Type.Array(Type.Integer(), { description: 'Conversations started in each hour of the day (UTC), 0–23' }),
  csat: Csat,
  deliveryFailures: Type.Array(Type.Object({ code: Type.Integer(), count: Type.Integer() })),
  wrapUpReasons: NamedCounts('Conversations by the reason given at wrap-up, most first'),
  labels: NamedCounts('Conversations by label, most first'),
  byChannel: Type.Array(ChannelFigures, { description: 'The main figures for each channel with conversations in the range' }),
});
export type HistoryView = Static<typeof HistoryView>;

export const JoinResultView = Type.Object({ conversationId: Type.String(), mode: Type.Literal('participant') });
