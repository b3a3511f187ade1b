import { sql } from 'kysely';
import type { Executor } from '../db/database.js';
import type { FactsFilter } from './store.js';

export type Csat = { responses: number; averageRating: number | null; satisfiedPercent: number | null };

/**
 * Post-conversation survey answers (ratings 1–5) for the conversations matching the filters.
 * Satisfied: a rating of 4 or 5.
 */
export async function loadCsat(db: Executor, filter: FactsFilter): Promise<Csat> {
  let q = db
    .selectFrom('survey_requests as s')
    .innerJoin('conversations as c', 'c.id', 's.conversation_id')
    .select([
      sql<number>`count(*)::int`.as('responses'),
      sql<number | null>`avg(s.rating)::float8`.as('average'),
      sql<number>`count(*) FILTER (WHERE s.rating >= 4)::int`.as('satisfied'),
    ])
    .where('s.status', '=', 'answered')
    .where('s.rating', 'is not', null)
    .where('c.created_at', '>=', filter.createdFrom);
  if (filter.createdBefore) q = q.where('c.created_at', '<', filter.createdBefore);
  if (filter.queueId) q = q.where('c.queue_id', '=', filter.queueId);
  if (filter.workstreamId) q = q.where('c.workstream_id', '=', filter.workstreamId);
  if (filter.agentId) q = q.where(sql<boolean>`coalesce(c.assigned_agent_id, c.last_agent_id) = ${filter.agentId}`);
  const { responses, average, satisfied } = await q.executeTakeFirstOrThrow();
  return {
    responses: Number(responses),
    averageRating: average === null ? null : Math.round(Number(average) * 100) / 100,
    satisfiedPercent: Number(responses) ? Math.round((Number(satisfied) / Number(responses)) * 1000) / 10 : null,
  };
}
