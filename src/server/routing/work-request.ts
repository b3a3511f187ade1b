import { sql } from 'kysely';
import type { Executor, Tx } from '../db/database.js';
import type { WorkstreamRow } from '../workstreams/store.js';
import { findWorkstream } from '../workstreams/store.js';
import type { SkillRequirement } from './rule-schema.js';
import type { AssignmentMethod, WorkRequest } from './select-agent.js';
import { DEFAULT_UNITS, queueAgentsColumn, toAgentSnapshot, toQueueRow, type LoadedAgent, type QueueRow, type SnapshotRow } from './store.js';

export type RoutableConversation = {
  id: string;
  state: string;
  queue_id: string | null;
  assigned_agent_id: string | null;
  workstream_id: string | null;
  required_skills: SkillRequirement[];
  priority: number;
  capacity_required: number | null;
  last_agent_id: string | null;
  queued_at: Date | null;
  overflowed_at: Date | null;
};

export const routableColumns = [
  'id', 'state', 'queue_id', 'assigned_agent_id', 'workstream_id', 'required_skills', 'priority', 'capacity_required', 'last_agent_id', 'queued_at', 'overflowed_at',
] as const;

/** Distribution settings of the conversation's workstream; conversations without one are picked. */
export type Distribution = {
  workstream: WorkstreamRow | null;
  mode: 'push' | 'pick';
  profile: { id: string; defaultMaxItems: number } | null;
};

export async function loadDistribution(db: Executor, workstreamId: string | null): Promise<Distribution> {
  const workstream = workstreamId ? ((await findWorkstream(db, workstreamId)) ?? null) : null;
  let profile: Distribution['profile'] = null;
  if (workstream?.capacity_profile_id) {
    const row = await db.selectFrom('capacity_profiles').select(['id', 'default_max_items']).where('id', '=', workstream.capacity_profile_id).executeTakeFirst();
    if (row) profile = { id: row.id, defaultMaxItems: row.default_max_items };
  }
  return { workstream, mode: workstream?.mode ?? 'pick', profile };
}

export function unitsOf(conversation: Pick<RoutableConversation, 'capacity_required'>, workstream: WorkstreamRow | null): number {
  return conversation.capacity_required ?? workstream?.capacity_per_conversation ?? DEFAULT_UNITS;
}

export function buildWorkRequest(
  conversation: RoutableConversation,
  distribution: Distribution,
  method: AssignmentMethod,
  declinedAgentIds: string[],
): WorkRequest {
  const ws = distribution.workstream;
  return {
    units: unitsOf(conversation, ws),
    profile: distribution.profile,
    skills: conversation.required_skills,
    skillMatching: ws?.skill_matching ?? 'none',
    allowedPresences: ws?.allowed_presences ?? ['available', 'busy'],
    method,
    affinityAgentId: ws?.keep_same_agent ? conversation.last_agent_id : null,
    declinedAgentIds,
  };
}

/** Agents who rejected or let this conversation's offer expire within the last offer timeout. */
export async function recentDecliners(db: Executor, conversationId: string, since: Date): Promise<string[]> {
  const rows = await db
    .selectFrom('offers')
    .select('agent_id')
    .where('conversation_id', '=', conversationId)
    .where('state', 'in', ['rejected', 'expired'])
    .where('decided_at', '>', since)
    .execute();
  return [...new Set(rows.map((r) => r.agent_id))];
}

export type ClaimedConversation = {
  conversation: RoutableConversation;
  hasPendingOffer: boolean;
  declinedAgentIds: string[];
  distribution: Distribution;
  queue: QueueRow | null;
  /** The queue's agents with their load, read in the same statement when a push decision will need them. */
  queueAgents: LoadedAgent[] | null;
};

/**
 * Claims a conversation for one assignment decision: locked with SKIP LOCKED (null when another
 * transaction holds it), with its workstream, capacity profile, queue, pending offer, recent
 * decliners and, when it waits for a push offer, the queue's agents: one round trip.
 */
export async function claimConversation(tx: Tx, id: string, now: Date): Promise<ClaimedConversation | null> {
  const result = await sql<RoutableConversation & { has_pending_offer: boolean; decliners: string[]; workstream: WorkstreamRow | null; profile: Distribution['profile']; queue: Parameters<typeof toQueueRow>[0] | null; agents: SnapshotRow[] | null }>`
    SELECT c.id, c.state, c.queue_id, c.assigned_agent_id, c.workstream_id, c.required_skills, c.priority, c.capacity_required,
      c.last_agent_id, c.queued_at, c.overflowed_at,
      EXISTS (SELECT 1 FROM offers o WHERE o.conversation_id = c.id AND o.state = 'pending') AS has_pending_offer,
      ARRAY(SELECT DISTINCT o.agent_id::text FROM offers o WHERE o.conversation_id = c.id AND o.state IN ('rejected', 'expired')
            AND o.decided_at > ${now}::timestamptz - make_interval(secs => coalesce(w.offer_timeout_seconds, 120))) AS decliners,
      to_jsonb(w) AS workstream,
      (SELECT json_build_object('id', p.id, 'defaultMaxItems', p.default_max_items) FROM capacity_profiles p WHERE p.id = w.capacity_profile_id) AS profile,
      to_jsonb(q) AS queue,
      CASE WHEN c.state = 'open' AND c.assigned_agent_id IS NULL AND w.mode = 'push' THEN ${queueAgentsColumn(sql`c.queue_id`)} END AS agents
    -- A decision is soft state: should a crash lose its commit, the conversation is still Open and
    -- the sweep decides again. So its commit need not wait for the disk (most of its latency).
    FROM (SELECT set_config('synchronous_commit', 'off', true)) AS soft_commit, conversations c
    LEFT JOIN workstreams w ON w.id = c.workstream_id AND w.deleted_at IS NULL
    LEFT JOIN queues q ON q.id = c.queue_id
    WHERE c.id = ${id}
    -- NO KEY UPDATE: it excludes other decisions and state changes, but not a message or an event
    -- being stored for the conversation (their foreign key share-locks it; FOR UPDATE skipped it then).
    FOR NO KEY UPDATE OF c SKIP LOCKED`.execute(tx);
  const row = result.rows[0];
  if (!row) return null;
  const { has_pending_offer, decliners, workstream, profile, queue, agents, ...conversation } = row;
  return {
    conversation,
    hasPendingOffer: has_pending_offer,
    declinedAgentIds: decliners,
    distribution: { workstream, mode: workstream?.mode ?? 'pick', profile: profile ?? null },
    queue: queue ? toQueueRow(queue) : null,
    queueAgents: agents ? agents.map(toAgentSnapshot) : null,
  };
}
