import { Type, type Static } from '@sinclair/typebox';
import { NameText } from '../http/schema-types.js';

export const AssignmentMethod = Type.Union([Type.Literal('highest-capacity'), Type.Literal('round-robin'), Type.Literal('least-active')]);

const Clock = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$', description: 'HH:MM, 24:00 for midnight at the end of the day' });
const Day = Type.Union([
  Type.Literal('mon'), Type.Literal('tue'), Type.Literal('wed'), Type.Literal('thu'), Type.Literal('fri'), Type.Literal('sat'), Type.Literal('sun'),
]);

export const WeeklyHours = Type.Union(
  [
    Type.Array(Type.Object({ day: Day, open: Clock, close: Clock }, { additionalProperties: false }), { maxItems: 50 }),
    Type.Null(),
  ],
  { description: 'Opening windows per weekday in the queue time zone; null means open around the clock.' },
);
export const Holidays = Type.Array(
  Type.Object({ date: Type.String({ format: 'date' }), name: Type.Optional(Type.String({ maxLength: 100 })) }, { additionalProperties: false }),
  { maxItems: 400 },
);

const action = {
  action: Type.Union([Type.Literal('transfer'), Type.Literal('end'), Type.Literal('assign-anyway')]),
  queueId: Type.Optional(Type.String({ format: 'uuid', description: 'The queue to transfer to (action "transfer").' })),
};
export const OverflowSettings = Type.Object(
  {
    outOfHours: Type.Optional(Type.Object(action, { additionalProperties: false, description: 'Before queueing, when the queue is closed or on a holiday.' })),
    itemLimit: Type.Optional(Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 100000 }), ...action }, { additionalProperties: false, description: 'Before queueing, when this many conversations already wait.' })),
    waitingLongerThan: Type.Optional(Type.Object({ seconds: Type.Integer({ minimum: 10, maximum: 7 * 24 * 3600 }), ...action }, { additionalProperties: false, description: 'After queueing, once per conversation.' })),
  },
  { additionalProperties: false },
);
export type OverflowSettingsBody = Static<typeof OverflowSettings>;

export const CreateQueueBody = Type.Object(
  {
    name: NameText(100),
    priority: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000, description: 'Higher priority queues are served first.' })),
    assignmentMethod: Type.Optional(AssignmentMethod),
    agentIds: Type.Optional(Type.Array(Type.String({ format: 'uuid' }), { maxItems: 5000 })),
    timeZone: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'IANA time zone of the operating hours (default UTC).' })),
    weeklyHours: Type.Optional(WeeklyHours),
    holidays: Type.Optional(Holidays),
    overflow: Type.Optional(OverflowSettings),
  },
  { additionalProperties: false },
);
export type CreateQueueBody = Static<typeof CreateQueueBody>;
export const UpdateQueueBody = Type.Partial(CreateQueueBody, { additionalProperties: false });
export type UpdateQueueBody = Static<typeof UpdateQueueBody>;

export const QueueView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  priority: Type.Integer(),
  assignmentMethod: AssignmentMethod,
  isDefault: Type.Boolean(),
  agentIds: Type.Array(Type.String()),
  timeZone: Type.String(),
  weeklyHours: WeeklyHours,
  holidays: Holidays,
  overflow: OverflowSettings,
  archived: Type.Boolean({ description: 'Archived: out of pickers and routing; conversations and insights still name it.' }),
});
export type QueueView = Static<typeof QueueView>;

export const ListQueuesQuery = Type.Object(
  { includeArchived: Type.Optional(Type.Boolean({ description: 'Also archived queues, for naming them in history.' })) },
  { additionalProperties: false },
);
