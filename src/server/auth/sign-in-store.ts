import { sql } from 'kysely';
import type { Executor } from '../db/database.js';

/**
 * Reserves one attempt for a sign-in name unless it is locked. The attempt that reaches `maxAttempts`
 * locks the name at once (for 2^level minutes, up to `capMinutes`), so attempts running alongside it
 * are refused before their hash; if that attempt turns out right, clearAccount lifts the lock.
 * Answers `reserved: false` with the lock's end when refused, and `locks` when this attempt locked.
 */
export async function reserveAccountAttempt(
  db: Executor,
  email: string,
  now: Date,
  opts: { maxAttempts: number; capMinutes: number },
): Promise<{ reserved: true; locks: Date | null } | { reserved: false; lockedUntil: Date }> {
  const locking = sql`g.attempts + 1 >= ${opts.maxAttempts}`;
  const row = await sql<{ locked_until: Date | null }>`
    INSERT INTO sign_in_accounts AS g (email, attempts, last_attempt_at) VALUES (${email}, 1, ${now})
    ON CONFLICT (email) DO UPDATE SET
      attempts = CASE WHEN ${locking} THEN 0 ELSE g.attempts + 1 END,
      locked_until = CASE WHEN ${locking}
        THEN ${now}::timestamptz + least(${opts.capMinutes}::int, power(2, g.lock_level)::int) * interval '1 minute'
        ELSE g.locked_until END,
      lock_level = CASE WHEN ${locking} THEN least(g.lock_level + 1, 30) ELSE g.lock_level END,
      last_attempt_at = ${now}
    WHERE g.locked_until IS NULL OR g.locked_until <= ${now}
    RETURNING locked_until`.execute(db);
  if (row.rows.length) {
    const lockedUntil = row.rows[0].locked_until;
    return { reserved: true, locks: lockedUntil && lockedUntil > now ? lockedUntil : null };
  }
  const lock = await db.selectFrom('sign_in_accounts').select('locked_until').where('email', '=', email).executeTakeFirst();
  return { reserved: false, lockedUntil: lock?.locked_until ?? now };
}

/** A right password: the name's attempts, lock and lock level are forgotten. */
export async function clearAccount(db: Executor, email: string): Promise<void> {
  await db.deleteFrom('sign_in_accounts').where('email', '=', email).execute();
}

/**
 * Reserves one attempt for a client address in its current window of `windowMs`, unless the window
 * already holds `maxAttempts`. Answers null when reserved, else when the window ends.
 */
export async function reserveAddressAttempt(db: Executor, address: string, now: Date, opts: { maxAttempts: number; windowMs: number }): Promise<Date | null> {
  const stale = new Date(now.getTime() - opts.windowMs);
  const row = await sql<{ attempts: number }>`
    INSERT INTO sign_in_addresses AS a (address, window_started_at, attempts) VALUES (${address}, ${now}, 1)
    ON CONFLICT (address) DO UPDATE SET
      window_started_at = CASE WHEN a.window_started_at <= ${stale} THEN ${now} ELSE a.window_started_at END,
      attempts = CASE WHEN a.window_started_at <= ${stale} THEN 1 ELSE a.attempts + 1 END
    WHERE a.window_started_at <= ${stale} OR a.attempts < ${opts.maxAttempts}
    RETURNING attempts`.execute(db);
  if (row.rows.length) return null;
  const window = await db.selectFrom('sign_in_addresses').select('window_started_at').where('address', '=', address).executeTakeFirst();
  return new Date((window?.window_started_at ?? now).getTime() + opts.windowMs);
}

/** A sign-in that succeeded gives its attempt back, if its window is still the current one. */
export async function releaseAddressAttempt(db: Executor, address: string, reservedAt: Date): Promise<void> {
  await db
    .updateTable('sign_in_addresses')
    .set((eb) => ({ attempts: sql<number>`greatest(${eb.ref('attempts')} - 1, 0)` }))
    .where('address', '=', address)
    .where('window_started_at', '<=', reservedAt)
    .execute();
}

/** Rows that no longer limit anything: names unlocked and quiet for a day (their lock level resets), windows over. */
export async function forgetStaleSignInLimits(db: Executor, now: Date, windowMs: number): Promise<void> {
  const dayAgo = new Date(now.getTime() - 24 * 3600_000);
  await db
    .deleteFrom('sign_in_accounts')
    .where('last_attempt_at', '<', dayAgo)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
    .execute();
  await db.deleteFrom('sign_in_addresses').where('window_started_at', '<', new Date(now.getTime() - windowMs)).execute();
}
