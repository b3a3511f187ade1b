import type { AppContext } from '../context.js';
import type { Executor } from '../db/database.js';
import type { RealtimeEvent } from '../realtime/event-bus.js';
import { capacityInUse } from '../routing/capacity.js';
import { loadWorkItems } from '../routing/store.js';

export type PresenceSource = 'agent' | 'capacity' | 'system';

export function presenceEvent(userId: string, presence: string, source: PresenceSource): RealtimeEvent {
  return { type: 'presence.changed', audience: { queueId: null, agentId: userId }, data: { userId, presence, source } };
}

export async function writePresence(db: Executor, userId: string, presence: string, source: PresenceSource, now: Date): Promise<void> {
  await db.updateTable('users').set({ presence, presence_source: source, presence_changed_at: now }).where('id', '=', userId).execute();
}

/**
 * Automatic presence from capacity: an Available agent with no capacity left shows Busy, and goes
 * back to Available when capacity frees, unless the agent chose Busy themselves.
 * Answers the event to publish after commit, or null when nothing changed.
 */
export async function refreshCapacityPresence(db: Executor, userId: string, now: Date): Promise<RealtimeEvent | null> {
  const user = await db.selectFrom('users').select(['presence', 'presence_source', 'capacity']).where('id', '=', userId).executeTakeFirst();
  if (!user) return null;
  const used = capacityInUse((await loadWorkItems(db, [userId])).get(userId) ?? [], now).units;
  const full = used >= user.capacity;
  if (full && user.presence === 'available') {
    await writePresence(db, userId, 'busy', 'capacity', now);
    return presenceEvent(userId, 'busy', 'capacity');
  }
  if (!full && user.presence === 'busy' && user.presence_source === 'capacity') {
    await writePresence(db, userId, 'available', 'capacity', now);
    return presenceEvent(userId, 'available', 'capacity');
  }
  return null;
}

/**
 * Working a conversation is being at work, so an agent who picks one while Offline is no longer
 * shown Offline (the supervisor floor would show a working agent as absent). They take their
 * default presence, or Available when that default is Offline too; the capacity rule may then turn
 * it Busy. Any presence other than Offline was chosen or earned (Busy, Do not disturb, Inactive after
 * missed offers) and stays. Answers the event to publish after commit, or null when nothing changed.
 */
export async function presenceForWork(db: Executor, userId: string, now: Date): Promise<RealtimeEvent | null> {
  const row = await db
    .updateTable('users')
    .set((eb) => ({
      presence: eb.case().when('default_presence', '=', 'offline').then('available').else(eb.ref('default_presence')).end(),
      presence_source: 'system',
      presence_changed_at: now,
    }))
    .where('id', '=', userId)
    .where('presence', '=', 'offline')
    .returning('presence')
    .executeTakeFirst();
  return row ? presenceEvent(userId, row.presence, 'system') : null;
}

/** After the 2.5 minutes that follow an agent's last realtime connection closing, the agent is Offline. */
export const OFFLINE_AFTER_MS = 150_000;
const HEARTBEAT_MS = 30_000;

/** Agents whose last connection is gone for OFFLINE_AFTER_MS become Offline. Safe on several processes. */
export async function markDisconnectedAgentsOffline(ctx: AppContext): Promise<string[]> {
  // This process's own connections count as seen right now.
  await connectionTracker(ctx).heartbeat();
  const now = ctx.now();
  const rows = await ctx.db
    .updateTable('users')
    .set({ presence: 'offline', presence_source: 'system', presence_changed_at: now, last_seen_at: null })
    .where('last_seen_at', '<', new Date(now.getTime() - OFFLINE_AFTER_MS))
    .where('presence', '<>', 'offline')
    .returning('id')
    .execute();
  for (const r of rows) ctx.events.publish(presenceEvent(r.id, 'offline', 'system'));
  return rows.map((r) => r.id);
}

/**
 * Realtime connections of this process, per user. While any is open the user's last_seen_at is
 * refreshed; when the last one closes it is stamped, and the sweep takes it from there. Kept in
 * the database so that several processes agree.
 */
const trackers = new WeakMap<AppContext, ReturnType<typeof createConnectionTracker>>();

/** The tracker of this process's connections (one per context). */
export function connectionTracker(ctx: AppContext) {
  let tracker = trackers.get(ctx);
  if (!tracker) {
    tracker = createConnectionTracker(ctx);
    trackers.set(ctx, tracker);
  }
  return tracker;
}

function createConnectionTracker(ctx: AppContext) {
  const open = new Map<string, number>();
  let heartbeat: NodeJS.Timeout | null = null;
  const stamp = (ids: string[]) =>
    ids.length ? ctx.db.updateTable('users').set({ last_seen_at: ctx.now() }).where('id', 'in', ids).execute().then(() => {}, () => {}) : Promise.resolve();

  return {
    heartbeat: () => stamp([...open.keys()]),
    async connected(userId: string): Promise<void> {
      open.set(userId, (open.get(userId) ?? 0) + 1);
      heartbeat ??= setInterval(() => void stamp([...open.keys()]), HEARTBEAT_MS).unref();
      await stamp([userId]);
      // Back after the system marked them Offline: they are available again.
      const restored = await ctx.db
        .updateTable('users')
        .set({ presence: 'available', presence_source: 'system', presence_changed_at: ctx.now() })
        .where('id', '=', userId)
        .where('presence', '=', 'offline')
        .where('presence_source', '=', 'system')
        .returning('id')
        .execute()
        .catch(() => []);
      if (restored.length) ctx.events.publish(presenceEvent(userId, 'available', 'system'));
    },
    async disconnected(userId: string): Promise<void> {
      const left = (open.get(userId) ?? 1) - 1;
      if (left > 0) {
        open.set(userId, left);
        return;
      }
      open.delete(userId);
      if (open.size === 0 && heartbeat) {
        clearInterval(heartbeat);
        heartbeat = null;
      }
      await stamp([userId]);
    },
  };
}
