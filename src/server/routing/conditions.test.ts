import { describe, expect, it } from 'vitest';
import { conditionProblem, evaluateCondition, type RoutingFacts } from './conditions.js';
import { MAX_MATCHED_INPUT, patternProblem, safeMatch } from './safe-pattern.js';

const facts = (over: Partial<RoutingFacts> = {}): RoutingFacts => ({
  channel: 'whatsapp',
  customer: { phone: '+821012345678', country: 'KR', name: 'Kim' },
  firstMessage: 'My ORDER 1234 has not arrived',
  language: 'ko',
  // Wednesday 2026-11-25 01:30 UTC = 10:30 in Seoul
  now: new Date('2026-11-25T01:30:00Z'),
  contact: { tier: 'gold' },
  variables: { intent: 'refund' },
  outputs: { priority: 5, skills: ['billing'] },
  ...over,
});

describe('routing conditions', () => {
  it('supports every operator on text fields, case-insensitively', () => {
    const f = facts();
    expect(evaluateCondition({ field: 'customer.phone', operator: 'starts-with', value: '+82' }, f).matched).toBe(true);
    expect(evaluateCondition({ field: 'customer.phone', operator: 'starts-with', value: '+1' }, f).matched).toBe(false);
    expect(evaluateCondition({ field: 'customer.country', operator: 'equals', value: 'kr' }, f).matched).toBe(true);
    expect(evaluateCondition({ field: 'customer.country', operator: 'not-equals', value: 'KR' }, f).matched).toBe(false);
    expect(evaluateCondition({ field: 'message.first', operator: 'contains', value: 'order' }, f).matched).toBe(true);
    expect(evaluateCondition({ field: 'language', operator: 'in', value: ['en', 'ko'] }, f).matched).toBe(true);
    expect(evaluateCondition({ field: 'language', operator: 'in', value: ['en', 'es'] }, f).matched).toBe(false);
    expect(evaluateCondition({ field: 'message.first', operator: 'matches', value: 'order\\s+\\d{4}' }, f).matched).toBe(true);
    expect(evaluateCondition({ field: 'contact.tier', operator: 'equals', value: 'GOLD' }, f).matched).toBe(true);
    expect(evaluateCondition({ field: 'var.intent', operator: 'equals', value: 'refund' }, f).matched).toBe(true);
  });

  it('reads the local time and day in the condition time zone', () => {
    const f = facts();
    const inSeoul = evaluateCondition({ field: 'time.local', operator: 'between', value: ['09:00', '18:00'], timeZone: 'Asia/Seoul' }, f);
    expect(inSeoul).toMatchObject({ matched: true, actual: '10:30' });
    expect(evaluateCondition({ field: 'time.local', operator: 'between', value: ['09:00', '18:00'] }, f).matched).toBe(false);
    expect(evaluateCondition({ field: 'time.day', operator: 'equals', value: 'wed', timeZone: 'Asia/Seoul' }, f).matched).toBe(true);
    expect(evaluateCondition({ field: 'time.day', operator: 'equals', value: 'tue', timeZone: 'America/Los_Angeles' }, f).matched).toBe(true);
    expect(evaluateCondition({ field: 'time.local', operator: 'between', value: ['22:00', '02:00'] }, f).matched).toBe(true);
  });

  it('tests earlier outputs, lists matching when any element does', () => {
    const f = facts();
    expect(evaluateCondition({ field: 'output.skills', operator: 'contains', value: 'bill' }, f).matched).toBe(true);
    expect(evaluateCondition({ field: 'output.skills', operator: 'not-equals', value: 'billing' }, f).matched).toBe(false);
    expect(evaluateCondition({ field: 'output.priority', operator: 'equals', value: '5' }, f).matched).toBe(true);
  });

  it('treats a missing field as not matching, except not-equals', () => {
    const f = facts({ contact: {} });
    expect(evaluateCondition({ field: 'contact.tier', operator: 'equals', value: 'gold' }, f).matched).toBe(false);
    expect(evaluateCondition({ field: 'contact.tier', operator: 'not-equals', value: 'gold' }, f).matched).toBe(true);
  });

  it('refuses catastrophic or invalid patterns before they are saved', () => {
    expect(patternProblem('(a+)+$')).toMatch(/exponential/);
    expect(patternProblem('(x|x)*y\\1')).toMatch(/exponential/);
    expect(patternProblem('[unclosed')).toMatch(/not a valid/);
    expect(patternProblem('a'.repeat(201))).toMatch(/longer/);
    expect(patternProblem('^\\+82')).toBeNull();
    expect(() => safeMatch('(a+)+$', 'aaaa')).toThrow(/exponential/);
  });

  it('reads only the first MAX_MATCHED_INPUT characters of a huge input, so a pattern costs the same on any message', () => {
    expect(safeMatch('z$', 'a'.repeat(1_000_000) + 'z')).toBe(false);
    expect(safeMatch('z', 'a'.repeat(MAX_MATCHED_INPUT - 1) + 'z')).toBe(true);
    expect(safeMatch('z', 'a'.repeat(MAX_MATCHED_INPUT) + 'z')).toBe(false);
  });

  it("tests the conversation's channel", () => {
    const sms = facts({ channel: 'sms' });
    expect(evaluateCondition({ field: 'channel', operator: 'equals', value: 'sms' }, sms)).toMatchObject({ matched: true, actual: 'sms' });
    expect(evaluateCondition({ field: 'channel', operator: 'equals', value: 'sms' }, facts()).matched).toBe(false);
    expect(evaluateCondition({ field: 'channel', operator: 'not-equals', value: 'whatsapp' }, sms).matched).toBe(true);
    expect(evaluateCondition({ field: 'channel', operator: 'not-equals', value: 'whatsapp' }, facts()).matched).toBe(false);
    expect(evaluateCondition({ field: 'channel', operator: 'in', value: ['sms', 'whatsapp'] }, sms).matched).toBe(true);
  });

  it('takes only registered channels and equality tests on the channel', () => {
    expect(conditionProblem({ field: 'channel', operator: 'equals', value: 'sms' })).toBeNull();
    expect(conditionProblem({ field: 'channel', operator: 'not-equals', value: 'whatsapp' })).toBeNull();
    expect(conditionProblem({ field: 'channel', operator: 'equals', value: 'telegram' })).toMatch(/not "telegram"/);
    expect(conditionProblem({ field: 'channel', operator: 'equals', value: '' })).toMatch(/needs a channel/);
    expect(conditionProblem({ field: 'channel', operator: 'contains', value: 'sms' })).toMatch(/equals, not-equals or in/);
    expect(conditionProblem({ field: 'channel', operator: 'in', value: ['sms', 'fax'] })).toMatch(/not "fax"/);
  });

  it('validates operator values and time zones', () => {
    expect(conditionProblem({ field: 'time.local', operator: 'between', value: ['9', '18:00'] })).toMatch(/HH:MM/);
    expect(conditionProblem({ field: 'language', operator: 'in', value: [] })).toMatch(/non-empty/);
    expect(conditionProblem({ field: 'time.day', operator: 'equals', value: 'mon', timeZone: 'Mars/Olympus' })).toMatch(/time zone/);
    expect(conditionProblem({ field: 'message.first', operator: 'matches', value: '(a*)*' })).toMatch(/exponential/);
    expect(conditionProblem({ field: 'message.first', operator: 'contains', value: 'refund' })).toBeNull();
  });
});
