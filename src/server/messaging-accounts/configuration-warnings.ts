import { sql } from 'kysely';
import type { Executor } from '../db/database.js';

export type ConfigurationWarning = {
  code: string;
  message: string;
  /** What to do about it, in words; the web app words both in the reader's language from code and params. */
  fix?: string;
  severity?: 'problem' | 'todo';
  params?: Record<string, string | number>;
  accountId?: string;
  numberId?: string;
  workstreamId?: string;
  count?: number;
};

/** What an admin should fix so that no customer waits unseen: numbers without a workstream, workstreams without a number, mail for unknown numbers. */
export async function configurationWarnings(db: Executor): Promise<ConfigurationWarning[]> {
  const warnings: ConfigurationWarning[] = [];
  const unused = await db
    .selectFrom('numbers as n')
    .leftJoin('workstreams as w', (join) => join.onRef('w.number_id', '=', 'n.id').on('w.deleted_at', 'is', null))
    .select(['n.id', 'n.number', 'n.account_id'])
    .select((eb) =>
      eb.selectFrom('conversations as c').select(sql<number>`count(*)::int`.as('n')).whereRef('c.number_id', '=', 'n.id').where('c.state', '<>', 'closed').as('live'),
    )
    .where('n.deleted_at', 'is', null)
    .where('w.id', 'is', null)
    .execute();
  for (const n of unused) {
    warnings.push({
      code: 'NUMBER_WITHOUT_WORKSTREAM',
      severity: 'todo',
      params: { number: n.number, count: n.live ?? 0 },
      message: `${n.number} is not used by any workstream: its messages go to the default queue${n.live ? ` (${n.live} waiting there now)` : ''}.`,
      accountId: n.account_id,
      numberId: n.id,
      count: n.live ?? 0,
    });
  }
  // The setup wizard may stop before a number, and deleting a number may take it from a workstream.
  const numberless = await db.selectFrom('workstreams').select(['id', 'name']).where('deleted_at', 'is', null).where('number_id', 'is', null).orderBy('name').execute();
  for (const w of numberless) {
    warnings.push({
      code: 'WORKSTREAM_WITHOUT_NUMBER',
      severity: 'todo',
      params: { workstream: w.name },
      message: `The workstream "${w.name}" has no number, so no customer can reach it.`,
      fix: 'Choose a number in the workstream, or delete the workstream.',
      workstreamId: w.id,
    });
  }
  const unknown = await db
    .selectFrom('unmatched_inbound')
    .select(['account_id', 'to_address', sql<number>`count(*)::int`.as('n')])
    .groupBy(['account_id', 'to_address'])
    .execute();
  for (const u of unknown) {
    warnings.push({
      code: 'MESSAGES_FOR_UNKNOWN_NUMBER',
      severity: 'problem',
      params: { number: u.to_address.replace(/^whatsapp:/, ''), count: u.n },
      message: `${u.n} message(s) arrived for ${u.to_address.replace(/^whatsapp:/, '')}, which this account does not list. Add the number to see them.`,
      accountId: u.account_id,
      count: u.n,
    });
  }
  return warnings;
}
