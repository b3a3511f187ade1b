import type { ClassificationRule, Outputs, SkillRequirement } from './rule-schema.js';
import { evaluateAll, type ConditionResult, type RoutingFacts } from './conditions.js';

export type Ruleset = { id: string; name: string; enabled: boolean; rules: ClassificationRule[] };

export type Classification = {
  skills: SkillRequirement[];
  priority?: number;
  capacityRequired?: number;
  variables: Record<string, string>;
};

export type RuleTrace = { name: string; matched: boolean; skipped?: 'disabled'; error?: string; conditions: ConditionResult[] };
export type RulesetTrace = { rulesetId: string; name: string; matchedRule: string | null; rules: RuleTrace[] };

/**
 * Work classification: rulesets in order, the first matching rule of each wins, and each ruleset
 * sees the outputs of the ones before it. A rule that fails (e.g. a pattern) counts as no match.
 */
export function classify(rulesets: Ruleset[], facts: RoutingFacts): { result: Classification; facts: RoutingFacts; trace: RulesetTrace[] } {
  let result: Classification = { skills: [], variables: {} };
  let current = facts;
  const trace: RulesetTrace[] = [];
  for (const ruleset of rulesets) {
    if (!ruleset.enabled) continue;
    const rules: RuleTrace[] = [];
    let winner: ClassificationRule | null = null;
    for (const rule of ruleset.rules) {
      if (rule.enabled === false) {
        rules.push({ name: rule.name, matched: false, skipped: 'disabled', conditions: [] });
        continue;
      }
      try {
        const { matched, results } = evaluateAll(rule.conditions, current);
        rules.push({ name: rule.name, matched, conditions: results });
        if (matched) {
          winner = rule;
          break;
        }
      } catch (err) {
        rules.push({ name: rule.name, matched: false, error: (err as Error).message, conditions: [] });
      }
    }
    trace.push({ rulesetId: ruleset.id, name: ruleset.name, matchedRule: winner?.name ?? null, rules });
    if (winner) {
      result = mergeOutputs(result, winner.outputs);
      current = factsWith(current, result);
    }
  }
  return { result, facts: current, trace };
}

function mergeOutputs(into: Classification, outputs: Outputs): Classification {
  const skills = new Map(into.skills.map((s) => [s.name.toLowerCase(), s]));
  for (const s of outputs.skills ?? []) skills.set(s.name.toLowerCase(), s);
  return {
    skills: [...skills.values()],
    priority: outputs.priority ?? into.priority,
    capacityRequired: outputs.capacityRequired ?? into.capacityRequired,
    variables: { ...into.variables, ...(outputs.variables ?? {}) },
  };
}

function factsWith(facts: RoutingFacts, result: Classification): RoutingFacts {
  return {
    ...facts,
    variables: { ...facts.variables, ...result.variables },
    outputs: { priority: result.priority, capacityRequired: result.capacityRequired, skills: result.skills.map((s) => s.name) },
  };
}
