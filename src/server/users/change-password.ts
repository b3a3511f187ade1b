import type { AppContext } from '../context.js';
import { deleteUserSessions, sessionHash, type SessionUser } from '../auth/sessions.js';
import { hashPassword, verifyPassword } from '../auth/passwords.js';
import { DomainError } from '../http/errors.js';
import { CLOSE_SIGNED_OUT, endUserSockets } from '../realtime/end-sockets.js';
import { recordAudit } from '../audit/record-audit.js';
import type { ChangePasswordBody } from './schema.js';
import { ACCOUNT_MAX_ATTEMPTS, AccountLockedError, LOCK_CAP_MINUTES } from '../auth/sign-in-limits.js';
import { clearAccount, reserveAccountAttempt } from '../auth/sign-in-store.js';

/**
 * A user changes their own password: the current one must be right. Every other session of the
 * user ends (a thief holding one is out), with its realtime sockets; the caller's own stays.
 * Guessing the current password through a stolen session counts against the same lock as
 * guessing it at sign-in, reserved before the hash runs.
 */
export async function changeOwnPassword(ctx: AppContext, me: SessionUser, currentToken: string, body: ChangePasswordBody): Promise<void> {
  const now = ctx.now();
  const signInName = me.email.trim().toLowerCase();
  const attempt = await reserveAccountAttempt(ctx.db, signInName, now, { maxAttempts: ACCOUNT_MAX_ATTEMPTS, capMinutes: LOCK_CAP_MINUTES });
  if (!attempt.reserved) throw new AccountLockedError(attempt.lockedUntil, now);
  const row = await ctx.db.selectFrom('users').select('password_hash').where('id', '=', me.id).executeTakeFirstOrThrow();
  if (!(await verifyPassword(body.currentPassword, row.password_hash))) {
    if (attempt.locks) throw new AccountLockedError(attempt.locks, now);
    throw new DomainError('WRONG_PASSWORD', 'The current password is not right.', 403, { field: 'currentPassword' });
  }
  await clearAccount(ctx.db, signInName);
  const passwordHash = await hashPassword(body.newPassword);
  await ctx.db.transaction().execute(async (tx) => {
    await tx.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', me.id).execute();
    await deleteUserSessions(tx, me.id, { exceptToken: currentToken });
    await recordAudit(tx, me, { verb: 'updated', entityType: 'user', entityId: me.id, entityName: me.email, changes: [{ field: 'password', secret: true }] });
  });
  endUserSockets(ctx.events, { userId: me.id, exceptSession: sessionHash(currentToken), code: CLOSE_SIGNED_OUT, reason: 'Your password was changed; sign in again.' });
}
