import type { Condition } from './rule-schema.js';
import { CHANNEL_IDS, type ChannelId } from '../channels/registry.js';
import { patternProblem, safeMatch } from './safe-pattern.js';
import { localClock } from './operating-hours.js';

/** What conditions look at: plain data gathered from the conversation, its contact and earlier rules. */
export type RoutingFacts = {
  /** The channel the conversation is on. */
  channel: ChannelId;
  customer: { phone: string; country: string | null; name: string | null };
  firstMessage: string;
  language: string | null;
  now: Date;
  contact: Record<string, string>;
  /** Variables from earlier rulesets or a bot. */
  variables: Record<string, unknown>;
  /** Outputs of earlier rulesets. */
  outputs: { priority?: number; capacityRequired?: number; skills?: string[] };
};

export type ConditionResult = { field: string; operator: string; expected: string | string[]; actual: string | string[] | null; matched: boolean };

/** The value a field has for these facts: text, a list (skills), or null when absent. */
export function fieldValue(field: string, facts: RoutingFacts, timeZone = 'UTC'): string | string[] | null {
  const [head, ...rest] = field.split('.');
  const key = rest.join('.');
  switch (field) {
    case 'channel': return facts.channel;
    case 'customer.phone': return facts.customer.phone;
    case 'customer.country': return facts.customer.country;
    case 'customer.name': return facts.customer.name;
    case 'message.first': return facts.firstMessage;
    case 'language': return facts.language;
    case 'time.local': return localClock(facts.now, timeZone).time;
    case 'time.day': return localClock(facts.now, timeZone).day;
    case 'output.priority': return facts.outputs.priority === undefined ? null : String(facts.outputs.priority);
    case 'output.capacityRequired': return facts.outputs.capacityRequired === undefined ? null : String(facts.outputs.capacityRequired);
    case 'output.skills': return facts.outputs.skills ?? [];
  }
  if (head === 'contact') return facts.contact[key] ?? null;
  if (head === 'var') {
    const v = facts.variables[key];
    return v === undefined || v === null ? null : Array.isArray(v) ? v.map(String) : String(v);
  }
  return null;
}

const lower = (s: string) => s.toLowerCase();

function testOne(operator: Condition['operator'], actual: string, value: string | string[]): boolean {
  const a = lower(actual);
  const values = (Array.isArray(value) ? value : [value]).map(lower);
  switch (operator) {
    case 'equals': return values.includes(a);
    case 'not-equals': return !values.includes(a);
    case 'contains': return values.some((v) => a.includes(v));
    case 'starts-with': return values.some((v) => a.startsWith(v));
    case 'in': return values.includes(a);
    case 'matches': return safeMatch(String(Array.isArray(value) ? value[0] : value), actual);
    case 'between': return isBetween(a, values[0], values[1]);
  }
}

/** from ≤ x < to, wrapping past midnight when from > to. */
function isBetween(x: string, from: string, to: string): boolean {
  return from <= to ? x >= from && x < to : x >= from || x < to;
}

/** Evaluates one condition; a list value (skills) matches when any element does, except "not-equals" (none may). */
export function evaluateCondition(condition: Condition, facts: RoutingFacts): ConditionResult {
  const actual = fieldValue(condition.field, facts, condition.timeZone);
  const base = { field: condition.field, operator: condition.operator, expected: condition.value, actual };
  if (actual === null) return { ...base, matched: condition.operator === 'not-equals' };
  const items = Array.isArray(actual) ? actual : [actual];
  const matched = condition.operator === 'not-equals'
    ? items.every((item) => testOne('not-equals', item, condition.value))
    : items.some((item) => testOne(condition.operator, item, condition.value));
  return { ...base, matched };
}

/** All conditions must hold; every result is kept for diagnostics. */
export function evaluateAll(conditions: Condition[], facts: RoutingFacts): { matched: boolean; results: ConditionResult[] } {
  const results = conditions.map((c) => evaluateCondition(c, facts));
  return { matched: results.every((r) => r.matched), results };
}

/** Why a condition cannot be saved (beyond its schema), or null. */
export function conditionProblem(condition: Condition): string | null {
  const { operator, value, timeZone } = condition;
  if (condition.field === 'channel') return channelConditionProblem(operator, value);
  if (timeZone && !isTimeZone(timeZone)) return `"${timeZone}" is not a known time zone.`;
  if (operator === 'between') {
    if (!Array.isArray(value) || value.length !== 2 || !value.every((v) => /^([01]\d|2[0-3]):[0-5]\d$/.test(v))) return '"between" needs [from, to] as HH:MM.';
    return null;
  }
  if (operator === 'in') return Array.isArray(value) && value.length > 0 ? null : '"in" needs a non-empty list of values.';
  if (Array.isArray(value) && operator !== 'equals' && operator !== 'not-equals' && operator !== 'contains' && operator !== 'starts-with') return `"${operator}" needs a single value.`;
  if (operator === 'matches') return patternProblem(String(value));
  return null;
}

/** A channel is one of a closed set: only equality tests on registered channel names make sense. */
function channelConditionProblem(operator: Condition['operator'], value: Condition['value']): string | null {
  if (operator !== 'equals' && operator !== 'not-equals' && operator !== 'in') return `"channel" takes equals, not-equals or in, not "${operator}".`;
  const values = Array.isArray(value) ? value : [value];
  const unknown = values.find((v) => !(CHANNEL_IDS as readonly string[]).includes(v));
  if (values.length === 0 || unknown !== undefined) return `"channel" needs a channel: ${CHANNEL_IDS.join(', ')}${unknown !== undefined ? ` (not "${unknown}")` : ''}.`;
  return null;
}

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
