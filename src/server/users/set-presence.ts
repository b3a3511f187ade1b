import type { AppContext } from '../context.js';
import type { UserView } from './schema.js';
import { findUser } from './store.js';
import { presenceEvent, writePresence } from './presence.js';
import { assignForAgent, assignSafely } from '../routing/assign-work.js';

/** The agent's own choice. Coming back (e.g. from Inactive) clears the missed offers; becoming available lets waiting work come. */
export async function setPresence(ctx: AppContext, userId: string, presence: string): Promise<UserView> {
  await writePresence(ctx.db, userId, presence, 'agent', ctx.now());
  await ctx.db.updateTable('users').set({ missed_offers: 0 }).where('id', '=', userId).execute();
  ctx.events.publish(presenceEvent(userId, presence, 'agent'));
  await assignSafely(ctx, () => assignForAgent(ctx, userId, `presence set to ${presence}`));
  return (await findUser(ctx.db, userId))!;
}
