import { sql } from 'kysely';
import type { Executor } from '../db/database.js';

export type CsatGroup = 'agent' | 'queue' | 'workstream';
export type CsatRow = { id: string | null; name: string | null; sent: number; responses: number; averageRating: number | null; csatPercent: number | null };

const GROUPS: Record<CsatGroup, { key: string; join: string }> = {
  agent: { key: 's.agent_id', join: 'LEFT JOIN users g ON g.id = s.agent_id' },
  queue: { key: 's.queue_id', join: 'LEFT JOIN queues g ON g.id = s.queue_id' },
  workstream: { key: 's.workstream_id', join: 'LEFT JOIN workstreams g ON g.id = s.workstream_id' },
};

/**
 * Customer satisfaction from survey answers, per agent, queue or workstream, over surveys sent in
 * [from, to): how many were sent, how many answered, the average rating and CSAT (share of 4 and 5).
 */
export async function csatBy(db: Executor, group: CsatGroup, range: { from: Date | null; to: Date | null }): Promise<CsatRow[]> {
  const { key, join } = GROUPS[group];
  const rows = await sql<{ id: string | null; name: string | null; sent: string; responses: string; average: string | null; satisfied: string }>`
    SELECT ${sql.raw(key)} AS id, g.name AS name,
      count(*) FILTER (WHERE s.status <> 'not-sent') AS sent,
      count(*) FILTER (WHERE s.status = 'answered') AS responses,
      avg(s.rating) FILTER (WHERE s.status = 'answered') AS average,
      count(*) FILTER (WHERE s.status = 'answered' AND s.rating >= 4) AS satisfied
    FROM survey_requests s ${sql.raw(join)}
    WHERE (${range.from}::timestamptz IS NULL OR s.created_at >= ${range.from}::timestamptz)
      AND (${range.to}::timestamptz IS NULL OR s.created_at < ${range.to}::timestamptz)
    GROUP BY ${sql.raw(key)}, g.name
    ORDER BY g.name NULLS LAST`.execute(db);
  return rows.rows.map((r) => {
    const responses = Number(r.responses);
    return {
      id: r.id,
      name: r.name,
      sent: Number(r.sent),
      responses,
      averageRating: r.average === null ? null : Math.round(Number(r.average) * 100) / 100,
      csatPercent: responses ? Math.round((Number(r.satisfied) / responses) * 1000) / 10 : null,
    };
  });
}
