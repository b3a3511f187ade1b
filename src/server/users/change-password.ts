import type { AppContext } from '../context.js';
import { deleteUserSessions, sessionHash, type SessionUser } from '../auth/sessions.js';
import { hashPassword, verifyPassword } from '../auth/passwords.js';
import { DomainError } from '../http/errors.js';
import { CLOSE_SIGNED_OUT, endUserSockets } from '../realtime/end-sockets.js';
import { recordAudit } from '../audit/record-audit.js';
import type { ChangePasswordBody } from './schema.js';

/**
 * A user changes their own password: the current one must be right. Every other session of the
 * user ends (a thief holding one is out), with its realtime sockets; the caller's own stays.
 */
export async function changeOwnPassword(ctx: AppContext, me: SessionUser, currentToken: string, body: ChangePasswordBody): Promise<void> {
  const row = await ctx.db.selectFrom('users').select('password_hash').where('id', '=', me.id).executeTakeFirstOrThrow();
  if (!(await verifyPassword(body.currentPassword, row.password_hash))) {
    throw new DomainError('WRONG_PASSWORD', 'The current password is not right.', 403, { field: 'currentPassword' });
  }
  const passwordHash = await hashPassword(body.newPassword);
  await ctx.db.transaction().execute(async (tx) => {
    await tx.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', me.id).execute();
    await deleteUserSessions(tx, me.id, { exceptToken: currentToken });
    await recordAudit(tx, me, { verb: 'updated', entityType: 'user', entityId: me.id, entityName: me.email, changes: [{ field: 'password', secret: true }] });
  });
  endUserSockets(ctx.events, { userId: me.id, exceptSession: sessionHash(currentToken), code: CLOSE_SIGNED_OUT, reason: 'Your password was changed; sign in again.' });
}
