import { sql } from 'kysely';
import type { Executor } from '../db/database.js';
import type { SearchHit, SearchQuery } from './schema.js';

const DAY_MS = 24 * 3600 * 1000;

/** `%word%` for ILIKE, with the user's own % and _ taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Conversations matching every filter given, newest first. */
export async function searchConversations(db: Executor, query: SearchQuery): Promise<SearchHit[]> {
  let q = db
    .selectFrom('conversations as c')
    .innerJoin('contacts as ct', 'ct.id', 'c.contact_id')
    .leftJoin('queues as qu', 'qu.id', 'c.queue_id')
    .leftJoin('users as u', (join) => join.on(sql<boolean>`u.id = coalesce(c.assigned_agent_id, c.last_agent_id)`))
    .select([
      'c.id', 'c.channel', 'c.state', 'c.created_at', 'c.closed_at', 'ct.id as contact_id', 'ct.phone', 'qu.name as queue_name', 'u.name as agent_name',
      sql<string | null>`coalesce(ct.name, ct.profile_name)`.as('customer_name'),
      sql<number>`(SELECT count(*)::int FROM messages m WHERE m.conversation_id = c.id)`.as('message_count'),
    ]);
  if (query.customer) {
    const pattern = containsPattern(query.customer);
    q = q.where(sql<boolean>`(ct.name ILIKE ${pattern} OR ct.profile_name ILIKE ${pattern})`);
  }
  if (query.number) q = q.where('ct.phone', 'like', containsPattern(query.number));
  if (query.from) q = q.where('c.created_at', '>=', new Date(`${query.from}T00:00:00Z`));
  if (query.to) q = q.where('c.created_at', '<', new Date(new Date(`${query.to}T00:00:00Z`).getTime() + DAY_MS));
  if (query.state === 'closed') q = q.where('c.state', '=', 'closed');
  if (query.state === 'live') q = q.where('c.state', '<>', 'closed');
  const textPattern = query.text ? containsPattern(query.text) : null;
  if (textPattern) {
    q = q
      .where(sql<boolean>`EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = c.id AND m.body ILIKE ${textPattern})`)
      .select(sql<string | null>`(SELECT m.body FROM messages m WHERE m.conversation_id = c.id AND m.body ILIKE ${textPattern} ORDER BY m.created_at, m.seq LIMIT 1)`.as('snippet'));
  }
  const rows = await q.orderBy('c.created_at', 'desc').limit(query.limit ?? 50).execute();
  return rows.map((r) => ({
    conversationId: r.id,
    channel: r.channel,
    state: r.state,
    customer: { id: r.contact_id, name: r.customer_name, phone: r.phone },
    queue: r.queue_name,
    agent: r.agent_name,
    createdAt: r.created_at.toISOString(),
    closedAt: r.closed_at?.toISOString() ?? null,
    messageCount: r.message_count,
    snippet: 'snippet' in r ? ((r as { snippet: string | null }).snippet ?? null) : null,
  }));
}
