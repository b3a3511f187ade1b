import type { Executor } from '../db/database.js';
import type { WorkstreamRow } from '../workstreams/store.js';
import { findWorkstream } from '../workstreams/store.js';
import type { SkillRequirement } from './rule-schema.js';
import type { AssignmentMethod, WorkRequest } from './select-agent.js';
import { DEFAULT_UNITS } from './store.js';

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
