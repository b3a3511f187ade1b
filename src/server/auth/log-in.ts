import type { Executor } from '../db/database.js';
import { UNMATCHABLE_HASH, verifyPassword } from './passwords.js';
import { createSession, type SessionUser } from './sessions.js';
import { UnauthorizedError } from '../http/errors.js';
import { ACCOUNT_MAX_ATTEMPTS, ADDRESS_WINDOW_MS, AccountLockedError, LOCK_CAP_MINUTES, LoginThrottledError } from './sign-in-limits.js';
import { clearAccount, releaseAddressAttempt, reserveAccountAttempt, reserveAddressAttempt } from './sign-in-store.js';

export type SignInAttempt = { email: string; password: string; client: string; now: Date; addressLimit: number };

/**
 * Checks a password behind two limits kept in the database: the client address's allowance of
 * failed sign-ins, and the sign-in name's lock. Each attempt is reserved by one atomic statement
 * before the hash runs, so parallel guesses, on any process, cannot all get checked. An unknown
 * e-mail goes through the same steps, a hash included, and answers the same as a wrong password.
 */
export async function logIn(db: Executor, attempt: SignInAttempt): Promise<{ token: string; expiresAt: Date; user: SessionUser }> {
  const { password, client, now } = attempt;
  const email = attempt.email.trim().toLowerCase();
  const addressRetryAt = await reserveAddressAttempt(db, client, now, { maxAttempts: attempt.addressLimit, windowMs: ADDRESS_WINDOW_MS });
  if (addressRetryAt) throw new LoginThrottledError(addressRetryAt, now);
  const account = await reserveAccountAttempt(db, email, now, { maxAttempts: ACCOUNT_MAX_ATTEMPTS, capMinutes: LOCK_CAP_MINUTES });
  if (!account.reserved) throw new AccountLockedError(account.lockedUntil, now);

  const user = await db
    .selectFrom('users')
    .select(['id', 'email', 'name', 'role', 'language', 'password_hash'])
    .where('email', '=', email)
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
  const right = await verifyPassword(password, user?.password_hash ?? UNMATCHABLE_HASH);
  if (!user || !right) {
    if (account.locks) throw new AccountLockedError(account.locks, now);
    throw new UnauthorizedError('The email or password is not right.');
  }
  await clearAccount(db, email);
  await releaseAddressAttempt(db, client, now);
  const session = await createSession(db, user.id, now);
  return { ...session, user: { id: user.id, email: user.email, name: user.name, role: user.role, language: user.language } };
}
