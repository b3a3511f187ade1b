import { sql } from 'kysely';
import type { Executor } from '../db/database.js';
import type { ChannelId } from '../channels/registry.js';
import { capacityInUse } from '../routing/capacity.js';
import { loadWorkItems } from '../routing/store.js';
import { averageSpeedToAnswer, presenceSegments, secondsBetween, serviceLevel, type ConversationFacts } from './figures.js';
import { loadConversationFacts } from './store.js';
import type { AgentLiveView, LiveView, QueueLiveView } from './schema.js';

const HOUR_MS = 3600 * 1000;
/** Service level and speed to answer look at the last day; the presence timeline at the last hours. */
const SERVICE_WINDOW_MS = 24 * HOUR_MS;
const TIMELINE_WINDOW_MS = 8 * HOUR_MS;

/** The floor right now: every queue's work and agents, every agent's conversations and presence. */
export async function loadLive(db: Executor, now: Date, channel?: ChannelId): Promise<LiveView> {
  const since = new Date(now.getTime() - SERVICE_WINDOW_MS);
  const agents = await loadAgents(db, now, channel);
  const queues = await loadQueueFigures(db, now, agents, await loadConversationFacts(db, { createdFrom: since, channel }), channel);
  return { at: now.toISOString(), since: since.toISOString(), channel: channel ?? null, queues, agents };
}

async function loadQueueFigures(db: Executor, now: Date, agents: AgentLiveView[], facts: ConversationFacts[], channel: ChannelId | undefined): Promise<QueueLiveView[]> {
  const queues = await db.selectFrom('queues').select(['id', 'name']).orderBy('priority', 'desc').orderBy('name').execute();
  let countQuery = db
    .selectFrom('conversations')
    .select(['queue_id', 'state', 'channel', sql<number>`count(*)::int`.as('n'), sql<Date | null>`min(coalesce(queued_at, created_at))`.as('oldest')])
    .where('state', '<>', 'closed');
  if (channel) countQuery = countQuery.where('channel', '=', channel);
  const counts = await countQuery.groupBy(['queue_id', 'state', 'channel']).execute();
  return queues.map((queue) => {
    const rows = (state: string) => counts.filter((c) => c.queue_id === queue.id && c.state === state);
    const count = (state: string) => sum(rows(state).map((r) => Number(r.n)));
    const oldest = rows('open').map((r) => r.oldest).filter((d): d is Date => d !== null).map((d) => new Date(d)).sort((a, b) => a.getTime() - b.getTime())[0];
    const waitingByChannel = Object.fromEntries(rows('open').map((r) => [r.channel, Number(r.n)]));
    const members = agents.filter((a) => a.queueIds.includes(queue.id));
    const agentsByPresence: Record<string, number> = {};
    for (const a of members) agentsByPresence[a.presence] = (agentsByPresence[a.presence] ?? 0) + 1;
    const queueFacts = facts.filter((f) => f.queueId === queue.id);
    return {
      queueId: queue.id,
      name: queue.name,
      waiting: count('open'),
      longestWaitSeconds: oldest ? Math.max(0, Math.round(secondsBetween(oldest, now))) : null,
      active: count('active'),
      onHold: count('waiting'),
      wrapUp: count('wrap-up'),
      waitingByChannel,
      agentsByPresence,
      capacity: { used: sum(members.map((a) => a.capacity.used)), total: sum(members.map((a) => a.capacity.total)) },
      serviceLevel: {
        within20s: serviceLevel(queueFacts, 20, now),
        within60s: serviceLevel(queueFacts, 60, now),
        within120s: serviceLevel(queueFacts, 120, now),
      },
      averageSpeedToAnswerSeconds: averageSpeedToAnswer(queueFacts),
    };
  });
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/** Agents: everyone with the agent role, and anyone else who is a member of a queue. */
async function loadAgents(db: Executor, now: Date, channel: ChannelId | undefined): Promise<AgentLiveView[]> {
  const memberships = await db.selectFrom('queue_members').select(['queue_id', 'user_id']).execute();
  const memberIds = [...new Set(memberships.map((m) => m.user_id))];
  const users = await db
    .selectFrom('users')
    .select(['id', 'name', 'presence', 'capacity'])
    .where('disabled_at', 'is', null)
    .where((eb) => (memberIds.length ? eb.or([eb('role', '=', 'agent'), eb('id', 'in', memberIds)]) : eb('role', '=', 'agent')))
    .orderBy('name')
    .execute();
  const ids = users.map((u) => u.id);
  if (!ids.length) return [];
  const work = await loadWorkItems(db, ids);
  let heldQuery = db
    .selectFrom('conversations as c')
    .innerJoin('contacts as ct', 'ct.id', 'c.contact_id')
    .select(['c.id', 'c.channel', 'c.state', 'c.queue_id', 'c.assigned_agent_id', 'c.last_message_at', sql<string>`coalesce(ct.name, ct.profile_name, ct.phone)`.as('customer')])
    .where('c.assigned_agent_id', 'in', ids)
    .where('c.state', '<>', 'closed');
  if (channel) heldQuery = heldQuery.where('c.channel', '=', channel);
  const held = await heldQuery.orderBy('c.last_message_at', 'desc').execute();
  const timelineStart = new Date(now.getTime() - TIMELINE_WINDOW_MS);
  const changes = await db.selectFrom('presence_history').select(['user_id', 'presence', 'changed_at']).where('user_id', 'in', ids).where('changed_at', '>=', timelineStart).orderBy('changed_at').orderBy('id').execute();
  const before = await sql<{ user_id: string; presence: string }>`
    SELECT DISTINCT ON (user_id) user_id, presence FROM presence_history
    WHERE user_id IN (${sql.join(ids)}) AND changed_at < ${timelineStart} ORDER BY user_id, changed_at DESC, id DESC`.execute(db);

  return users.map((u) => {
    const own = changes.filter((c) => c.user_id === u.id).map((c) => ({ presence: c.presence, at: c.changed_at }));
    // Before the first recorded change an agent was Offline (the starting presence); with no
    // change at all, the current presence has held the whole window.
    const startPresence = before.rows.find((b) => b.user_id === u.id)?.presence ?? (own.length ? 'offline' : u.presence);
    return {
      agentId: u.id,
      name: u.name,
      presence: u.presence,
      queueIds: memberships.filter((m) => m.user_id === u.id).map((m) => m.queue_id),
      capacity: { used: capacityInUse(work.get(u.id) ?? [], now).units, total: u.capacity },
      conversations: held
        .filter((c) => c.assigned_agent_id === u.id)
        .map((c) => ({ id: c.id, channel: c.channel, state: c.state, customer: c.customer, queueId: c.queue_id, since: c.last_message_at.toISOString() })),
      presenceTimeline: presenceSegments(startPresence, own, timelineStart, now),
    };
  });
}
