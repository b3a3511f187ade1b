import type { Executor } from '../db/database.js';
import { randomToken, sha256 } from '../crypto/tokens.js';
import type { Role } from '../db/schema.js';

const SESSION_DAYS = 30;

export type SessionUser = { id: string; email: string; name: string; role: Role; language: string };

export async function createSession(db: Executor, userId: string, now: Date): Promise<{ token: string; expiresAt: Date }> {
  const token = randomToken(32);
  const expiresAt = new Date(now.getTime() + SESSION_DAYS * 24 * 3600 * 1000);
  await db.insertInto('sessions').values({ token_hash: sha256(token), user_id: userId, expires_at: expiresAt }).execute();
  return { token, expiresAt };
}

export async function findSessionUser(db: Executor, token: string, now: Date): Promise<SessionUser | null> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['users.id', 'users.email', 'users.name', 'users.role', 'users.language'])
    .where('sessions.token_hash', '=', sessionHash(token))
    .where('sessions.expires_at', '>', now)
    .where('users.disabled_at', 'is', null)
    .executeTakeFirst();
  return row ?? null;
}

/** How a session is named in the database and in socket-closing events: never by its token. */
export const sessionHash = (token: string) => sha256(token);

export async function deleteSession(db: Executor, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', sessionHash(token)).execute();
}

/** Ends every session of the user, or every one but `exceptToken`'s (the caller's own). */
export async function deleteUserSessions(db: Executor, userId: string, opts: { exceptToken?: string } = {}): Promise<void> {
  let query = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (opts.exceptToken) query = query.where('token_hash', '<>', sessionHash(opts.exceptToken));
  await query.execute();
}
