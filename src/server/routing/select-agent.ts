import type { SkillRequirement } from './rule-schema.js';
import { capacityInUse, type WorkItem } from './capacity.js';
import { compareClosest, matchSkills, type SkillMatch } from './skills.js';

export type AssignmentMethod = 'highest-capacity' | 'round-robin' | 'least-active';

export type AgentSnapshot = {
  id: string;
  name: string;
  presence: string;
  disabled: boolean;
  capacity: number;
  skills: SkillRequirement[];
  /** Per-agent overrides of capacity profiles' item limits. */
  profileLimits: Record<string, number>;
  load: WorkItem[];
  lastAssignedInQueue: Date | null;
  lastActivityAt: Date | null;
};

export type WorkRequest = {
  units: number;
  profile: { id: string; defaultMaxItems: number } | null;
  skills: SkillRequirement[];
  skillMatching: 'exact' | 'closest' | 'none';
  allowedPresences: string[];
  method: AssignmentMethod;
  /** Keep-same-agent: this agent goes first when eligible. */
  affinityAgentId: string | null;
  /** Agents who rejected or missed this conversation recently are not offered it again yet. */
  declinedAgentIds: string[];
};

export type ConsideredAgent = {
  agentId: string;
  name: string;
  eligible: boolean;
  reasons: string[];
  presence: string;
  freeUnits: number;
  skillMatch: SkillMatch['category'] | null;
  rank: number | null;
};

export type Selection = { chosenId: string | null; considered: ConsideredAgent[] };

type Candidate = { agent: AgentSnapshot; free: number; match: SkillMatch };

/** Who should get the work: eligibility with reasons, then ranking (affinity, skills, assignment method). Pure. */
export function selectAgent(agents: AgentSnapshot[], work: WorkRequest, now: Date): Selection {
  const considered: ConsideredAgent[] = [];
  const eligible: Candidate[] = [];
  for (const agent of agents) {
    const use = capacityInUse(agent.load, now);
    const free = agent.capacity - use.units;
    const match = matchSkills(work.skills, agent.skills);
    const reasons = ineligibility(agent, work, free, use.profiles, match);
    considered.push({
      agentId: agent.id,
      name: agent.name,
      eligible: reasons.length === 0,
      reasons,
      presence: agent.presence,
      freeUnits: free,
      skillMatch: work.skillMatching === 'none' ? null : match.category,
      rank: null,
    });
    if (reasons.length === 0) eligible.push({ agent, free, match });
  }
  eligible.sort((a, b) => compareCandidates(a, b, work));
  eligible.forEach((c, i) => {
    const entry = considered.find((x) => x.agentId === c.agent.id)!;
    entry.rank = i + 1;
  });
  return { chosenId: eligible[0]?.agent.id ?? null, considered };
}

function ineligibility(agent: AgentSnapshot, work: WorkRequest, free: number, profileUse: Record<string, number>, match: SkillMatch): string[] {
  const reasons: string[] = [];
  if (agent.disabled) reasons.push('user is disabled');
  if (!work.allowedPresences.includes(agent.presence)) reasons.push(`presence "${agent.presence}" is not one of ${work.allowedPresences.join(', ')}`);
  if (free < work.units) reasons.push(`needs ${work.units} capacity units, has ${Math.max(free, 0)} free of ${agent.capacity}`);
  if (work.profile) {
    const max = agent.profileLimits[work.profile.id] ?? work.profile.defaultMaxItems;
    const used = profileUse[work.profile.id] ?? 0;
    if (used >= max) reasons.push(`capacity profile full (${used} of ${max})`);
  }
  if (work.skillMatching === 'exact' && match.category === 'under') reasons.push(`exact skill match: lacks ${match.missing.join(', ')}`);
  if (work.declinedAgentIds.includes(agent.id)) reasons.push('rejected or missed this conversation recently');
  return reasons;
}

const time = (d: Date | null) => (d ? d.getTime() : -Infinity);

function compareCandidates(a: Candidate, b: Candidate, work: WorkRequest): number {
  if (work.affinityAgentId) {
    const aff = Number(b.agent.id === work.affinityAgentId) - Number(a.agent.id === work.affinityAgentId);
    if (aff) return aff;
  }
  if (work.skillMatching === 'closest') {
    const bySkill = compareClosest(a.match, b.match);
    if (bySkill) return bySkill;
  }
  const roundRobin = time(a.agent.lastAssignedInQueue) - time(b.agent.lastAssignedInQueue);
  const byMethod =
    work.method === 'highest-capacity' ? b.free - a.free || roundRobin
    : work.method === 'round-robin' ? roundRobin
    : time(a.agent.lastActivityAt) - time(b.agent.lastActivityAt) || roundRobin;
  return byMethod || (a.agent.id < b.agent.id ? -1 : a.agent.id > b.agent.id ? 1 : 0);
}
