import { Type, type Static } from '@sinclair/typebox';
import { ChannelSchema, channelSchema } from '../channels/schema.js';

/** The simulator's own JSON API: the customer phone page and the "Twilio console". */

const Phone = Type.String({ pattern: '^\\+[1-9][0-9]{6,14}$', description: 'E.164 number with "+"', examples: ['+15551234567'] });
const AccountSid = Type.String({ pattern: '^AC[0-9a-fA-F]{32}$' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

export const FaultKind = Type.Union(
  [
    Type.Literal('reject'),
    Type.Literal('fail'),
    Type.Literal('undeliver'),
    Type.Literal('server-error'),
    Type.Literal('rate-limit'),
    Type.Literal('drop-after-accept'),
    Type.Literal('timeout-after-accept'),
    Type.Literal('error-after-accept'),
  ],
  {
    description:
      'reject: answer a Twilio error (code, HTTP 400). fail / undeliver: accept, then a failed / undelivered callback with code. ' +
      'server-error: answer 500 without creating. rate-limit: answer 429 with 20429. drop-after-accept: create the message, then close ' +
      'the connection without answering. timeout-after-accept: create it, then answer nothing for hangMs. error-after-accept: create it, then answer 500.',
  },
);
export type FaultKind = Static<typeof FaultKind>;

export const Fault = Type.Object(
  {
    kind: FaultKind,
    count: Type.Integer({ minimum: 1, maximum: 10_000, default: 1, description: 'How many of the next sends it applies to' }),
    code: Type.Optional(Type.Integer({ minimum: 10_000, maximum: 99_999, description: 'Twilio error code (reject, fail, undeliver)' })),
    message: Type.Optional(Type.String({ maxLength: 500 })),
    hangMs: Type.Optional(Type.Integer({ minimum: 0, maximum: 120_000, description: 'timeout-after-accept: how long to hold the request' })),
  },
  { additionalProperties: false },
);
export type Fault = Static<typeof Fault>;

const Delay = (description: string) => Type.Integer({ minimum: 0, maximum: 600_000, description });

export const Settings = Type.Object(
  {
    sentAfterMs: Delay('The "sent" callback, after the send is accepted'),
    deliveredAfterMs: Delay('The "delivered" callback, after the send is accepted'),
    autoRead: Type.Boolean({ description: 'The customer reads every message by themselves' }),
    readAfterMs: Delay('With autoRead: the "read" callback, after the send is accepted'),
    responseDelayMs: Delay('Every Twilio REST answer is this slow'),
    callbackOrder: Type.Union([Type.Literal('in-order'), Type.Literal('reversed')], { description: 'reversed: "delivered" arrives before "sent"' }),
    callbacksBeforeAnswer: Type.Boolean({ description: 'Status callbacks are sent before the send call is answered' }),
    faults: Type.Array(Fault, { maxItems: 50, description: 'Applied to the next sends, first to last' }),
  },
  { additionalProperties: false },
);
export type Settings = Static<typeof Settings>;
export const SettingsUpdate = Type.Partial(Settings, { additionalProperties: false });
export type SettingsUpdate = Static<typeof SettingsUpdate>;

export const NumberView = Type.Object({
  phoneNumber: Type.String(),
  accountSid: Type.String(),
  friendlyName: Type.String(),
  sandbox: Type.Boolean(),
  /** What a customer sends to join a sandbox number: "join <keyword>". */
  sandboxKeyword: Nullable(Type.String()),
  smsUrl: Nullable(Type.String()),
});
export type NumberView = Static<typeof NumberView>;

export const NumberUpdate = Type.Object(
  {
    accountSid: AccountSid,
    smsUrl: Nullable(Type.String({ format: 'uri', maxLength: 2000 })),
    sandbox: Type.Optional(Type.Boolean()),
    friendlyName: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  },
  { additionalProperties: false },
);

export const PhoneMessageView = Type.Object({
  sid: Type.String(),
  channel: ChannelSchema,
  /** What the phone does on this channel: WhatsApp formatting (*bold*…) rendered; reading reported to the business. */
  formatted: Type.Boolean(),
  readReceipts: Type.Boolean(),
  direction: Type.Union([Type.Literal('to-business'), Type.Literal('to-customer')]),
  from: Type.String(),
  to: Type.String(),
  body: Type.String(),
  media: Type.Array(Type.Object({ url: Type.String(), contentType: Type.String() })),
  contentSid: Nullable(Type.String()),
  contentVariables: Nullable(Type.Record(Type.String(), Type.String())),
  status: Type.String(),
  errorCode: Nullable(Type.Integer()),
  errorMessage: Nullable(Type.String()),
  dateCreated: Type.String(),
  profileName: Nullable(Type.String()),
  location: Nullable(Type.Object({ latitude: Type.Number(), longitude: Type.Number(), label: Nullable(Type.String()), address: Nullable(Type.String()) })),
  button: Nullable(Type.Object({ text: Type.String(), payload: Nullable(Type.String()) })),
  choices: Nullable(
    Type.Object(
      {
        kind: Type.Union([Type.Literal('quick-reply'), Type.Literal('list-picker')]),
        menuLabel: Nullable(Type.String({ description: 'list-picker: the button that opens the list' })),
        options: Type.Array(Type.Object({ id: Type.String(), title: Type.String() })),
      },
      { description: 'Buttons or a list the customer can tap: the message was sent with a twilio/quick-reply or twilio/list-picker Content template' },
    ),
  ),
});
export type PhoneMessageView = Static<typeof PhoneMessageView>;

export const PhoneSendBody = Type.Object(
  {
    channel: Type.Optional(channelSchema({ description: 'The channel the customer writes on (the first registered, WhatsApp, when not given); SMS goes with bare +E.164 From/To, with an image as MMS' })),
    from: Phone,
    profileName: Type.Optional(Type.String({ maxLength: 100 })),
    to: Phone,
    body: Type.Optional(Type.String({ maxLength: 4096 })),
    image: Type.Optional(
      Type.Object(
        {
          contentType: Type.String({ pattern: '^[a-z]+/[a-zA-Z0-9.+-]+$', maxLength: 100 }),
          dataBase64: Type.String({ maxLength: 8_000_000 }),
          filename: Type.Optional(Type.String({ maxLength: 200 })),
        },
        { additionalProperties: false },
      ),
    ),
    location: Type.Optional(
      Type.Object(
        { latitude: Type.Number({ minimum: -90, maximum: 90 }), longitude: Type.Number({ minimum: -180, maximum: 180 }), label: Type.Optional(Type.String({ maxLength: 200 })), address: Type.Optional(Type.String({ maxLength: 300 })) },
        { additionalProperties: false },
      ),
    ),
    button: Type.Optional(Type.Object({ text: Type.String({ minLength: 1, maxLength: 100 }), payload: Type.String({ maxLength: 1000 }) }, { additionalProperties: false })),
  },
  { additionalProperties: false },
);
export type PhoneSendBody = Static<typeof PhoneSendBody>;

export const WebhookResult = Type.Object({
  ok: Type.Boolean(),
  status: Nullable(Type.Integer({ description: 'HTTP status the webhook answered; null when it was not called or not reached' })),
  error: Type.Optional(Type.String()),
});
export type WebhookResult = Static<typeof WebhookResult>;

export const PhoneSendResult = Type.Object({
  sid: Type.String(),
  webhook: WebhookResult,
  /** Set when the message was a sandbox "join <keyword>": the sandbox answered it, the business never sees it. */
  sandboxJoin: Type.Optional(Type.Object({ joined: Type.Boolean() })),
});

export const AccountCreate = Type.Object({ friendlyName: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false });
export const AccountCreated = Type.Object({ accountSid: Type.String(), authToken: Type.String() });
export const AccountView = Type.Object({ accountSid: Type.String(), friendlyName: Type.String(), dateCreated: Type.String() });

export const ContentCreate = Type.Object(
  {
    accountSid: AccountSid,
    friendlyName: Type.String({ minLength: 1, maxLength: 200 }),
    language: Type.String({ minLength: 2, maxLength: 10 }),
    body: Type.String({ minLength: 1, maxLength: 1024 }),
    variables: Type.Optional(Type.Record(Type.String({ pattern: '^[A-Za-z0-9_]{1,30}$' }), Type.String({ maxLength: 200 }))),
  },
  { additionalProperties: false },
);
export type ContentCreate = Static<typeof ContentCreate>;

export const PhoneParam = Type.Object({ phone: Type.String({ pattern: '^\\+[1-9][0-9]{6,14}$' }) });
export const MessageSidParam = Type.Object({ sid: Type.String({ pattern: '^(SM|MM)[0-9a-f]{32}$' }) });
