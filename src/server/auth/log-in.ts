import type { Executor } from '../db/database.js';
import { verifyPassword } from './passwords.js';
import { createSession, type SessionUser } from './sessions.js';
import { DomainError, UnauthorizedError } from '../http/errors.js';

const MAX_FAILED_LOGINS = 5;
const LOCK_MINUTES = 15;

export class AccountLockedError extends DomainError {
  constructor(until: Date) {
    super('ACCOUNT_LOCKED', `Too many failed sign-ins. Try again after ${until.toISOString()}.`, 429, { lockedUntil: until.toISOString() });
  }
}

/** Checks the password; five failures in a row lock the account for fifteen minutes. */
export async function logIn(db: Executor, email: string, password: string, now: Date): Promise<{ token: string; expiresAt: Date; user: SessionUser }> {
  const user = await db
    .selectFrom('users')
    .select(['id', 'email', 'name', 'role', 'language', 'password_hash', 'failed_logins', 'locked_until'])
    .where('email', '=', email.trim().toLowerCase())
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
  const invalid = new UnauthorizedError('The email or password is not right.');
  if (!user) throw invalid;
  if (user.locked_until && user.locked_until > now) throw new AccountLockedError(user.locked_until);
  if (!(await verifyPassword(password, user.password_hash))) {
    const failures = user.failed_logins + 1;
    const lockedUntil = failures >= MAX_FAILED_LOGINS ? new Date(now.getTime() + LOCK_MINUTES * 60_000) : null;
    await db
      .updateTable('users')
      .set({ failed_logins: lockedUntil ? 0 : failures, locked_until: lockedUntil })
      .where('id', '=', user.id)
      .execute();
    if (lockedUntil) throw new AccountLockedError(lockedUntil);
    throw invalid;
  }
  await db.updateTable('users').set({ failed_logins: 0, locked_until: null }).where('id', '=', user.id).execute();
  const session = await createSession(db, user.id, now);
  return { ...session, user: { id: user.id, email: user.email, name: user.name, role: user.role, language: user.language } };
}
