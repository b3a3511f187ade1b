import { CHANNEL_IDS } from '../../../shared/channel-ids';
import type { Condition, Outputs } from './routing-types';

/**
 * The rule editor's rows as pure data: the fields a condition can test, the value each operator
 * wants, reordering, and the checks the server repeats.
 */
export const FIXED_FIELDS = ['channel', 'customer.phone', 'customer.country', 'customer.name', 'message.first', 'language', 'time.local', 'time.day', 'output.priority', 'output.capacityRequired', 'output.skills'] as const;
export const OPEN_FIELDS = ['contact', 'var'] as const;

export const CHANNELS = CHANNEL_IDS;
/** A channel condition tests equality against one channel from a list, never text. */
export const CHANNEL_OPERATORS = ['equals', 'not-equals'] as const;

/** The operators the editor offers for a field. */
export const operatorsFor = (field: string): readonly string[] => (field === 'channel' ? CHANNEL_OPERATORS : OPERATORS);

/** A condition after its field changed: a channel condition starts as "equals" the first channel, and leaving it clears the value. */
export function withField(c: Condition, field: string): Condition {
  if (field === 'channel') return { field, operator: 'equals', value: (CHANNELS as readonly string[]).includes(valueText(c.value)) ? c.value : CHANNELS[0] };
  if (c.field === 'channel') return { field, operator: c.operator, value: '' };
  return { ...c, field };
}
export const OPERATORS = ['equals', 'not-equals', 'contains', 'starts-with', 'in', 'matches', 'between'] as const;
export type Operator = (typeof OPERATORS)[number];

/** "contact.tier" → {kind: "contact", key: "tier"}; fixed fields are their own kind. */
export function fieldParts(field: string): { kind: string; key: string } {
  const [head, ...rest] = field.split('.');
  return (OPEN_FIELDS as readonly string[]).includes(head) ? { kind: head, key: rest.join('.') } : { kind: field, key: '' };
}

export const joinField = (kind: string, key: string) => ((OPEN_FIELDS as readonly string[]).includes(kind) ? `${kind}.${key}` : kind);

export const emptyCondition = (): Condition => ({ field: 'message.first', operator: 'contains', value: '' });

/** The value as one text box shows it: lists comma-separated. */
export function valueText(value: Condition['value']): string {
  return Array.isArray(value) ? value.join(', ') : value;
}

/** The value an operator wants from the text box: a list for "in" and "between", else the text. */
export function valueFor(operator: string, text: string): Condition['value'] {
  if (operator === 'in' || operator === 'between') return text.split(',').map((s) => s.trim()).filter(Boolean);
  return text;
}

export function moveItem<T>(items: T[], from: number, to: number): T[] {
  if (from === to || from < 0 || to < 0 || from >= items.length || to >= items.length) return items;
  const next = [...items];
  const [moved] = next.splice(from, 1);
  next.splice(to, 0, moved);
  return next;
}

const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;
const KEY = /^[A-Za-z0-9_.-]{1,64}$/;

/** An i18n key under admin.errors for what is wrong with a condition, or null. */
export function conditionProblem(c: Condition): string | null {
  const { kind, key } = fieldParts(c.field);
  if ((OPEN_FIELDS as readonly string[]).includes(kind) && !KEY.test(key)) return 'admin.errors.attributeName';
  if (kind === 'channel') return (CHANNELS as readonly string[]).includes(valueText(c.value)) && operatorsFor(kind).includes(c.operator) ? null : 'admin.errors.channel';
  if (c.operator === 'between') return Array.isArray(c.value) && c.value.length === 2 && c.value.every((v) => CLOCK.test(v)) ? null : 'admin.errors.between';
  if (c.operator === 'in') return Array.isArray(c.value) && c.value.length > 0 ? null : 'admin.errors.inList';
  if (c.operator === 'matches') {
    try {
      new RegExp(String(c.value));
    } catch {
      return 'admin.errors.pattern';
    }
  }
  if (!valueText(c.value).trim() && c.operator !== 'equals' && c.operator !== 'not-equals') return 'admin.errors.required';
  return null;
}

/** Outputs with empty parts left out, as the API wants them. */
export function cleanOutputs(o: Outputs): Outputs {
  const skills = (o.skills ?? []).filter((s) => s.name.trim()).map((s) => ({ name: s.name.trim(), proficiency: s.proficiency }));
  const variables = Object.fromEntries(Object.entries(o.variables ?? {}).filter(([k]) => k.trim()));
  return {
    ...(skills.length ? { skills } : {}),
    ...(o.priority !== undefined && !Number.isNaN(o.priority) ? { priority: o.priority } : {}),
    ...(o.capacityRequired !== undefined && !Number.isNaN(o.capacityRequired) ? { capacityRequired: o.capacityRequired } : {}),
    ...(Object.keys(variables).length ? { variables } : {}),
  };
}
