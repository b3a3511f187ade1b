import { Type, type Static, type TOptional, type TSchema } from '@sinclair/typebox';
import { NameText } from '../http/schema-types.js';
import { ChannelSchema } from '../channels/schema.js';
import { CHANNEL_IDS, type ChannelId } from '../channels/registry.js';

/** The settings of a workstream on a channel carried by a number: given under the channel's name ({whatsapp: …} or {sms: …}). */
const NumberChannelSettings = Type.Object(
  {
    numberId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
    language: Type.Optional(Type.String({ pattern: '^[a-z]{2,3}(-[A-Za-z]{2,4})?$' })),
    customerAttachments: Type.Optional(Type.Boolean()),
    agentAttachments: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
type NumberChannelSettings = Static<typeof NumberChannelSettings>;
const PartialNumberChannelSettings = Type.Partial(NumberChannelSettings, { additionalProperties: false });

/** One optional settings block per registered channel, named after it. */
function channelBlocks<T extends TSchema>(settings: T) {
  return Object.fromEntries(CHANNEL_IDS.map((id) => [id, Type.Optional(settings)])) as unknown as Record<ChannelId, TOptional<T>>;
}

export const PresenceValue = Type.Union([
  Type.Literal('available'), Type.Literal('busy'), Type.Literal('dnd'), Type.Literal('away'), Type.Literal('offline'), Type.Literal('inactive'),
]);

const CapacityPerConversation = Type.Integer({ minimum: 0, maximum: 10000, description: 'Capacity units a conversation uses (default 10).' });
const CapacityProfileId = Type.Union([Type.String({ format: 'uuid' }), Type.Null()], { description: 'Optional capacity profile: each conversation also takes one item of it.' });
const OfferTimeoutSeconds = Type.Integer({ minimum: 10, maximum: 3600, description: 'Push mode: how long an offer waits for the agent (default 120).' });
const AllowedPresences = Type.Array(PresenceValue, { minItems: 1, maxItems: 6, uniqueItems: true, description: 'Presences that may receive work (default available, busy).' });
const SkillMatching = Type.Union([Type.Literal('exact'), Type.Literal('closest'), Type.Literal('none')]);
const KeepSameAgent = Type.Boolean({ description: 'Affinity: a reply to a Waiting conversation goes back to its previous agent.' });
const WrapUpBlocking = Type.Union([Type.Literal('always'), Type.Literal('never'), Type.Literal('timed')], { description: 'Whether Wrap-up holds capacity; "timed" holds it for wrapUpBlockingSeconds.' });
const WrapUpBlockingSeconds = Type.Union([Type.Integer({ minimum: 30, maximum: 3600 }), Type.Null()]);
const AutoCloseWaitingSeconds = Type.Union([Type.Integer({ minimum: 60, maximum: 90 * 24 * 3600 }), Type.Null()], { description: 'Close Waiting conversations after this much inactivity.' });
const InactiveAfterMissedOffers = Type.Integer({ minimum: 0, maximum: 100, description: 'Consecutive missed offers that make an agent Inactive (0: never).' });
const Mode = Type.Union([Type.Literal('push'), Type.Literal('pick')]);
const WrapUpReasons = Type.Array(Type.String({ minLength: 1, maxLength: 80, pattern: '\\S' }), {
  maxItems: 50,
  uniqueItems: true,
  description: 'The reasons an agent may give when ending or closing a conversation (wrap-up), in the order offered.',
});
const WrapUpReasonRequired = Type.Boolean({ description: 'Ending or closing a conversation needs one of wrapUpReasons.' });

export const CreateWorkstreamBody = Type.Object(
  {
    name: NameText(100),
    channel: ChannelSchema,
    mode: Type.Union([Type.Literal('push'), Type.Literal('pick')], { description: 'Cannot change after creation.' }),
    fallbackQueueId: Type.String({ format: 'uuid' }),
    capacityPerConversation: Type.Optional(CapacityPerConversation),
    capacityProfileId: Type.Optional(CapacityProfileId),
    offerTimeoutSeconds: Type.Optional(OfferTimeoutSeconds),
    allowedPresences: Type.Optional(AllowedPresences),
    skillMatching: Type.Optional(SkillMatching),
    keepSameAgent: Type.Optional(KeepSameAgent),
    wrapUpBlocking: Type.Optional(WrapUpBlocking),
    wrapUpBlockingSeconds: Type.Optional(WrapUpBlockingSeconds),
    autoCloseWaitingSeconds: Type.Optional(AutoCloseWaitingSeconds),
    inactiveAfterMissedOffers: Type.Optional(InactiveAfterMissedOffers),
    wrapUpReasons: Type.Optional(WrapUpReasons),
    wrapUpReasonRequired: Type.Optional(WrapUpReasonRequired),
    ...channelBlocks(NumberChannelSettings),
  },
  { additionalProperties: false },
);
export type CreateWorkstreamBody = Static<typeof CreateWorkstreamBody>;

export const UpdateWorkstreamBody = Type.Object(
  {
    name: Type.Optional(NameText(100)),
    mode: Type.Optional(Type.Union([Type.Literal('push'), Type.Literal('pick')], { description: 'Accepted only when unchanged: the mode is fixed at creation.' })),
    fallbackQueueId: Type.Optional(Type.String({ format: 'uuid' })),
    capacityPerConversation: Type.Optional(CapacityPerConversation),
    capacityProfileId: Type.Optional(CapacityProfileId),
    offerTimeoutSeconds: Type.Optional(OfferTimeoutSeconds),
    allowedPresences: Type.Optional(AllowedPresences),
    skillMatching: Type.Optional(SkillMatching),
    keepSameAgent: Type.Optional(KeepSameAgent),
    wrapUpBlocking: Type.Optional(WrapUpBlocking),
    wrapUpBlockingSeconds: Type.Optional(WrapUpBlockingSeconds),
    autoCloseWaitingSeconds: Type.Optional(AutoCloseWaitingSeconds),
    inactiveAfterMissedOffers: Type.Optional(InactiveAfterMissedOffers),
    wrapUpReasons: Type.Optional(WrapUpReasons),
    wrapUpReasonRequired: Type.Optional(WrapUpReasonRequired),
    ...channelBlocks(PartialNumberChannelSettings),
  },
  { additionalProperties: false },
);
export type UpdateWorkstreamBody = Static<typeof UpdateWorkstreamBody>;

const NumberChannelView = Type.Object({
  numberId: Type.Union([Type.String(), Type.Null()]),
  language: Type.String(),
  customerAttachments: Type.Boolean(),
  agentAttachments: Type.Boolean(),
});
export type NumberChannelView = Static<typeof NumberChannelView>;

/** The workstream, with its settings under its channel's name (only that one is present). */
export const WorkstreamView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  channel: ChannelSchema,
  mode: Mode,
  fallbackQueueId: Type.String(),
  capacityPerConversation: CapacityPerConversation,
  capacityProfileId: CapacityProfileId,
  offerTimeoutSeconds: OfferTimeoutSeconds,
  allowedPresences: AllowedPresences,
  skillMatching: SkillMatching,
  keepSameAgent: KeepSameAgent,
  wrapUpBlocking: WrapUpBlocking,
  wrapUpBlockingSeconds: WrapUpBlockingSeconds,
  autoCloseWaitingSeconds: AutoCloseWaitingSeconds,
  inactiveAfterMissedOffers: InactiveAfterMissedOffers,
  wrapUpReasons: WrapUpReasons,
  wrapUpReasonRequired: WrapUpReasonRequired,
  ...channelBlocks(NumberChannelView),
  createdAt: Type.String(),
});
export type WorkstreamView = Static<typeof WorkstreamView>;
