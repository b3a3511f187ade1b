import { sql } from 'kysely';
import type { Executor } from '../db/database.js';
import type { SkillRequirement } from './rule-schema.js';
import type { WorkItem } from './capacity.js';
import type { AgentSnapshot } from './select-agent.js';
import type { OperatingHours } from './operating-hours.js';
import type { OverflowSettings, QueueRules } from './overflow.js';

/** Capacity units of a conversation whose workstream is unknown (numbers no workstream uses). */
export const DEFAULT_UNITS = 10;

export type QueueRow = QueueRules & { name: string; priority: number; method: 'highest-capacity' | 'round-robin' | 'least-active' };

export async function loadQueues(db: Executor, ids?: string[]): Promise<Map<string, QueueRow>> {
  let query = db.selectFrom('queues').select(['id', 'name', 'priority', 'assignment_method', 'time_zone', 'weekly_hours', 'holidays', 'overflow']);
  if (ids) query = query.where('id', 'in', ids.length ? ids : ['00000000-0000-0000-0000-000000000000']);
  const rows = await query.execute();
  return new Map(
    rows.map((q) => [
      q.id,
      {
        id: q.id,
        name: q.name,
        priority: q.priority,
        method: q.assignment_method,
        hours: { timeZone: q.time_zone, weekly: q.weekly_hours as OperatingHours['weekly'], holidays: q.holidays as OperatingHours['holidays'] },
        overflow: q.overflow as OverflowSettings,
      },
    ]),
  );
}

export async function countWaiting(db: Executor, queueId: string): Promise<number> {
  const row = await db
    .selectFrom('conversations')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('queue_id', '=', queueId)
    .where('state', '=', 'open')
    .where('assigned_agent_id', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Conversations held and offers pending, per agent, with what each costs. */
export async function loadWorkItems(db: Executor, agentIds: string[]): Promise<Map<string, WorkItem[]>> {
  const byAgent = new Map<string, WorkItem[]>(agentIds.map((id) => [id, []]));
  if (!agentIds.length) return byAgent;
  const held = await db
    .selectFrom('conversations as c')
    .leftJoin('workstreams as w', 'w.id', 'c.workstream_id')
    .select(['c.assigned_agent_id as agentId', 'c.state', 'c.capacity_required', 'c.wrap_up_at', 'w.capacity_per_conversation', 'w.capacity_profile_id', 'w.wrap_up_blocking', 'w.wrap_up_blocking_seconds'])
    .where('c.assigned_agent_id', 'in', agentIds)
    .where('c.state', 'in', ['active', 'wrap-up'])
    .execute();
  const offered = await db
    .selectFrom('offers as o')
    .innerJoin('conversations as c', 'c.id', 'o.conversation_id')
    .leftJoin('workstreams as w', 'w.id', 'c.workstream_id')
    .select(['o.agent_id as agentId', 'c.capacity_required', 'w.capacity_per_conversation', 'w.capacity_profile_id'])
    .where('o.agent_id', 'in', agentIds)
    .where('o.state', '=', 'pending')
    .execute();
  for (const h of held) {
    byAgent.get(h.agentId!)?.push({
      state: h.state as WorkItem['state'],
      units: h.capacity_required ?? h.capacity_per_conversation ?? DEFAULT_UNITS,
      profileId: h.capacity_profile_id ?? null,
      wrapUpAt: h.wrap_up_at,
      wrapUpBlocking: h.wrap_up_blocking ?? 'always',
      wrapUpSeconds: h.wrap_up_blocking_seconds ?? null,
    });
  }
  for (const o of offered) {
    byAgent.get(o.agentId)?.push({ state: 'offered', units: o.capacity_required ?? o.capacity_per_conversation ?? DEFAULT_UNITS, profileId: o.capacity_profile_id ?? null, wrapUpAt: null, wrapUpBlocking: 'always', wrapUpSeconds: null });
  }
  return byAgent;
}

/**
 * Agents as the selection sees them. With lock, their rows stay locked until the transaction ends
 * ('skip' leaves out rows another transaction holds).
 */
export async function loadAgentSnapshots(db: Executor, input: { queueId: string | null; agentIds?: string[]; lock?: 'wait' | 'skip' }): Promise<AgentSnapshot[]> {
  let query = db
    .selectFrom('users as u')
    .select(['u.id', 'u.name', 'u.presence', 'u.disabled_at', 'u.capacity', 'u.last_activity_at'])
    .select(
      input.queueId
        ? sql<Date | null>`(SELECT qm.last_assigned_at FROM queue_members qm WHERE qm.user_id = u.id AND qm.queue_id = ${input.queueId})`.as('last_assigned_in_queue')
        : sql<Date | null>`NULL::timestamptz`.as('last_assigned_in_queue'),
    );
  if (input.agentIds) query = query.where('u.id', 'in', input.agentIds.length ? input.agentIds : ['00000000-0000-0000-0000-000000000000']);
  else if (input.queueId) query = query.where('u.id', 'in', (eb) => eb.selectFrom('queue_members').select('user_id').where('queue_id', '=', input.queueId!));
  if (input.lock) query = query.forUpdate();
  if (input.lock === 'skip') query = query.skipLocked();
  const users = await query.execute();
  const ids = users.map((u) => u.id);
  if (!ids.length) return [];
  // One after the other: inside a transaction there is a single connection.
  const skills = await db.selectFrom('user_skills').select(['user_id', 'name', 'proficiency']).where('user_id', 'in', ids).execute();
  const limits = await db.selectFrom('user_capacity_profiles').select(['user_id', 'profile_id', 'max_items']).where('user_id', 'in', ids).execute();
  const items = await loadWorkItems(db, ids);
  return users.map((u) => ({
    id: u.id,
    name: u.name,
    presence: u.presence,
    disabled: u.disabled_at !== null,
    capacity: u.capacity,
    skills: skills.filter((s) => s.user_id === u.id).map((s): SkillRequirement => ({ name: s.name, proficiency: s.proficiency })),
    profileLimits: Object.fromEntries(limits.filter((l) => l.user_id === u.id).map((l) => [l.profile_id, l.max_items])),
    load: items.get(u.id) ?? [],
    lastAssignedInQueue: u.last_assigned_in_queue ? new Date(u.last_assigned_in_queue) : null,
    lastActivityAt: u.last_activity_at,
  }));
}
