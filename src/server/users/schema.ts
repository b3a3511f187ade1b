import { Type, type Static } from '@sinclair/typebox';
import { NameText } from '../http/schema-types.js';

export const RoleSchema = Type.Union([Type.Literal('admin'), Type.Literal('supervisor'), Type.Literal('agent')]);
export const PresenceSchema = Type.Union(
  ['available', 'busy', 'dnd', 'away', 'offline'].map((p) => Type.Literal(p)),
);
const DefaultPresence = Type.Union(
  ['available', 'busy', 'dnd', 'away', 'offline'].map((p) => Type.Literal(p)),
  { description: 'The presence a sign-in sets when it finds the user Offline. By default Available for agents, Offline for admins and supervisors.' },
);

export const SkillSchema = Type.Object(
  { name: NameText(64), proficiency: Type.Integer({ minimum: 1, maximum: 10 }) },
  { additionalProperties: false },
);

export const UserView = Type.Object({
  id: Type.String(),
  email: Type.String(),
  name: Type.String(),
  role: RoleSchema,
  capacity: Type.Integer(),
  presence: Type.String(),
  defaultPresence: Type.String({ description: 'The presence a sign-in sets when it finds the user Offline.' }),
  language: Type.String(),
  queueIds: Type.Array(Type.String()),
  skills: Type.Array(SkillSchema),
  capacityProfiles: Type.Array(Type.Object({ profileId: Type.String(), maxItems: Type.Integer() })),
  presenceSource: Type.String({ description: 'agent (chosen), capacity (automatic Busy when full), system (the default presence at sign-in, or on picking work while Offline; Offline after disconnect, Inactive after missed offers)' }),
  disabled: Type.Boolean({ description: 'Deactivated: cannot sign in, gets no work; still shown in history and the audit log.' }),
});
export type UserView = Static<typeof UserView>;

export const CreateUserBody = Type.Object(
  {
    email: Type.String({ format: 'email', maxLength: 254 }),
    name: NameText(120),
    password: Type.String({ minLength: 10, maxLength: 200 }),
    role: RoleSchema,
    capacity: Type.Optional(Type.Integer({ minimum: 0, maximum: 10000 })),
    language: Type.Optional(Type.String({ pattern: '^[a-z]{2}(-[A-Z]{2})?$' })),
    defaultPresence: Type.Optional(DefaultPresence),
  },
  { additionalProperties: false },
);
export type CreateUserBody = Static<typeof CreateUserBody>;

export const UpdateUserBody = Type.Object(
  {
    name: Type.Optional(NameText(120)),
    role: Type.Optional(RoleSchema),
    capacity: Type.Optional(Type.Integer({ minimum: 0, maximum: 10000 })),
    language: Type.Optional(Type.String({ pattern: '^[a-z]{2}(-[A-Z]{2})?$' })),
    defaultPresence: Type.Optional(DefaultPresence),
    password: Type.Optional(Type.String({ minLength: 10, maxLength: 200, description: 'A new password set by an admin: every session of the user ends.' })),
    disabled: Type.Optional(
      Type.Boolean({
        description:
          'true deactivates: sessions and realtime connections end at once, sign-in is refused, and the user leaves routing (pending offers withdrawn, conversations back to their queue). false reactivates.',
      }),
    ),
    skills: Type.Optional(Type.Array(SkillSchema, { maxItems: 100, uniqueItems: true, description: 'Replaces the agent\'s skills.' })),
    capacityProfiles: Type.Optional(
      Type.Array(Type.Object({ profileId: Type.String({ format: 'uuid' }), maxItems: Type.Integer({ minimum: 0, maximum: 1000 }) }, { additionalProperties: false }), {
        maxItems: 50,
        description: 'Per-agent overrides of capacity profile limits; replaces the list.',
      }),
    ),
  },
  { additionalProperties: false },
);
export type UpdateUserBody = Static<typeof UpdateUserBody>;

export const ChangePasswordBody = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: 200 }),
    // The same rule as a first password (CreateUserBody.password).
    newPassword: Type.String({ minLength: 10, maxLength: 200 }),
  },
  { additionalProperties: false },
);
export type ChangePasswordBody = Static<typeof ChangePasswordBody>;
