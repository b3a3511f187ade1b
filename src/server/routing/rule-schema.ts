import { Type, type Static } from '@sinclair/typebox';
import { CHANNEL_IDS } from '../channels/registry.js';

/** Fields a condition may test by name; `output.*` are the outputs of earlier rulesets. */
export const CONDITION_FIELDS = ['channel', 'customer.phone', 'customer.country', 'customer.name', 'message.first', 'language', 'time.local', 'time.day', 'output.priority', 'output.capacityRequired', 'output.skills'] as const;
/** Open-ended fields: `contact.<attribute>` and `var.<name>` (variables from earlier rulesets or a bot). */
export const CONDITION_FIELD_PREFIXES = ['contact', 'var'] as const;

export const CONDITION_FIELD_PATTERN = `^(${[
  ...CONDITION_FIELDS.map((field) => field.replaceAll('.', '\\.')),
  ...CONDITION_FIELD_PREFIXES.map((prefix) => `${prefix}\\.[A-Za-z0-9_.-]{1,64}`),
].join('|')})$`;

export const OPERATORS = ['equals', 'not-equals', 'contains', 'starts-with', 'in', 'matches', 'between'] as const;
export type Operator = (typeof OPERATORS)[number];

export const ConditionSchema = Type.Object(
  {
    field: Type.String({ pattern: CONDITION_FIELD_PATTERN, description: `channel (${CHANNEL_IDS.join(', ')}), customer.phone, customer.country, customer.name, message.first, language, time.local (HH:MM), time.day (mon…sun), contact.<attr>, var.<name>, output.priority|capacityRequired|skills` }),
    operator: Type.Union([
      Type.Literal('equals'), Type.Literal('not-equals'), Type.Literal('contains'), Type.Literal('starts-with'), Type.Literal('in'), Type.Literal('matches'), Type.Literal('between'),
    ]),
    value: Type.Union([Type.String({ maxLength: 500 }), Type.Array(Type.String({ maxLength: 200 }), { maxItems: 100 })], {
      description: 'A string; a list for "in"; [from, to] as HH:MM for "between"; a regular expression for "matches" (checked for catastrophic backtracking).',
    }),
    timeZone: Type.Optional(Type.String({ maxLength: 64, description: 'IANA time zone for time.local and time.day (default UTC).' })),
  },
  { additionalProperties: false },
);
export type Condition = Static<typeof ConditionSchema>;

export const SkillRequirementSchema = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 64 }), proficiency: Type.Integer({ minimum: 1, maximum: 10 }) },
  { additionalProperties: false },
);
export type SkillRequirement = Static<typeof SkillRequirementSchema>;

export const OutputsSchema = Type.Object(
  {
    skills: Type.Optional(Type.Array(SkillRequirementSchema, { maxItems: 20 })),
    priority: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000 })),
    capacityRequired: Type.Optional(Type.Integer({ minimum: 0, maximum: 10000 })),
    variables: Type.Optional(Type.Record(Type.String({ pattern: '^[A-Za-z0-9_.-]{1,64}$' }), Type.String({ maxLength: 500 }))),
  },
  { additionalProperties: false },
);
export type Outputs = Static<typeof OutputsSchema>;

export const ClassificationRuleSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    enabled: Type.Optional(Type.Boolean()),
    conditions: Type.Array(ConditionSchema, { maxItems: 20, description: 'All must hold (AND). An empty list always matches.' }),
    outputs: OutputsSchema,
  },
  { additionalProperties: false },
);
export type ClassificationRule = Static<typeof ClassificationRuleSchema>;

export const SplitSchema = Type.Array(
  Type.Object({ queueId: Type.String({ format: 'uuid' }), percent: Type.Integer({ minimum: 1, maximum: 100 }) }, { additionalProperties: false }),
  { minItems: 2, maxItems: 5, description: 'Percentages over up to 5 queues, adding up to 100.' },
);
export type Split = Static<typeof SplitSchema>;
