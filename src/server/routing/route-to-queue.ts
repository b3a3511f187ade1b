import type { Condition, Split } from './rule-schema.js';
import { evaluateAll, type ConditionResult, type RoutingFacts } from './conditions.js';

export type RouteRule = { id: string; name: string; enabled: boolean; conditions: Condition[]; queueId: string | null; split: Split | null };

export type RouteTrace = {
  ruleId: string;
  name: string;
  matched: boolean;
  skipped?: 'disabled' | 'overflowing';
  error?: string;
  queueId?: string;
  conditions: ConditionResult[];
};

/** Why a conversation went to its queue; the admin center's routing test names each (admin.routing.reasons). */
export const ROUTE_REASONS = ['rule', 'fallback-no-match', 'fallback-error', 'overflowing-only-match'] as const;

export type RouteDecision = {
  queueId: string;
  reason: (typeof ROUTE_REASONS)[number];
  ruleName: string | null;
  trace: RouteTrace[];
};

/**
 * Route-to-queue: the first matching rule wins; a matched queue that is overflowing is skipped
 * for the next match. Without a usable match the conversation goes to the fallback queue (or, if
 * every match was overflowing, the first of them, whose overflow action then applies).
 */
export function routeToQueue(
  rules: RouteRule[],
  facts: RoutingFacts,
  opts: { fallbackQueueId: string; splitKey: string; isOverflowing: (queueId: string) => boolean },
): RouteDecision {
  const trace: RouteTrace[] = [];
  let firstOverflowing: { queueId: string; name: string } | null = null;
  let hadError = false;
  for (const rule of rules) {
    if (!rule.enabled) {
      trace.push({ ruleId: rule.id, name: rule.name, matched: false, skipped: 'disabled', conditions: [] });
      continue;
    }
    let evaluated: ReturnType<typeof evaluateAll>;
    try {
      evaluated = evaluateAll(rule.conditions, facts);
    } catch (err) {
      hadError = true;
      trace.push({ ruleId: rule.id, name: rule.name, matched: false, error: (err as Error).message, conditions: [] });
      continue;
    }
    if (!evaluated.matched) {
      trace.push({ ruleId: rule.id, name: rule.name, matched: false, conditions: evaluated.results });
      continue;
    }
    const queueId = rule.split ? pickFromSplit(rule.split, opts.splitKey) : rule.queueId!;
    if (opts.isOverflowing(queueId)) {
      trace.push({ ruleId: rule.id, name: rule.name, matched: true, skipped: 'overflowing', queueId, conditions: evaluated.results });
      firstOverflowing ??= { queueId, name: rule.name };
      continue;
    }
    trace.push({ ruleId: rule.id, name: rule.name, matched: true, queueId, conditions: evaluated.results });
    return { queueId, reason: 'rule', ruleName: rule.name, trace };
  }
  if (firstOverflowing) return { queueId: firstOverflowing.queueId, reason: 'overflowing-only-match', ruleName: firstOverflowing.name, trace };
  return { queueId: opts.fallbackQueueId, reason: hadError ? 'fallback-error' : 'fallback-no-match', ruleName: null, trace };
}

/** A stable bucket 0–99 from the key (the conversation id), so a split is reproducible. */
export function splitBucket(key: string): number {
  let h = 2166136261;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return (h >>> 0) % 100;
}

export function pickFromSplit(split: Split, key: string): string {
  const bucket = splitBucket(key);
  let upTo = 0;
  for (const part of split) {
    upTo += part.percent;
    if (bucket < upTo) return part.queueId;
  }
  return split[split.length - 1].queueId;
}

/** Why a split cannot be saved, or null. */
export function splitProblem(split: Split): string | null {
  const total = split.reduce((sum, p) => sum + p.percent, 0);
  if (total !== 100) return `The split adds up to ${total}%, not 100%.`;
  if (new Set(split.map((p) => p.queueId)).size !== split.length) return 'A queue appears twice in the split.';
  return null;
}
