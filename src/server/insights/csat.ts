import { sql } from 'kysely';
import type { Executor } from '../db/database.js';
import type { ChannelId } from '../channels/registry.js';
import { matchesFilter, type FactsFilter } from './store.js';

export type Csat = { responses: number; averageRating: number | null; satisfiedPercent: number | null };

type Tally = { responses: number; ratingSum: number; satisfied: number };

/**
 * Post-conversation survey answers (ratings 1–5) for the conversations matching the filters, in all
 * and per channel the conversation was on. Satisfied: a rating of 4 or 5.
 */
export async function loadCsat(db: Executor, filter: FactsFilter): Promise<{ all: Csat; byChannel: Map<ChannelId, Csat> }> {
  const rows = await db
    .selectFrom('survey_requests as s')
    .innerJoin('conversations as c', 'c.id', 's.conversation_id')
    .select([
      'c.channel',
      sql<number>`count(*)::int`.as('responses'),
      sql<number>`sum(s.rating)::int`.as('rating_sum'),
      sql<number>`count(*) FILTER (WHERE s.rating >= 4)::int`.as('satisfied'),
    ])
    .where('s.status', '=', 'answered')
    .where('s.rating', 'is not', null)
    .where(matchesFilter(filter))
    .groupBy('c.channel')
    .execute();
  const tallies = rows.map((r) => ({ channel: r.channel, responses: Number(r.responses), ratingSum: Number(r.rating_sum), satisfied: Number(r.satisfied) }));
  const all = tallies.reduce<Tally>((t, r) => ({ responses: t.responses + r.responses, ratingSum: t.ratingSum + r.ratingSum, satisfied: t.satisfied + r.satisfied }), { responses: 0, ratingSum: 0, satisfied: 0 });
  return { all: csatOf(all), byChannel: new Map(tallies.map((r) => [r.channel, csatOf(r)])) };
}

function csatOf({ responses, ratingSum, satisfied }: Tally): Csat {
  return {
    responses,
    averageRating: responses ? Math.round((ratingSum / responses) * 100) / 100 : null,
    satisfiedPercent: responses ? Math.round((satisfied / responses) * 1000) / 10 : null,
  };
}
