import { describe, expect, it } from 'vitest';
import { classify, type Ruleset } from './classify.js';
import type { RoutingFacts } from './conditions.js';
import { pickFromSplit, routeToQueue, splitBucket, splitProblem, type RouteRule } from './route-to-queue.js';

const facts: RoutingFacts = {
  channel: 'whatsapp',
  customer: { phone: '+821012345678', country: 'KR', name: null },
  firstMessage: 'I want a refund',
  language: 'ko',
  now: new Date('2026-11-25T01:30:00Z'),
  contact: {},
  variables: {},
  outputs: {},
};

describe('work classification', () => {
  const rulesets: Ruleset[] = [
    {
      id: 'r1', name: 'Language', enabled: true,
      rules: [
        { name: 'Korean', conditions: [{ field: 'language', operator: 'equals', value: 'ko' }], outputs: { skills: [{ name: 'korean', proficiency: 5 }], variables: { lang: 'ko' } } },
        { name: 'Also Korean (never reached)', conditions: [], outputs: { priority: 99 } },
      ],
    },
    {
      id: 'r2', name: 'Intent', enabled: true,
      rules: [
        { name: 'Off', enabled: false, conditions: [], outputs: { priority: 1 } },
        { name: 'Refund for Korean speakers', conditions: [{ field: 'message.first', operator: 'contains', value: 'refund' }, { field: 'var.lang', operator: 'equals', value: 'ko' }], outputs: { skills: [{ name: 'billing', proficiency: 3 }], priority: 7, capacityRequired: 20 } },
      ],
    },
    { id: 'r3', name: 'Later sees skills', enabled: true, rules: [{ name: 'VIP billing', conditions: [{ field: 'output.skills', operator: 'in', value: ['billing'] }], outputs: { variables: { desk: 'billing' } } }] },
    { id: 'r4', name: 'Disabled ruleset', enabled: false, rules: [{ name: 'x', conditions: [], outputs: { priority: 0 } }] },
  ];

  it('takes the first matching rule per ruleset, and later rulesets see earlier outputs', () => {
    const { result, trace } = classify(rulesets, facts);
    expect(result).toEqual({
      skills: [{ name: 'korean', proficiency: 5 }, { name: 'billing', proficiency: 3 }],
      priority: 7,
      capacityRequired: 20,
      variables: { lang: 'ko', desk: 'billing' },
    });
    expect(trace.map((t) => t.matchedRule)).toEqual(['Korean', 'Refund for Korean speakers', 'VIP billing']);
    expect(trace[1].rules[0]).toMatchObject({ skipped: 'disabled' });
    expect(trace[0].rules).toHaveLength(1);
  });

  it('records a failing rule as an error and moves on', () => {
    const broken: Ruleset[] = [{ id: 'b', name: 'Broken', enabled: true, rules: [
      { name: 'bad pattern', conditions: [{ field: 'message.first', operator: 'matches', value: '(a+)+' }], outputs: { priority: 1 } },
      { name: 'fine', conditions: [], outputs: { priority: 2 } },
    ] }];
    const { result, trace } = classify(broken, facts);
    expect(result.priority).toBe(2);
    expect(trace[0].rules[0].error).toMatch(/exponential/);
  });
});

describe('route-to-queue', () => {
  const rule = (id: string, conditions: RouteRule['conditions'], queueId: string, enabled = true): RouteRule => ({ id, name: id, enabled, conditions, queueId, split: null });
  const rules = [
    rule('disabled', [], 'qX', false),
    rule('korean', [{ field: 'language', operator: 'equals', value: 'ko' }], 'qKo'),
    rule('refunds', [{ field: 'message.first', operator: 'contains', value: 'refund' }], 'qRefund'),
  ];
  const opts = { fallbackQueueId: 'qFallback', splitKey: 'c1', isOverflowing: () => false };

  it('takes the first match', () => {
    expect(routeToQueue(rules, facts, opts)).toMatchObject({ queueId: 'qKo', reason: 'rule', ruleName: 'korean' });
  });
  it('skips an overflowing queue for the next match', () => {
    const d = routeToQueue(rules, facts, { ...opts, isOverflowing: (q) => q === 'qKo' });
    expect(d).toMatchObject({ queueId: 'qRefund', ruleName: 'refunds' });
    expect(d.trace.find((t) => t.name === 'korean')?.skipped).toBe('overflowing');
  });
  it('keeps the first overflowing match when nothing else matches', () => {
    expect(routeToQueue(rules, facts, { ...opts, isOverflowing: () => true })).toMatchObject({ queueId: 'qKo', reason: 'overflowing-only-match' });
  });
  it('falls back on no match and on an error', () => {
    expect(routeToQueue(rules, { ...facts, language: 'en', firstMessage: 'hi' }, opts)).toMatchObject({ queueId: 'qFallback', reason: 'fallback-no-match' });
    const broken = [rule('bad', [{ field: 'message.first', operator: 'matches', value: '(a*)*' }], 'qBad')];
    expect(routeToQueue(broken, facts, opts)).toMatchObject({ queueId: 'qFallback', reason: 'fallback-error' });
  });
  it('splits by percentage, stably per conversation and close to the shares', () => {
    const split = [{ queueId: 'a', percent: 70 }, { queueId: 'b', percent: 30 }];
    expect(splitProblem(split)).toBeNull();
    expect(splitProblem([{ queueId: 'a', percent: 70 }, { queueId: 'b', percent: 20 }])).toMatch(/90%/);
    expect(pickFromSplit(split, 'conv-1')).toBe(pickFromSplit(split, 'conv-1'));
    const counts = { a: 0, b: 0 } as Record<string, number>;
    for (let i = 0; i < 5000; i++) counts[pickFromSplit(split, crypto.randomUUID())]++;
    expect(counts.a / 5000).toBeGreaterThan(0.66);
    expect(counts.a / 5000).toBeLessThan(0.74);
    expect(splitBucket('x')).toBeGreaterThanOrEqual(0);
  });
});
