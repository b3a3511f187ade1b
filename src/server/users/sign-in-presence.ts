import type { AppContext } from '../context.js';
import { presenceEvent } from './presence.js';
import { assignForAgent, assignSafely } from '../routing/assign-work.js';

/**
 * Signing in is coming to work: a user the sign-in finds Offline takes their default presence
 * (Available for agents unless an admin set another), and waiting work may come at once. Any
 * other presence (Busy, Do not disturb, Inactive after missed offers) was chosen or earned since
 * the last sign-in and stays; so does Offline when that is the user's default.
 */
export async function applySignInPresence(ctx: AppContext, userId: string): Promise<void> {
  const row = await ctx.db
    .updateTable('users')
    .set((eb) => ({ presence: eb.ref('default_presence'), presence_source: 'system', presence_changed_at: ctx.now() }))
    .where('id', '=', userId)
    .where('presence', '=', 'offline')
    .where('default_presence', '<>', 'offline')
    .returning('presence')
    .executeTakeFirst();
  if (!row) return;
  ctx.events.publish(presenceEvent(userId, row.presence, 'system'));
  await assignSafely(ctx, () => assignForAgent(ctx, userId, `signed in as ${row.presence}`));
}
