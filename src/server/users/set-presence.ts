import type { AppContext } from '../context.js';
import type { UserView } from './schema.js';
import { findUser } from './store.js';

export async function setPresence(ctx: AppContext, userId: string, presence: string): Promise<UserView> {
  await ctx.db.updateTable('users').set({ presence }).where('id', '=', userId).execute();
  const user = (await findUser(ctx.db, userId))!;
  ctx.events.publish({ type: 'presence.changed', audience: { queueId: null, agentId: userId }, data: { userId, presence } });
  return user;
}
