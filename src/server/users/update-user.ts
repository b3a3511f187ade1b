import type { AppContext } from '../context.js';
import type { Executor, Tx } from '../db/database.js';
import type { SessionUser } from '../auth/sessions.js';
import { deleteUserSessions, sessionHash } from '../auth/sessions.js';
import { hashPassword } from '../auth/passwords.js';
import { ConflictError, NotFoundError, ValidationError } from '../http/errors.js';
import { CLOSE_RECONNECT, CLOSE_SIGNED_OUT, endUserSockets } from '../realtime/end-sockets.js';
import { releaseAgentWork } from '../routing/release-agent-work.js';
import type { UpdateUserBody, UserView } from './schema.js';
import { findUser } from './store.js';
import { presenceEvent, writePresence } from './presence.js';

/**
 * An admin's change to a user, in one transaction. A new password ends the user's sessions (all
 * but the caller's own when admins reset their own); deactivating ends them all and takes the user
 * out of routing; a role change makes the user's sockets reconnect with the new role. The last
 * active admin cannot be demoted or deactivated.
 */
export async function updateUser(ctx: AppContext, actor: SessionUser & { token?: string }, id: string, input: UpdateUserBody): Promise<{ before: UserView; after: UserView }> {
  const { password, skills, capacityProfiles, disabled, defaultPresence, ...fields } = input;
  // scrypt takes a while: not while the admin rows are locked.
  const passwordHash = password ? await hashPassword(password) : undefined;
  const now = ctx.now();
  const { before, after } = await ctx.db.transaction().execute(async (tx) => {
    if (fields.role !== undefined || disabled !== undefined) await lockActiveAdmins(tx, id, fields.role, disabled);
    const before = await findUser(tx, id);
    if (!before) throw new NotFoundError('The user');
    const disabledAt = disabled === undefined || disabled === before.disabled ? {} : { disabled_at: disabled ? now : null };
    const values = { ...fields, ...(defaultPresence ? { default_presence: defaultPresence } : {}), ...(passwordHash ? { password_hash: passwordHash } : {}), ...disabledAt };
    if (Object.keys(values).length > 0) await tx.updateTable('users').set(values).where('id', '=', id).execute();
    if (skills) await replaceSkills(tx, id, skills);
    if (capacityProfiles) await replaceCapacityProfiles(tx, id, capacityProfiles);
    if (disabled && !before.disabled) {
      await deleteUserSessions(tx, id);
      await writePresence(tx, id, 'offline', 'system', now);
    } else if (passwordHash) {
      await deleteUserSessions(tx, id, { exceptToken: actor.id === id ? actor.token : undefined });
    }
    return { before, after: (await findUser(tx, id))! };
  });

  const deactivated = after.disabled && !before.disabled;
  if (deactivated) {
    endUserSockets(ctx.events, { userId: id, code: CLOSE_SIGNED_OUT, reason: 'Your account was deactivated.' });
    ctx.events.publish(presenceEvent(id, 'offline', 'system'));
    await releaseAgentWork(ctx, actor, id, 'The agent was deactivated.');
  } else if (passwordHash) {
    const except = actor.id === id && actor.token ? { exceptSession: sessionHash(actor.token) } : {};
    endUserSockets(ctx.events, { userId: id, ...except, code: CLOSE_SIGNED_OUT, reason: 'Your password was changed; sign in again.' });
  }
  if (!deactivated && after.role !== before.role) {
    // The stream a socket hears depends on the role it was opened with.
    endUserSockets(ctx.events, { userId: id, code: CLOSE_RECONNECT, reason: 'Your role changed; reconnect.' });
  }
  return { before, after };
}

/**
 * Locks every active admin's row, then refuses a change that would leave none. Two admins
 * demoting each other at once: the second waits for the first's lock and then no longer counts
 * the first as an admin, so it is refused.
 */
async function lockActiveAdmins(tx: Tx, id: string, role: UpdateUserBody['role'], disabled: boolean | undefined): Promise<void> {
  const admins = await tx.selectFrom('users').select('id').where('role', '=', 'admin').where('disabled_at', 'is', null).orderBy('id').forUpdate().execute();
  const losesAdmin = (role !== undefined && role !== 'admin') || disabled === true;
  if (losesAdmin && admins.some((a) => a.id === id) && admins.length === 1) {
    throw new ConflictError(
      'LAST_ADMIN',
      disabled
        ? 'This is the last active admin, so it cannot be deactivated: make another user an admin first, or nobody could manage Switchboard.'
        : 'This is the last active admin, so its role cannot change: make another user an admin first, or nobody could manage Switchboard.',
      { field: disabled ? 'disabled' : 'role' },
    );
  }
}

async function replaceSkills(db: Executor, userId: string, skills: { name: string; proficiency: number }[]) {
  const names = skills.map((s) => s.name.trim().toLowerCase());
  if (new Set(names).size !== names.length) throw new ValidationError('A skill is listed twice.', 'skills');
  await db.deleteFrom('user_skills').where('user_id', '=', userId).execute();
  if (skills.length) await db.insertInto('user_skills').values(skills.map((s) => ({ user_id: userId, name: s.name.trim(), proficiency: s.proficiency }))).execute();
}

async function replaceCapacityProfiles(db: Executor, userId: string, profiles: { profileId: string; maxItems: number }[]) {
  const ids = [...new Set(profiles.map((p) => p.profileId))];
  const found = ids.length ? await db.selectFrom('capacity_profiles').select('id').where('id', 'in', ids).execute() : [];
  if (found.length !== ids.length || ids.length !== profiles.length) throw new ValidationError('Each capacity profile must exist and appear once.', 'capacityProfiles');
  await db.deleteFrom('user_capacity_profiles').where('user_id', '=', userId).execute();
  if (profiles.length) await db.insertInto('user_capacity_profiles').values(profiles.map((p) => ({ user_id: userId, profile_id: p.profileId, max_items: p.maxItems }))).execute();
}
