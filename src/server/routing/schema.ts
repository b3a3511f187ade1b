import { Type, type Static } from '@sinclair/typebox';
import { ConversationView } from '../conversations/schema.js';
import { ClassificationRuleSchema, ConditionSchema, SplitSchema } from './rule-schema.js';
import { NameText } from '../http/schema-types.js';
import { channelSchema } from '../channels/schema.js';

export const OfferView = Type.Object({
  id: Type.String(),
  conversationId: Type.String(),
  agentId: Type.String(),
  state: Type.String(),
  createdAt: Type.String(),
  expiresAt: Type.String(),
  secondsLeft: Type.Integer(),
  conversation: ConversationView,
});
export type OfferView = Static<typeof OfferView>;

export const RouteRuleBody = Type.Object(
  {
    name: NameText(100),
    order: Type.Optional(Type.Integer({ minimum: 0, maximum: 10000, description: 'Lower runs first.' })),
    enabled: Type.Optional(Type.Boolean()),
    conditions: Type.Array(ConditionSchema, { maxItems: 20, description: 'All must hold (AND). Empty: always matches.' }),
    queueId: Type.Optional(Type.String({ format: 'uuid' })),
    split: Type.Optional(SplitSchema),
  },
  { additionalProperties: false, description: 'Either queueId or split.' },
);
export type RouteRuleBody = Static<typeof RouteRuleBody>;
export const UpdateRouteRuleBody = Type.Partial(RouteRuleBody, { additionalProperties: false });
export type UpdateRouteRuleBody = Static<typeof UpdateRouteRuleBody>;

export const RouteRuleView = Type.Object({
  id: Type.String(),
  workstreamId: Type.String(),
  name: Type.String(),
  order: Type.Integer(),
  enabled: Type.Boolean(),
  conditions: Type.Array(ConditionSchema),
  queueId: Type.Union([Type.String(), Type.Null()]),
  split: Type.Union([SplitSchema, Type.Null()]),
});
export type RouteRuleView = Static<typeof RouteRuleView>;

export const RulesetBody = Type.Object(
  {
    name: NameText(100),
    order: Type.Optional(Type.Integer({ minimum: 0, maximum: 10000 })),
    enabled: Type.Optional(Type.Boolean()),
    rules: Type.Array(ClassificationRuleSchema, { maxItems: 100, description: 'In order; the first matching rule wins.' }),
  },
  { additionalProperties: false },
);
export type RulesetBody = Static<typeof RulesetBody>;
export const UpdateRulesetBody = Type.Partial(RulesetBody, { additionalProperties: false });
export type UpdateRulesetBody = Static<typeof UpdateRulesetBody>;

export const RulesetView = Type.Object({
  id: Type.String(),
  workstreamId: Type.String(),
  name: Type.String(),
  order: Type.Integer(),
  enabled: Type.Boolean(),
  rules: Type.Array(ClassificationRuleSchema),
});
export type RulesetView = Static<typeof RulesetView>;

export const RoutingTestBody = Type.Object(
  {
    customerPhone: Type.String({ minLength: 2, maxLength: 20, pattern: '^\\+[0-9]+$' }),
    channel: Type.Optional(channelSchema({ description: "The conversation's channel (default the workstream's)." })),
    customerName: Type.Optional(Type.String({ maxLength: 120 })),
    message: Type.String({ maxLength: 4096 }),
    language: Type.Optional(Type.String({ maxLength: 12 })),
    contactAttributes: Type.Optional(Type.Record(Type.String({ maxLength: 64 }), Type.String({ maxLength: 500 }))),
    variables: Type.Optional(Type.Record(Type.String({ maxLength: 64 }), Type.String({ maxLength: 500 }))),
    at: Type.Optional(Type.String({ format: 'date-time', description: 'Pretend it is this moment (default now).' })),
  },
  { additionalProperties: false },
);
export type RoutingTestBody = Static<typeof RoutingTestBody>;

export const TransferBody = Type.Union([
  Type.Object({ queueId: Type.String({ format: 'uuid' }), note: Type.Optional(Type.String({ maxLength: 500 })) }, { additionalProperties: false }),
  Type.Object({ agentId: Type.String({ format: 'uuid' }), note: Type.Optional(Type.String({ maxLength: 500 })) }, { additionalProperties: false }),
]);
export type TransferBody = Static<typeof TransferBody>;

export const ConsultBody = Type.Object({ agentId: Type.String({ format: 'uuid' }) }, { additionalProperties: false });
export const ParticipantView = Type.Object({
  userId: Type.String(),
  name: Type.String(),
  mode: Type.Union([Type.Literal('consult'), Type.Literal('participant')]),
  invitedBy: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
});

export const CapacityProfileBody = Type.Object(
  { name: NameText(100), defaultMaxItems: Type.Integer({ minimum: 0, maximum: 1000 }) },
  { additionalProperties: false },
);
export const CapacityProfileView = Type.Object({ id: Type.String(), name: Type.String(), defaultMaxItems: Type.Integer() });
export type CapacityProfileView = Static<typeof CapacityProfileView>;

/** "Why did it go here", as data. */
export const DiagnosticsView = Type.Object({
  conversationId: Type.String(),
  state: Type.String(),
  workstream: Type.Union([Type.Object({ id: Type.String(), name: Type.String(), mode: Type.String(), skillMatching: Type.String() }), Type.Null()]),
  queue: Type.Union([Type.Object({ id: Type.String(), name: Type.String(), assignmentMethod: Type.String() }), Type.Null()]),
  assignedAgentId: Type.Union([Type.String(), Type.Null()]),
  classification: Type.Unknown({ description: 'Rulesets with each rule, its conditions, the values seen and whether it matched; and the outputs.' }),
  routeToQueue: Type.Unknown({ description: 'Route-to-queue rules in order, the queue chosen and why.' }),
  overflow: Type.Array(Type.Unknown()),
  decisions: Type.Array(Type.Object({ type: Type.String(), at: Type.String(), data: Type.Unknown() }), { description: 'Offers, assignments, rejections, expiries and transfers, in order, with the agents considered.' }),
  now: Type.Unknown({ description: 'If the conversation waits: the agents who would be considered now and why each is or is not eligible.' }),
});
export type DiagnosticsView = Static<typeof DiagnosticsView>;
