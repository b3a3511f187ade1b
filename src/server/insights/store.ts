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

export type NamedCount = { name: string; count: number };
export type Dispositions = { wrapUpReasons: Map<ChannelId, NamedCount[]>; labels: Map<ChannelId, NamedCount[]> };

/** Conversations by wrap-up reason and by label, per channel, for conversations matching the filters. */
export async function loadDispositions(db: Executor, filter: FactsFilter): Promise<Dispositions> {
  let reasons = db
    .selectFrom('conversations as c')
    .select(['c.channel', 'c.wrap_up_reason as name', sql<number>`count(*)::int`.as('count')])
    .where('c.wrap_up_reason', 'is not', null)
    .where('c.created_at', '>=', filter.createdFrom);
  let labels = db
    .selectFrom('conversations as c')
    .innerJoin('conversation_labels as cl', 'cl.conversation_id', 'c.id')
    .innerJoin('labels as l', 'l.id', 'cl.label_id')
    .select(['c.channel', 'l.name as name', sql<number>`count(*)::int`.as('count')])
    .where('c.created_at', '>=', filter.createdFrom);
  if (filter.createdBefore) {
    reasons = reasons.where('c.created_at', '<', filter.createdBefore);
    labels = labels.where('c.created_at', '<', filter.createdBefore);
  }
  if (filter.queueId) {
    reasons = reasons.where('c.queue_id', '=', filter.queueId);
    labels = labels.where('c.queue_id', '=', filter.queueId);
  }
  if (filter.workstreamId) {
    reasons = reasons.where('c.workstream_id', '=', filter.workstreamId);
    labels = labels.where('c.workstream_id', '=', filter.workstreamId);
  }
  if (filter.channel) {
    reasons = reasons.where('c.channel', '=', filter.channel);
    labels = labels.where('c.channel', '=', filter.channel);
  }
  if (filter.agentId) {
    const byAgent = sql<boolean>`coalesce(c.assigned_agent_id, c.last_agent_id) = ${filter.agentId}`;
    reasons = reasons.where(byAgent);
    labels = labels.where(byAgent);
  }
  const group = (rows: { channel: ChannelId; name: string | null; count: number }[]) => {
    const out = new Map<ChannelId, NamedCount[]>();
    for (const r of rows) {
      const list = out.get(r.channel) ?? [];
      list.push({ name: r.name!, count: Number(r.count) });
      out.set(r.channel, list);
    }
    return out;
  };
  return {
    wrapUpReasons: group(await reasons.groupBy(['c.channel', 'c.wrap_up_reason']).execute()),
    labels: group(await labels.groupBy(['c.channel', 'l.name']).execute()),
  };
}
