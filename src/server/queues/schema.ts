import { Type, type Static } from '@sinclair/typebox';

export const AssignmentMethod = Type.Union([Type.Literal('highest-capacity'), Type.Literal('round-robin'), Type.Literal('least-active')]);

export const CreateQueueBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    priority: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000 })),
    assignmentMethod: Type.Optional(AssignmentMethod),
    agentIds: Type.Optional(Type.Array(Type.String({ format: 'uuid' }), { maxItems: 5000 })),
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
});
export type QueueView = Static<typeof QueueView>;
