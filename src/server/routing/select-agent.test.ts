import { describe, expect, it } from 'vitest';
import { selectAgent, type AgentSnapshot, type WorkRequest } from './select-agent.js';
import { capacityInUse, holdsCapacity, type WorkItem } from './capacity.js';
import { matchSkills } from './skills.js';

const now = new Date('2026-11-25T10:00:00Z');
const item = (state: WorkItem['state'], over: Partial<WorkItem> = {}): WorkItem => ({ state, units: 10, profileId: null, wrapUpAt: null, wrapUpBlocking: 'always', wrapUpSeconds: null, ...over });
const agent = (id: string, over: Partial<AgentSnapshot> = {}): AgentSnapshot => ({
  id, name: id, presence: 'available', disabled: false, capacity: 100, skills: [], profileLimits: {}, load: [], lastAssignedInQueue: null, lastActivityAt: null, ...over,
});
const work = (over: Partial<WorkRequest> = {}): WorkRequest => ({
  units: 10, profile: null, skills: [], skillMatching: 'none', allowedPresences: ['available', 'busy'], method: 'highest-capacity', affinityAgentId: null, declinedAgentIds: [], ...over,
});
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);

describe('capacity', () => {
  it('is held while active and offered, released when waiting or closed', () => {
    expect(capacityInUse([item('active'), item('offered'), item('waiting'), item('closed')], now).units).toBe(20);
  });
  it('follows the wrap-up blocking rule', () => {
    expect(holdsCapacity(item('wrap-up', { wrapUpBlocking: 'always' }), now)).toBe(true);
    expect(holdsCapacity(item('wrap-up', { wrapUpBlocking: 'never' }), now)).toBe(false);
    const timed = item('wrap-up', { wrapUpBlocking: 'timed', wrapUpSeconds: 60, wrapUpAt: new Date(now.getTime() - 59_000) });
    expect(holdsCapacity(timed, now)).toBe(true);
    expect(holdsCapacity(timed, new Date(now.getTime() + 1000))).toBe(false);
  });
  it('counts capacity profile items', () => {
    expect(capacityInUse([item('active', { profileId: 'p' }), item('active', { profileId: 'p' })], now).profiles).toEqual({ p: 2 });
  });
});

describe('skill matching', () => {
  const need = [{ name: 'billing', proficiency: 5 }, { name: 'korean', proficiency: 3 }];
  it('classifies exact, over and under', () => {
    expect(matchSkills(need, [{ name: 'Billing', proficiency: 5 }, { name: 'korean', proficiency: 3 }]).category).toBe('exact');
    expect(matchSkills(need, [{ name: 'billing', proficiency: 7 }, { name: 'korean', proficiency: 3 }])).toMatchObject({ category: 'over', distance: 2 });
    expect(matchSkills(need, [{ name: 'billing', proficiency: 4 }])).toMatchObject({ category: 'under', distance: 4, missing: ['billing (4 < 5)', 'korean'] });
  });
});

describe('agent selection', () => {
  it('explains every ineligible agent', () => {
    const { chosenId, considered } = selectAgent([
      agent('away', { presence: 'away' }),
      agent('full', { load: [item('active', { units: 95 })] }),
      agent('declined'),
      agent('ok'),
    ], work({ declinedAgentIds: ['declined'] }), now);
    expect(chosenId).toBe('ok');
    const reasons = Object.fromEntries(considered.map((c) => [c.agentId, c.reasons.join('; ')]));
    expect(reasons.away).toMatch(/presence "away"/);
    expect(reasons.full).toMatch(/needs 10 capacity units, has 5 free/);
    expect(reasons.declined).toMatch(/rejected or missed/);
    expect(reasons.ok).toBe('');
  });

  it('highest capacity: most free units first', () => {
    expect(selectAgent([agent('a', { load: [item('active')] }), agent('b'), agent('c', { capacity: 50 })], work(), now).chosenId).toBe('b');
  });

  it('round robin: the agent assigned longest ago in this queue first, never-assigned before all', () => {
    const agents = [agent('a', { lastAssignedInQueue: minutesAgo(1) }), agent('b', { lastAssignedInQueue: minutesAgo(5) }), agent('c', { lastAssignedInQueue: minutesAgo(3) })];
    expect(selectAgent(agents, work({ method: 'round-robin' }), now).chosenId).toBe('b');
    expect(selectAgent([...agents, agent('new')], work({ method: 'round-robin' }), now).chosenId).toBe('new');
  });

  it('least active: the agent idle longest first', () => {
    const agents = [agent('a', { lastActivityAt: minutesAgo(2) }), agent('b', { lastActivityAt: minutesAgo(9), load: [item('active', { units: 50 })] })];
    expect(selectAgent(agents, work({ method: 'least-active' }), now).chosenId).toBe('b');
  });

  it('exact skills: only agents at or above every level', () => {
    const skills = [{ name: 'billing', proficiency: 5 }];
    const agents = [agent('low', { skills: [{ name: 'billing', proficiency: 4 }] }), agent('high', { skills: [{ name: 'billing', proficiency: 9 }], load: [item('active')] })];
    const result = selectAgent(agents, work({ skills, skillMatching: 'exact' }), now);
    expect(result.chosenId).toBe('high');
    expect(result.considered.find((c) => c.agentId === 'low')?.reasons[0]).toMatch(/lacks billing/);
    expect(selectAgent([agents[0]], work({ skills, skillMatching: 'exact' }), now).chosenId).toBeNull();
  });

  it('closest skills: exact, then over-, then under-qualified', () => {
    const skills = [{ name: 'billing', proficiency: 5 }];
    const exact = agent('exact', { skills: [{ name: 'billing', proficiency: 5 }], load: [item('active', { units: 80 })] });
    const over = agent('over', { skills: [{ name: 'billing', proficiency: 8 }] });
    const under = agent('under', { skills: [{ name: 'billing', proficiency: 2 }] });
    const w = work({ skills, skillMatching: 'closest' });
    expect(selectAgent([under, over, exact], w, now).chosenId).toBe('exact');
    expect(selectAgent([under, over], w, now).chosenId).toBe('over');
    expect(selectAgent([under], w, now).chosenId).toBe('under');
  });

  it('affinity: the previous agent first when eligible, else the others', () => {
    expect(selectAgent([agent('a'), agent('prev', { load: [item('active')] })], work({ affinityAgentId: 'prev' }), now).chosenId).toBe('prev');
    expect(selectAgent([agent('a'), agent('prev', { presence: 'offline' })], work({ affinityAgentId: 'prev' }), now).chosenId).toBe('a');
  });

  it('respects capacity profile limits with per-agent overrides', () => {
    const w = work({ profile: { id: 'chat', defaultMaxItems: 1 } });
    const busy = [item('active', { profileId: 'chat' })];
    expect(selectAgent([agent('a', { load: busy })], w, now).chosenId).toBeNull();
    expect(selectAgent([agent('a', { load: busy, profileLimits: { chat: 2 } })], w, now).chosenId).toBe('a');
  });
});
