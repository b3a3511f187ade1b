import { Type, type Static } from '@sinclair/typebox';

const WhatsappSettings = Type.Object(
  {
    numberId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
    language: Type.Optional(Type.String({ pattern: '^[a-z]{2,3}(-[A-Za-z]{2,4})?$' })),
    customerAttachments: Type.Optional(Type.Boolean()),
    agentAttachments: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const CreateWorkstreamBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    channel: Type.Literal('whatsapp'),
    mode: Type.Union([Type.Literal('push'), Type.Literal('pick')]),
    fallbackQueueId: Type.String({ format: 'uuid' }),
    capacityPerConversation: Type.Optional(Type.Integer({ minimum: 0, maximum: 10000 })),
    offerTimeoutSeconds: Type.Optional(Type.Integer({ minimum: 10, maximum: 3600 })),
    whatsapp: Type.Optional(WhatsappSettings),
  },
  { additionalProperties: false },
);
export type CreateWorkstreamBody = Static<typeof CreateWorkstreamBody>;

export const UpdateWorkstreamBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    fallbackQueueId: Type.Optional(Type.String({ format: 'uuid' })),
    capacityPerConversation: Type.Optional(Type.Integer({ minimum: 0, maximum: 10000 })),
    offerTimeoutSeconds: Type.Optional(Type.Integer({ minimum: 10, maximum: 3600 })),
    whatsapp: Type.Optional(Type.Partial(WhatsappSettings, { additionalProperties: false })),
  },
  { additionalProperties: false },
);
export type UpdateWorkstreamBody = Static<typeof UpdateWorkstreamBody>;

export const WorkstreamView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  channel: Type.Literal('whatsapp'),
  mode: Type.Union([Type.Literal('push'), Type.Literal('pick')]),
  fallbackQueueId: Type.String(),
  capacityPerConversation: Type.Integer(),
  offerTimeoutSeconds: Type.Integer(),
  whatsapp: Type.Object({
    numberId: Type.Union([Type.String(), Type.Null()]),
    language: Type.String(),
    customerAttachments: Type.Boolean(),
    agentAttachments: Type.Boolean(),
  }),
  createdAt: Type.String(),
});
export type WorkstreamView = Static<typeof WorkstreamView>;
