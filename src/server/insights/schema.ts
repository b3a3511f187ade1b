import { Type, type Static } from '@sinclair/typebox';

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
    Type.Object({ id: Type.String(), state: Type.String(), customer: Type.String(), queueId: Type.Union([Type.String(), Type.Null()]), since: Type.String() }),
  ),
  presenceTimeline: Type.Array(PresenceSegment),
});

export const LiveView = Type.Object({
  at: Type.String({ format: 'date-time' }),
  since: Type.String({ format: 'date-time', description: 'Service level and speed to answer count conversations since this instant (the last 24 hours)' }),
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
  },
  { additionalProperties: false },
);
export type HistoryQuery = Static<typeof HistoryQuery>;

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
  csat: Type.Object(
    { responses: Type.Integer(), averageRating: NullableNumber, satisfiedPercent: NullableNumber },
    { description: 'Answered post-conversation surveys (ratings 1–5); satisfied is a 4 or 5' },
  ),
  deliveryFailures: Type.Array(Type.Object({ code: Type.Integer(), count: Type.Integer() })),
});
export type HistoryView = Static<typeof HistoryView>;

export const JoinResultView = Type.Object({ conversationId: Type.String(), mode: Type.Literal('participant') });
