import { Type, type Static } from '@sinclair/typebox';
import { NameText } from '../http/schema-types.js';
import { ChannelSchema, channelSchema } from '../channels/schema.js';

export const AccountSid = Type.String({ pattern: '^AC[0-9a-fA-F]{32}$', description: 'Twilio Account SID: AC followed by 32 hex digits' });
export const MessagingServiceSid = Type.String({ pattern: '^MG[0-9a-fA-F]{32}$' });
const AuthToken = Type.String({ minLength: 8, maxLength: 128, description: 'Twilio Auth Token (write-only)' });
const Provider = Type.Union([Type.Literal('twilio'), Type.Literal('simulator')]);

export const CreateAccountBody = Type.Object(
  {
    name: NameText(100),
    channel: Type.Optional(channelSchema({ description: 'Accepted for older clients and otherwise unused: an account is the Twilio account, and each number lists the channels it carries.' })),
    provider: Type.Optional(Provider),
    accountSid: AccountSid,
    authToken: AuthToken,
  },
  { additionalProperties: false },
);
export type CreateAccountBody = Static<typeof CreateAccountBody>;

export const ValidateCredentialsBody = Type.Object({ provider: Type.Optional(Provider), accountSid: AccountSid, authToken: AuthToken }, { additionalProperties: false });

export const ValidateAnswer = Type.Object({
  ok: Type.Boolean(),
  /** Only when ok is false: true when Twilio answered and refused, false when Twilio could not be reached or asked. */
  refused: Type.Optional(Type.Boolean()),
  message: Type.String(),
  code: Type.Optional(Type.Integer()),
  friendlyName: Type.Optional(Type.String()),
});

export const UpdateAccountBody = Type.Object(
  {
    name: Type.Optional(NameText(100)),
    provider: Type.Optional(Provider),
    accountSid: Type.Optional(AccountSid),
    authToken: Type.Optional(AuthToken),
    saveUnvalidated: Type.Optional(
      Type.Boolean({
        description:
          'New credentials (authToken, accountSid, provider) are saved only once Twilio accepts them. When Twilio cannot be reached, true saves them unchecked (the answer and the audit log say so); a refusal is never saved.',
      }),
    ),
  },
  { additionalProperties: false },
);
export type UpdateAccountBody = Static<typeof UpdateAccountBody>;

export const NumberView = Type.Object({
  id: Type.String(),
  accountId: Type.String(),
  name: Type.String(),
  number: Type.String(),
  messagingServiceSid: Type.Union([Type.String(), Type.Null()]),
  maxPerSecond: Type.Integer(),
  /** What the number carries: WhatsApp, SMS or both. */
  channels: Type.Array(ChannelSchema),
  /** The workstream of the number's first channel that has one (see workstreams for each). */
  workstreamId: Type.Union([Type.String(), Type.Null()]),
  workstreams: Type.Array(Type.Object({ channel: ChannelSchema, workstreamId: Type.String() })),
});
export type NumberView = Static<typeof NumberView>;

export const AccountView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  provider: Provider,
  accountSid: Type.String(),
  inboundUrl: Type.String(),
  statusCallbackUrl: Type.String(),
  numbers: Type.Array(NumberView),
  createdAt: Type.String(),
});
export type AccountView = Static<typeof AccountView>;

/** What became of new credentials: Twilio accepted them, or they were saved unchecked on request. */
export const CredentialsCheck = Type.Object({
  status: Type.Union([Type.Literal('accepted'), Type.Literal('saved-unvalidated')]),
  message: Type.String(),
});
export type CredentialsCheck = Static<typeof CredentialsCheck>;

/** An account after an update; credentials says how new credentials were checked, when there were any. */
export const UpdatedAccountView = Type.Composite([AccountView, Type.Object({ credentials: Type.Optional(CredentialsCheck) })]);
export type UpdatedAccountView = Static<typeof UpdatedAccountView>;

export const CreateNumberBody = Type.Object(
  {
    name: NameText(100),
    number: Type.String({ minLength: 2, maxLength: 20, description: 'E.164, starting with +' }),
    messagingServiceSid: Type.Optional(Type.Union([MessagingServiceSid, Type.Null()])),
    maxPerSecond: Type.Optional(Type.Integer({ minimum: 1, maximum: 400 })),
    channels: Type.Optional(Type.Array(ChannelSchema, { minItems: 1, uniqueItems: true, default: ['whatsapp'], description: 'The channels this number carries; ["whatsapp"] when left out.' })),
  },
  { additionalProperties: false },
);
export type CreateNumberBody = Static<typeof CreateNumberBody>;
export const UpdateNumberBody = Type.Partial(CreateNumberBody, { additionalProperties: false });
export type UpdateNumberBody = Static<typeof UpdateNumberBody>;
