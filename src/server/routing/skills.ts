import type { SkillRequirement } from './rule-schema.js';

export type SkillMatch = { category: 'exact' | 'over' | 'under'; distance: number; missing: string[] };

/**
 * How an agent's skills fit the work: exact (every skill at the level), over (every skill, some
 * above), under (a skill missing or below). Distance is the total surplus (over) or deficit (under).
 */
export function matchSkills(required: SkillRequirement[], agentSkills: SkillRequirement[]): SkillMatch {
  const have = new Map(agentSkills.map((s) => [s.name.toLowerCase(), s.proficiency]));
  let deficit = 0;
  let surplus = 0;
  const missing: string[] = [];
  for (const need of required) {
    const level = have.get(need.name.toLowerCase()) ?? 0;
    if (level < need.proficiency) {
      deficit += need.proficiency - level;
      missing.push(level === 0 ? need.name : `${need.name} (${level} < ${need.proficiency})`);
    } else {
      surplus += level - need.proficiency;
    }
  }
  if (deficit > 0) return { category: 'under', distance: deficit, missing };
  return { category: surplus > 0 ? 'over' : 'exact', distance: surplus, missing };
}

const CATEGORY_ORDER = { exact: 0, over: 1, under: 2 } as const;

/** Closest match: exact first, then over-qualified, then under-qualified, each by distance. */
export function compareClosest(a: SkillMatch, b: SkillMatch): number {
  return CATEGORY_ORDER[a.category] - CATEGORY_ORDER[b.category] || a.distance - b.distance;
}
