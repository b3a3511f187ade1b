import { sql } from 'kysely';
import type { Executor } from '../db/database.js';
import type { ChannelId } from '../channels/registry.js';
import type { ConversationFacts } from './figures.js';

export type FactsFilter = { createdFrom: Date; createdBefore?: Date; queueId?: string; workstreamId?: string; agentId?: string; channel?: ChannelId };

/** The first time an agent took the conversation: picked, accepted, assigned by affinity, transferred to them. */
const ANSWERED_AT = sql<Date | null>`(SELECT min(e.created_at) FROM conversation_events e WHERE e.conversation_id = c.id
  AND (e.type IN ('assigned', 'offer-accepted') OR (e.type = 'transferred' AND e.data->>'to' = 'active')))`;

/** One row of facts per conversation created in the range and matching the filters. */
export async function loadConversationFacts(db: Executor, filter: FactsFilter): Promise<ConversationFacts[]> {
  let q = db
    .selectFrom('conversations as c')
    .select([
      'c.id', 'c.channel', 'c.queue_id', 'c.created_at', 'c.state', 'c.wrap_up_at', 'c.closed_at',
      ANSWERED_AT.as('answered_at'),
      sql<Date | null>`(SELECT min(m.created_at) FROM messages m WHERE m.conversation_id = c.id AND m.direction = 'inbound')`.as('first_inbound_at'),
      sql<Date | null>`(SELECT min(m.created_at) FROM messages m WHERE m.conversation_id = c.id AND m.direction = 'outbound' AND m.sender_user_id IS NOT NULL)`.as('first_agent_reply_at'),
      sql<number>`(SELECT count(*)::int FROM conversation_events e WHERE e.conversation_id = c.id AND e.type = 'transferred')`.as('transfers'),
    ])
    .where('c.created_at', '>=', filter.createdFrom);
  if (filter.createdBefore) q = q.where('c.created_at', '<', filter.createdBefore);
  if (filter.queueId) q = q.where('c.queue_id', '=', filter.queueId);
  if (filter.workstreamId) q = q.where('c.workstream_id', '=', filter.workstreamId);
  if (filter.channel) q = q.where('c.channel', '=', filter.channel);
  if (filter.agentId) q = q.where(sql<boolean>`coalesce(c.assigned_agent_id, c.last_agent_id) = ${filter.agentId}`);
  const rows = await q.orderBy('c.created_at').execute();
  return rows.map((r) => ({
    id: r.id,
    channel: r.channel,
    queueId: r.queue_id,
    createdAt: r.created_at,
    state: r.state,
    answeredAt: toDate(r.answered_at),
    firstInboundAt: toDate(r.first_inbound_at),
    firstAgentReplyAt: toDate(r.first_agent_reply_at),
    wrapUpAt: r.wrap_up_at,
    closedAt: r.closed_at,
    transfers: Number(r.transfers),
  }));
}

/** Subquery results come back as strings on some drivers. */
const toDate = (value: Date | string | null) => (value === null ? null : new Date(value));

/** Outbound messages that failed, by Twilio error code, for conversations matching the filters. */
export async function loadDeliveryFailures(db: Executor, filter: FactsFilter): Promise<{ code: number; count: number }[]> {
  let q = db
    .selectFrom('messages as m')
    .innerJoin('conversations as c', 'c.id', 'm.conversation_id')
    .select(['m.error_code', sql<number>`count(*)::int`.as('count')])
    .where('m.direction', '=', 'outbound')
    .where('m.error_code', 'is not', null)
    .where('m.created_at', '>=', filter.createdFrom);
  if (filter.createdBefore) q = q.where('m.created_at', '<', filter.createdBefore);
  if (filter.queueId) q = q.where('c.queue_id', '=', filter.queueId);
  if (filter.workstreamId) q = q.where('c.workstream_id', '=', filter.workstreamId);
  if (filter.channel) q = q.where('c.channel', '=', filter.channel);
  if (filter.agentId) q = q.where('m.sender_user_id', '=', filter.agentId);
  const rows = await q.groupBy('m.error_code').orderBy('count', 'desc').orderBy('m.error_code').execute();
  return rows.map((r) => ({ code: r.error_code!, count: Number(r.count) }));
}
