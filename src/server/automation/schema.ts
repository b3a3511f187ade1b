import { Type, type Static } from '@sinclair/typebox';
import { PartialUpdate } from '../http/schema-types.js';
import { LANGUAGES, TRIGGERS } from './catalogue.js';

const Language = Type.String({ pattern: '^[a-z]{2,3}(-[A-Za-z]{2,4})?$' });

const TriggerSettings = Type.Object(
  {
    enabled: Type.Optional(Type.Boolean()),
    texts: Type.Optional(Type.Record(Language, Type.String({ minLength: 1, maxLength: 1000 }), { description: 'Rewritten text per language; missing languages use the default.' })),
  },
  { additionalProperties: false },
);

export const AutomatedMessagesSettings = Type.Partial(
  Type.Object(Object.fromEntries(TRIGGERS.map((t) => [t, TriggerSettings])) as Record<(typeof TRIGGERS)[number], typeof TriggerSettings>),
  { additionalProperties: false, description: 'Per trigger: on/off and rewritten texts. Placeholders: {AgentName}, {QueueName}, {Position}, {NextOpening}, {SurveyLink}.' },
);
export type AutomatedMessagesSettings = Static<typeof AutomatedMessagesSettings>;

export const SurveySettings = Type.Object(
  {
    enabled: Type.Boolean({ default: false }),
    channel: Type.Union([Type.Literal('chat'), Type.Literal('link')], { default: 'chat', description: 'Ask in the conversation (the reply is the answer) or send a link to the survey page.' }),
    answerWithinMinutes: Type.Integer({ minimum: 5, maximum: 7 * 24 * 60, default: 1440, description: 'How long a reply counts as the answer (and the link stays valid).' }),
    templateId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()], { default: null, description: 'Approved template sent instead outside the 24-hour window; {{1}} receives the survey link.' }),
  },
  { additionalProperties: false },
);
export type SurveySettings = Static<typeof SurveySettings>;

const Intent = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 80 }),
    keywords: Type.Array(Type.String({ minLength: 1, maxLength: 80 }), { maxItems: 50, default: [] }),
    pattern: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Regular expression, matched case-insensitively.' })),
    reply: Type.String({ maxLength: 1000, default: '' }),
    buttons: Type.Array(Type.String({ minLength: 1, maxLength: 20 }), { maxItems: 3, default: [], description: 'Quick replies offered with the reply.' }),
    handoff: Type.Boolean({ default: false, description: 'Hand the conversation to a person after replying.' }),
    variables: Type.Record(Type.String({ pattern: '^[A-Za-z][A-Za-z0-9_]{0,39}$' }), Type.String({ maxLength: 200 }), { default: {}, description: 'Routing variables set when this intent matches.' }),
  },
  { additionalProperties: false },
);

/**
 * The rule bot's own words in the automated messages' languages. The English ones are the settings'
 * defaults; a workstream that keeps a default gets it in the conversation's language (rule-bot.ts).
 * A button title has at most 20 characters.
 */
export const RULE_BOT_WORDS = {
  fallbackReply: {
    en: "Sorry, I did not understand. Choose an option or write 'agent' to talk to a person.",
    ko: "죄송합니다, 이해하지 못했습니다. 항목을 고르거나 '상담원'이라고 쓰시면 상담원과 연결됩니다.",
    es: "Lo siento, no le entendí. Elija una opción o escriba 'agente' para hablar con una persona.",
  },
  talkToPersonLabel: { en: 'Talk to a person', ko: '상담원 연결', es: 'Hablar con alguien' },
} as const satisfies Record<string, Record<(typeof LANGUAGES)[number], string>>;

export const BotSettings = Type.Object(
  {
    kind: Type.Union([Type.Literal('none'), Type.Literal('rule'), Type.Literal('http')], { default: 'none' }),
    idleMinutes: Type.Integer({ minimum: 1, maximum: 24 * 60, default: 30, description: 'Bot conversations with no activity close after this long.' }),
    rule: Type.Object(
      {
        welcome: Type.String({ maxLength: 1000, default: '' }),
        intents: Type.Array(Intent, { maxItems: 100, default: [] }),
        fallbackReply: Type.String({ maxLength: 1000, default: RULE_BOT_WORDS.fallbackReply.en, description: 'Kept at the default, it is said in the conversation\'s language.' }),
        talkToPersonLabel: Type.String({ minLength: 1, maxLength: 20, default: RULE_BOT_WORDS.talkToPersonLabel.en, description: 'Kept at the default, it is said in the conversation\'s language.' }),
      },
      { additionalProperties: false, default: {} },
    ),
    http: Type.Object(
      {
        url: Type.Union([Type.String({ format: 'uri', maxLength: 500 }), Type.Null()], { default: null }),
        timeoutMs: Type.Integer({ minimum: 200, maximum: 10000, default: 5000, description: 'Time budget per message; a late bot hands off.' }),
      },
      { additionalProperties: false, default: {} },
    ),
  },
  { additionalProperties: false },
);
export type BotSettings = Static<typeof BotSettings>;
export type BotIntent = Static<typeof Intent>;

export const AutoCloseSettings = Type.Object(
  {
    waitingSeconds: Type.Integer({ minimum: 60, maximum: 90 * 24 * 3600, default: 30 * 24 * 3600, description: "Waiting conversations close after this much inactivity (the workstream's autoCloseWaitingSeconds)." }),
    openSeconds: Type.Integer({ minimum: 60, maximum: 365 * 24 * 3600, default: 30 * 24 * 3600 }),
    activeSeconds: Type.Integer({ minimum: 60, maximum: 365 * 24 * 3600, default: 30 * 24 * 3600 }),
    wrapUpSeconds: Type.Integer({ minimum: 60, maximum: 365 * 24 * 3600, default: 24 * 3600 }),
  },
  { additionalProperties: false },
);
export type AutoCloseSettings = Static<typeof AutoCloseSettings>;

export const BehaviorsView = Type.Object({
  workstreamId: Type.String(),
  automatedMessages: AutomatedMessagesSettings,
  survey: SurveySettings,
  bot: Type.Composite([BotSettings, Type.Object({ httpSecretSet: Type.Boolean() })]),
  autoClose: AutoCloseSettings,
});
export type BehaviorsView = Static<typeof BehaviorsView>;

export const UpdateBehaviorsBody = PartialUpdate(
  Type.Object(
    {
      automatedMessages: AutomatedMessagesSettings,
      survey: SurveySettings,
      bot: Type.Composite([BotSettings, Type.Object({ httpSecret: Type.String({ minLength: 16, maxLength: 200, description: 'Write-only HMAC secret for the HTTP bot.' }) })]),
      autoClose: AutoCloseSettings,
    },
    { additionalProperties: false },
  ),
);
export type UpdateBehaviorsBody = Static<typeof UpdateBehaviorsBody>;

export const CatalogueView = Type.Object({
  items: Type.Array(
    Type.Object({
      trigger: Type.String(),
      audience: Type.Union([Type.Literal('customer'), Type.Literal('agent')]),
      oncePerConversation: Type.Boolean(),
      enabledByDefault: Type.Boolean(),
      placeholders: Type.Array(Type.String()),
      description: Type.String(),
      defaults: Type.Record(Type.String(), Type.String()),
    }),
  ),
});
