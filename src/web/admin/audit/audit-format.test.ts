import { describe, expect, it } from 'vitest';
import { dayStart, fieldWords, valueText } from './audit-format';

const words = { yes: 'Yes', no: 'No', none: '—' };
const QUEUE = '6f1c2b8e-0d3a-4c5b-9e7f-1a2b3c4d5e6f';

describe('audit entry words', () => {
  it('turns field names into words', () => {
    expect(fieldWords('fallbackQueueId')).toBe('Fallback queue');
    expect(fieldWords('whatsapp.numberId')).toBe('Whatsapp › number');
    expect(fieldWords('agentIds')).toBe('Agent');
    expect(fieldWords('name')).toBe('Name');
  });

  it('shows ids as names, lists joined and rules by their parts', () => {
    const names = { [QUEUE]: 'Billing' };
    expect(valueText(QUEUE, names, words)).toBe('Billing');
    expect(valueText(QUEUE.toUpperCase(), names, words)).toBe('Billing');
    expect(valueText('not an id', names, words)).toBe('not an id');
    expect(valueText([QUEUE, 'other'], names, words)).toBe('Billing, other');
    expect(valueText([{ field: 'language', operator: 'equals', value: 'ko' }], names, words)).toBe('Field: language; Operator: equals; Value: ko');
    expect(valueText(true, names, words)).toBe('Yes');
    expect(valueText(null, names, words)).toBe('—');
    expect(valueText([], names, words)).toBe('—');
    expect(valueText(30, names, words)).toBe('30');
  });

  it('gives the start of a local day', () => {
    expect(new Date(dayStart('2026-03-01')).getDate()).toBe(1);
    expect(new Date(dayStart('2026-03-01')).getHours()).toBe(0);
    expect(new Date(dayStart('2026-02-28', 1)).getMonth()).toBe(2);
  });
});
