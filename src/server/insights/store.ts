import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../db/database.js';
import type { ChannelId } from '../channels/registry.js';
import type { ConversationFacts } from './figures.js';

export type FactsFilter = { createdFrom: Date; createdBefore?: Date; queueId?: string; workstreamId?: string; agentId?: string; channel?: ChannelId };

/** The first time an agent took the conversation: picked, accepted, assigned by affinity, transferred to them. */
const ANSWERED_AT = sql<Date | null>`(SELECT min(e.created_at) FROM conversation_events e WHERE e.conversation_id = c.id
  AND (e.type IN ('assigned', 'offer-accepted') OR (e.type = 'transferred' AND e.data->>'to' = 'active')))`;

/**
 * The filters as one condition on the conversation `c`, so every insights read filters alike: `at`
 * is the time that must fall in the period, `agent` whoever counts as the conversation's agent.
 */
export function matchesFilter(filter: FactsFilter, at: RawBuilder<unknown> = sql.ref('c.created_at'), agent: RawBuilder<unknown> = sql`coalesce(c.assigned_agent_id, c.last_agent_id)`) {
  const conditions = [sql`${at} >= ${filter.createdFrom}`];
  if (filter.createdBefore) conditions.push(sql`${at} < ${filter.createdBefore}`);
  if (filter.queueId) conditions.push(sql`c.queue_id = ${filter.queueId}`);
  if (filter.workstreamId) conditions.push(sql`c.workstream_id = ${filter.workstreamId}`);
  if (filter.channel) conditions.push(sql`c.channel = ${filter.channel}`);
  if (filter.agentId) conditions.push(sql`${agent} = ${filter.agentId}`);
  return sql<boolean>`${sql.join(conditions, sql` AND `)}`;
}

/** One row of facts per conversation created in the range and matching the filters. */
export async function loadConversationFacts(db: Executor, filter: FactsFilter): Promise<ConversationFacts[]> {
  const rows = await db
    .selectFrom('conversations as c')
    .select([
      'c.id', 'c.channel', 'c.queue_id', 'c.created_at', 'c.state', 'c.wrap_up_at', 'c.closed_at',
      ANSWERED_AT.as('answered_at'),
      sql<Date | null>`(SELECT min(m.created_at) FROM messages m WHERE m.conversation_id = c.id AND m.direction = 'inbound')`.as('first_inbound_at'),
      sql<Date | null>`(SELECT min(m.created_at) FROM messages m WHERE m.conversation_id = c.id AND m.direction = 'outbound' AND m.sender_user_id IS NOT NULL)`.as('first_agent_reply_at'),
      sql<number>`(SELECT count(*)::int FROM conversation_events e WHERE e.conversation_id = c.id AND e.type = 'transferred')`.as('transfers'),
    ])
    .where(matchesFilter(filter))
    .orderBy('c.created_at')
    .execute();
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
  const rows = await db
    .selectFrom('messages as m')
    .innerJoin('conversations as c', 'c.id', 'm.conversation_id')
    .select(['m.error_code', sql<number>`count(*)::int`.as('count')])
    .where('m.direction', '=', 'outbound')
    .where('m.error_code', 'is not', null)
    // A failure counts in the period it was sent, and for the agent who sent it.
    .where(matchesFilter(filter, sql.ref('m.created_at'), sql.ref('m.sender_user_id')))
    .groupBy('m.error_code')
    .orderBy('count', 'desc')
    .orderBy('m.error_code')
    .execute();
  return rows.map((r) => ({ code: r.error_code!, count: Number(r.count) }));
}

export type NamedCount = { name: string; count: number };
export type Dispositions = { wrapUpReasons: Map<ChannelId, NamedCount[]>; labels: Map<ChannelId, NamedCount[]> };

/** Conversations by wrap-up reason and by label, per channel, for conversations matching the filters. */
export async function loadDispositions(db: Executor, filter: FactsFilter): Promise<Dispositions> {
  const reasons = db
    .selectFrom('conversations as c')
    .select(['c.channel', 'c.wrap_up_reason as name', sql<number>`count(*)::int`.as('count')])
    .where('c.wrap_up_reason', 'is not', null)
    .where(matchesFilter(filter));
  const labels = db
    .selectFrom('conversations as c')
    .innerJoin('conversation_labels as cl', 'cl.conversation_id', 'c.id')
    .innerJoin('labels as l', 'l.id', 'cl.label_id')
    .select(['c.channel', 'l.name as name', sql<number>`count(*)::int`.as('count')])
    .where(matchesFilter(filter));
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
