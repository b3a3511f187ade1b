import { describe, expect, it } from 'vitest';
import { cleanOutputs, conditionProblem, fieldParts, joinField, moveItem, operatorsFor, valueFor, valueText, withField } from './rule-rows';

describe('rule editor rows', () => {
  it('splits open-ended fields into kind and key and joins them back', () => {
    expect(fieldParts('contact.tier')).toEqual({ kind: 'contact', key: 'tier' });
    expect(fieldParts('message.first')).toEqual({ kind: 'message.first', key: '' });
    expect(joinField('var', 'intent')).toBe('var.intent');
    expect(joinField('language', 'ignored')).toBe('language');
  });

  it('makes a channel condition a choice of channel with equals or not-equals', () => {
    const channel = withField({ field: 'message.first', operator: 'contains', value: 'refund' }, 'channel');
    expect(channel).toEqual({ field: 'channel', operator: 'equals', value: 'whatsapp' });
    expect(operatorsFor('channel')).toEqual(['equals', 'not-equals']);
    expect(conditionProblem({ field: 'channel', operator: 'not-equals', value: 'sms' })).toBeNull();
    expect(conditionProblem({ field: 'channel', operator: 'equals', value: 'fax' })).toBe('admin.errors.channel');
    expect(conditionProblem({ field: 'channel', operator: 'contains', value: 'sms' })).toBe('admin.errors.channel');
    expect(withField({ field: 'channel', operator: 'not-equals', value: 'sms' }, 'language')).toEqual({ field: 'language', operator: 'not-equals', value: '' });
  });

  it('reads and writes lists for the operators that take them', () => {
    expect(valueFor('in', 'ko, ja ,')).toEqual(['ko', 'ja']);
    expect(valueFor('contains', 'refund, please')).toBe('refund, please');
    expect(valueText(['09:00', '18:00'])).toBe('09:00, 18:00');
  });

  it('moves a row by drag or by the move buttons', () => {
    expect(moveItem(['a', 'b', 'c'], 2, 0)).toEqual(['c', 'a', 'b']);
    expect(moveItem(['a', 'b', 'c'], 0, 5)).toEqual(['a', 'b', 'c']);
  });

  it('finds what the server would refuse', () => {
    expect(conditionProblem({ field: 'time.local', operator: 'between', value: ['09:00', '25:00'] })).toBe('admin.errors.between');
    expect(conditionProblem({ field: 'message.first', operator: 'matches', value: '(unclosed' })).toBe('admin.errors.pattern');
    expect(conditionProblem({ field: 'contact.', operator: 'equals', value: 'x' })).toBe('admin.errors.attributeName');
    expect(conditionProblem({ field: 'language', operator: 'in', value: [] })).toBe('admin.errors.inList');
    expect(conditionProblem({ field: 'message.first', operator: 'contains', value: 'refund' })).toBeNull();
  });

  it('leaves empty outputs out', () => {
    expect(cleanOutputs({ skills: [{ name: ' ', proficiency: 3 }, { name: 'billing ', proficiency: 6 }], priority: Number.NaN, variables: { '': 'x', tier: 'gold' } }))
      .toEqual({ skills: [{ name: 'billing', proficiency: 6 }], variables: { tier: 'gold' } });
  });
});
