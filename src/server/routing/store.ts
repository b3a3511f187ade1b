import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../db/database.js';
import type { SkillRequirement } from './rule-schema.js';
import type { WorkItem } from './capacity.js';
import type { AgentSnapshot } from './select-agent.js';
import type { OperatingHours } from './operating-hours.js';
import type { OverflowSettings, QueueRules } from './overflow.js';

/** Capacity units of a conversation whose workstream is unknown (numbers no workstream uses). */
export const DEFAULT_UNITS = 10;

export type QueueRow = QueueRules & { name: string; priority: number; method: 'highest-capacity' | 'round-robin' | 'least-active' };

export type QueueRecord = { id: string; name: string; priority: number; assignment_method: QueueRow['method']; time_zone: string; weekly_hours: unknown; holidays: unknown; overflow: unknown };

export function toQueueRow(q: QueueRecord): QueueRow {
  return {
    id: q.id,
    name: q.name,
    priority: q.priority,
    method: q.assignment_method,
    hours: { timeZone: q.time_zone, weekly: q.weekly_hours as OperatingHours['weekly'], holidays: q.holidays as OperatingHours['holidays'] },
    overflow: q.overflow as OverflowSettings,
  };
}

export async function loadQueues(db: Executor, ids?: string[]): Promise<Map<string, QueueRow>> {
  let query = db.selectFrom('queues').select(['id', 'name', 'priority', 'assignment_method', 'time_zone', 'weekly_hours', 'holidays', 'overflow']);
  if (ids) query = query.where('id', 'in', ids.length ? ids : ['00000000-0000-0000-0000-000000000000']);
  const rows = await query.execute();
  return new Map(rows.map((q) => [q.id, toQueueRow(q)]));
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
    // Literal states, so a reused (generic) plan can still use the partial index of held work.
    .where(sql<boolean>`c.state IN ('active', 'wrap-up')`)
    .execute();
  const offered = await db
    .selectFrom('offers as o')
    .innerJoin('conversations as c', 'c.id', 'o.conversation_id')
    .leftJoin('workstreams as w', 'w.id', 'c.workstream_id')
    .select(['o.agent_id as agentId', 'c.capacity_required', 'w.capacity_per_conversation', 'w.capacity_profile_id'])
    .where('o.agent_id', 'in', agentIds)
    .where(sql<boolean>`o.state = 'pending'`)
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

export type SnapshotRow = {
  id: string;
  version: string;
  name: string;
  presence: string;
  disabled: boolean;
  capacity: number;
  last_activity_at: Date | string | null;
  last_assigned_in_queue: Date | string | null;
  skills: SkillRequirement[];
  limits: Record<string, number>;
  held: { state: WorkItem['state']; units: number; profileId: string | null; wrapUpAt: string | null; wrapUpBlocking: WorkItem['wrapUpBlocking']; wrapUpSeconds: number | null }[];
  offered: { units: number; profileId: string | null }[];
};

/**
 * The agents of `source` (users as u) as the selection sees them, each with skills, profile limits
 * and held work, as one SELECT: run alone, or nested in a larger statement (a decision is mostly
 * round trips). `queueId` is the queue whose round-robin turn is read: a value or a column.
 */
export function agentSnapshotsQuery(source: RawBuilder<unknown>, queueId: RawBuilder<unknown>) {
  const units = sql`coalesce(c.capacity_required, w.capacity_per_conversation, ${DEFAULT_UNITS})`;
  return sql<SnapshotRow>`
    SELECT u.id, u.xmin::text AS version, u.name, u.presence, u.disabled_at IS NOT NULL AS disabled, u.capacity, u.last_activity_at,
      (SELECT qm.last_assigned_at FROM queue_members qm WHERE qm.user_id = u.id AND qm.queue_id = ${queueId}) AS last_assigned_in_queue,
      (SELECT coalesce(json_agg(json_build_object('name', s.name, 'proficiency', s.proficiency)), '[]') FROM user_skills s WHERE s.user_id = u.id) AS skills,
      (SELECT coalesce(json_object_agg(p.profile_id, p.max_items), '{}') FROM user_capacity_profiles p WHERE p.user_id = u.id) AS limits,
      (SELECT coalesce(json_agg(json_build_object('state', c.state, 'units', ${units}, 'profileId', w.capacity_profile_id, 'wrapUpAt', c.wrap_up_at,
                'wrapUpBlocking', coalesce(w.wrap_up_blocking, 'always'), 'wrapUpSeconds', w.wrap_up_blocking_seconds)), '[]')
         FROM conversations c LEFT JOIN workstreams w ON w.id = c.workstream_id
         WHERE c.assigned_agent_id = u.id AND c.state IN ('active', 'wrap-up')) AS held,
      (SELECT coalesce(json_agg(json_build_object('units', ${units}, 'profileId', w.capacity_profile_id)), '[]')
         FROM offers o JOIN conversations c ON c.id = o.conversation_id LEFT JOIN workstreams w ON w.id = c.workstream_id
         WHERE o.agent_id = u.id AND o.state = 'pending') AS offered
    FROM ${source}`;
}

/**
 * The queue's members joined to their users, so the planner hashes the members (a scan of the users
 * remains). As a filter (`u.id = ANY (ARRAY(members))`, or `IN (members)`, slower still on PGlite)
 * every user would be compared with every member, a cost that grows with the agents of the business.
 */
function queueMembersSource(queueId: RawBuilder<unknown>) {
  return sql`queue_members m JOIN users u ON u.id = m.user_id WHERE m.queue_id = ${queueId}`;
}

/** Agents of a queue, as one JSON array column for a larger statement (see agentSnapshotsQuery). */
export function queueAgentsColumn(queueId: RawBuilder<unknown>) {
  return sql<SnapshotRow[]>`(SELECT coalesce(json_agg(a), '[]') FROM (${agentSnapshotsQuery(queueMembersSource(queueId), queueId)}) a)`;
}

/**
 * An agent as read by one statement, with the version of their row (its xmin, which every update
 * changes): a decision writes against that version, so it sees whether the agent changed since.
 */
export type LoadedAgent = AgentSnapshot & { version: string };

export function toAgentSnapshot(u: SnapshotRow): LoadedAgent {
  return {
    id: u.id,
    version: u.version,
    name: u.name,
    presence: u.presence,
    disabled: u.disabled,
    capacity: u.capacity,
    skills: u.skills,
    profileLimits: u.limits,
    load: [
      ...u.held.map((h): WorkItem => ({ ...h, wrapUpAt: h.wrapUpAt ? new Date(h.wrapUpAt) : null })),
      ...u.offered.map((o): WorkItem => ({ state: 'offered', units: o.units, profileId: o.profileId, wrapUpAt: null, wrapUpBlocking: 'always', wrapUpSeconds: null })),
    ],
    lastAssignedInQueue: u.last_assigned_in_queue ? new Date(u.last_assigned_in_queue) : null,
    lastActivityAt: u.last_activity_at ? new Date(u.last_activity_at) : null,
  };
}

/**
 * One id (a decision locking its chosen agent) as an equality: PostgreSQL then reuses one plan for
 * the prepared statement, while `= ANY(array)` of unknown length keeps being planned per call.
 */
function idFilter(ids: string[], alias?: string) {
  const column = sql.ref(alias ? `${alias}.id` : 'id');
  return ids.length === 1 ? sql`${column} = ${ids[0]}::uuid` : sql`${column} = ANY(${ids}::uuid[])`;
}

/**
 * Agents as the selection sees them, in one query. With lock, their rows are locked first and stay
 * locked until the transaction ends ('skip' leaves out rows another transaction holds). The lock
 * is an update that changes nothing, so the rows get a new version: everyone who adds work to an
 * agent locks them here or writes their row (an offer), and a decision that read the agent
 * earlier sees that it is out of date (see writeOffer).
 */
export async function loadAgentSnapshots(db: Executor, input: { queueId: string | null; agentIds?: string[]; lock?: 'wait' | 'skip' }): Promise<LoadedAgent[]> {
  if (input.agentIds && input.agentIds.length === 0) return [];
  let ids = input.agentIds;
  if (input.lock && ids) {
    // Lock in its own statement: a statement that waited for a lock still reads with the snapshot it
    // started with, so the work counted below must be read by a later statement, after the lock.
    // NO KEY UPDATE, the mode of an update: FOR UPDATE would also wait for transactions that merely
    // reference the agent (a timeline event's foreign key) and deadlock when they then update them.
    const skip = input.lock === 'skip' ? sql`SKIP LOCKED` : sql``;
    const locked = await sql<{ id: string }>`
      UPDATE users SET capacity = capacity WHERE id IN (SELECT id FROM users WHERE ${idFilter(ids)} FOR NO KEY UPDATE ${skip}) RETURNING id`.execute(db);
    ids = locked.rows.map((r) => r.id);
    if (!ids.length) return [];
  }
  const source = ids ? sql`users u WHERE ${idFilter(ids, 'u')}` : queueMembersSource(sql`${input.queueId}`);
  const rows = await agentSnapshotsQuery(source, sql`${input.queueId}`).execute(db);
  return rows.rows.map(toAgentSnapshot);
}
