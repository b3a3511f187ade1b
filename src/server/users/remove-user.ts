import type { AppContext } from '../context.js';
import type { Executor } from '../db/database.js';
import type { SessionUser } from '../auth/sessions.js';
import { NotFoundError } from '../http/errors.js';
import { assertRemovable, effect, refusal, type Impact } from '../lifecycle/impact.js';
import { updateUser } from './update-user.js';
import type { UserView } from './schema.js';

/**
 * What removing a user does. People are named by conversations, messages and the audit log, so a
 * user is never deleted, only deactivated: they cannot sign in, their sessions end, they get no new
 * work, and the conversations they hold go back to their queues. The last active admin cannot go.
 */
export async function userImpact(db: Executor, id: string): Promise<Impact> {
  const user = await db.selectFrom('users').select(['name', 'role', 'disabled_at']).where('id', '=', id).executeTakeFirst();
  if (!user) throw new NotFoundError('The user');
  const held = await db
    .selectFrom('conversations')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('assigned_agent_id', '=', id)
    .where('state', 'in', ['active', 'waiting'])
    .executeTakeFirstOrThrow();
  const queues = await db.selectFrom('queue_members as m').innerJoin('queues as q', 'q.id', 'm.queue_id').select('q.name').where('m.user_id', '=', id).where('q.archived_at', 'is', null).orderBy('q.name').execute();
  const effects = [...effect('open-conversations', [], Number(held.n)), ...effect('queues', queues)];
  if (user.disabled_at) return { outcome: 'refused', refusal: refusal('USER_DEACTIVATED', `${user.name} is already deactivated.`), effects };
  if (user.role === 'admin') {
    const admins = await db.selectFrom('users').select((eb) => eb.fn.countAll<string>().as('n')).where('role', '=', 'admin').where('disabled_at', 'is', null).executeTakeFirstOrThrow();
    if (Number(admins.n) <= 1) {
      return {
        outcome: 'refused',
        refusal: refusal('LAST_ADMIN', 'This is the last active admin, so it cannot be deactivated: make another user an admin first, or nobody could manage Switchboard.'),
        effects,
      };
    }
  }
  return { outcome: 'deactivate', refusal: null, effects };
}

/** Deactivates through the same change an admin makes on the user's page, which rechecks the last admin under lock. */
export async function removeUser(ctx: AppContext, actor: SessionUser & { token?: string }, id: string): Promise<{ before: UserView; after: UserView }> {
  assertRemovable(await userImpact(ctx.db, id));
  return updateUser(ctx, actor, id, { disabled: true });
}
