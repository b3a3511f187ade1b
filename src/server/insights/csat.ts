import { sql } from 'kysely';
import type { Executor } from '../db/database.js';
import type { FactsFilter } from './store.js';

export type Csat = { responses: number; averageRating: number | null; satisfiedPercent: number | null };

/**
 * Post-conversation survey answers (ratings 1–5) for the conversations matching the filters.
 * Null when the survey tables are not installed. Satisfied: a rating of 4 or 5.
 */
export async function loadCsat(db: Executor, filter: FactsFilter): Promise<Csat | null> {
  const installed = await sql<{ ok: boolean }>`SELECT to_regclass('survey_requests') IS NOT NULL AS ok`.execute(db);
  if (!installed.rows[0]?.ok) return null;
  const rows = await sql<{ responses: number; average: number | null; satisfied: number }>`
    SELECT count(*)::int AS responses, avg(s.rating)::float8 AS average, count(*) FILTER (WHERE s.rating >= 4)::int AS satisfied
    FROM survey_requests s JOIN conversations c ON c.id = s.conversation_id
    WHERE s.status = 'answered' AND s.rating IS NOT NULL
      AND c.created_at >= ${filter.createdFrom}
      AND (${filter.createdBefore ?? null}::timestamptz IS NULL OR c.created_at < ${filter.createdBefore ?? null}::timestamptz)
      AND (${filter.queueId ?? null}::uuid IS NULL OR c.queue_id = ${filter.queueId ?? null}::uuid)
      AND (${filter.workstreamId ?? null}::uuid IS NULL OR c.workstream_id = ${filter.workstreamId ?? null}::uuid)
      AND (${filter.agentId ?? null}::uuid IS NULL OR coalesce(c.assigned_agent_id, c.last_agent_id) = ${filter.agentId ?? null}::uuid)`.execute(db);
  const { responses, average, satisfied } = rows.rows[0];
  return {
    responses,
    averageRating: average === null ? null : Math.round(Number(average) * 100) / 100,
    satisfiedPercent: responses ? Math.round((satisfied / responses) * 1000) / 10 : null,
  };
}
