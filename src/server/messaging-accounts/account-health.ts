import { sql } from 'kysely';
import type { Executor } from '../db/database.js';

const HOUR_MS = 3_600_000;
/** How far back the Overview counts signature failures and refused sends. */
export const RECENT_MS = 24 * HOUR_MS;
/** Hourly rows older than this are dropped when a new failure is counted. */
const KEEP_MS = 7 * 24 * HOUR_MS;

/**
 * Counts a webhook refused for its signature against the account behind the URL, in the hour's row.
 * One upsert: a flood of forged requests adds to one row, it does not grow the table.
 */
export async function recordSignatureFailure(db: Executor, inboundKey: string, now: Date): Promise<void> {
  const hour = new Date(Math.floor(now.getTime() / HOUR_MS) * HOUR_MS);
  const account = await db
    .insertInto('webhook_signature_failures')
    .columns(['account_id', 'hour', 'failures', 'last_at'])
    .expression((eb) =>
      eb.selectFrom('messaging_accounts').select(['id', sql<Date>`${hour}::timestamptz`.as('hour'), sql<number>`1`.as('failures'), sql<Date>`${now}::timestamptz`.as('last_at')]).where('inbound_key', '=', inboundKey),
    )
    .onConflict((oc) => oc.columns(['account_id', 'hour']).doUpdateSet({ failures: sql`webhook_signature_failures.failures + 1`, last_at: now }))
    .returning('account_id')
    .executeTakeFirst();
  if (account) {
    await db.deleteFrom('webhook_signature_failures').where('account_id', '=', account.account_id).where('hour', '<', new Date(now.getTime() - KEEP_MS)).execute();
  }
}

/** Remembers what Twilio said of an account's saved credentials, for the Overview. */
export async function recordCredentialCheck(db: Executor, accountId: string, answer: { refused: boolean; message: string; code?: number | null }, now: Date): Promise<void> {
  const values = { refused: answer.refused, message: answer.message, twilio_code: answer.code ?? null, checked_at: now };
  await db
    .insertInto('account_credential_checks')
    .values({ account_id: accountId, ...values })
    .onConflict((oc) => oc.column('account_id').doUpdateSet(values))
    .execute();
}

/** Forgets the last check, when credentials were saved without one: the old answer no longer applies. */
export async function forgetCredentialCheck(db: Executor, accountId: string): Promise<void> {
  await db.deleteFrom('account_credential_checks').where('account_id', '=', accountId).execute();
}
