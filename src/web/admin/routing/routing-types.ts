/** The routing API's shapes, from the server's schemas. */
export type { Condition, Outputs, ClassificationRule, SkillRequirement, Split } from '../../../server/routing/rule-schema';
export type { RouteRuleView, RulesetView, RoutingTestBody } from '../../../server/routing/schema';

export type ConditionResult = { field: string; operator: string; expected: string | string[]; actual: string | string[] | null; matched: boolean };
export type RuleTrace = { name: string; matched: boolean; skipped?: 'disabled'; error?: string; conditions: ConditionResult[] };
export type RulesetTrace = { rulesetId: string; name: string; matchedRule: string | null; rules: RuleTrace[] };
export type RouteTrace = { ruleId: string; name: string; matched: boolean; skipped?: 'disabled' | 'overflowing'; error?: string; queueId?: string; conditions: ConditionResult[] };

/** What POST /workstreams/:id/routing/test answers (server: routing/test-rules.ts). */
export type RoutingTestResult = {
  facts: Record<string, unknown>;
  classification: { result: { skills: { name: string; proficiency: number }[]; priority?: number; capacityRequired?: number; variables: Record<string, string> }; trace: RulesetTrace[] };
  routeToQueue: { queueId: string; reason: 'rule' | 'fallback-no-match' | 'fallback-error' | 'overflowing-only-match'; ruleName: string | null; trace: RouteTrace[] };
  overflow: { condition: string; action: { action: string; queueId?: string } | null; detail: Record<string, unknown>; queueId: string } | null;
  queue: { id: string; name: string } | null;
  ended: boolean;
};
