import { sql } from 'kysely';
import type { AppContext } from '../context.js';
import type { Tx } from '../db/database.js';
import { isUniqueViolation } from '../db/errors.js';
import type { RealtimeEvent } from '../realtime/event-bus.js';
import { addConversationEvent } from '../conversations/store.js';
import { conversationEvent } from '../conversations/realtime-events.js';
import { refreshCapacityPresence } from '../users/presence.js';
import { mayAssignNow } from './overflow.js';
import { announceAgentAssigned } from '../automation/hooks.js';
import { capacityInUse } from './capacity.js';
import { selectAgent, type ConsideredAgent, type WorkRequest } from './select-agent.js';
import { loadAgentSnapshots, type LoadedAgent } from './store.js';
import { buildWorkRequest, claimConversation } from './work-request.js';

export type AssignOutcome =
  | { outcome: 'offered'; agentId: string; offerId: string; expiresAt: Date }
  | { outcome: 'assigned'; agentId: string }
  | { outcome: 'waiting'; reason: string; considered: ConsideredAgent[] }
  | { outcome: 'skipped'; reason: string };

/** How many ranked agents to try locking before giving the decision up to the next run. */
const LOCK_ATTEMPTS = 3;
/** Diagnostics keep this many agents per decision (the best ranked, then the others). */
const KEEP_CONSIDERED = 100;

/**
 * One assignment decision for one conversation, in one transaction: the conversation is claimed
 * with SKIP LOCKED (another process deciding it is left alone), the chosen agent's row is locked
 * and its capacity re-checked before the offer (push) or the assignment (affinity) is written.
 */
export async function assignConversation(ctx: AppContext, conversationId: string, opts: { trigger: string; recordWaiting?: boolean }): Promise<AssignOutcome> {
  const events: RealtimeEvent[] = [];
  const stopTimer = ctx.metrics.assignmentSeconds.startTimer();
  const outcome = await ctx.db
    .transaction()
    .execute((tx) => decide(ctx, tx, conversationId, opts, events))
    .catch((err: unknown): AssignOutcome => {
      // The claim's snapshot predates another decision's commit but its lock on the conversation came
      // after it (that decision does not change the conversation's row, so nothing re-checks): the
      // claim saw no pending offer, and the unique index kept the other decision's one alone.
      if (isUniqueViolation(err, 'offers_one_pending')) return { outcome: 'skipped', reason: 'another decision offered it first' };
      throw err;
    });
  stopTimer();
  for (const event of events) ctx.events.publish(event);
  if (outcome.outcome === 'offered') void announceOffer(ctx, conversationId, outcome).catch(() => {});
  return outcome;
}

/** After commit, the agent's workspace hears of the offer (with the conversation) and the queue of the change. */
async function announceOffer(ctx: AppContext, conversationId: string, offer: Extract<AssignOutcome, { outcome: 'offered' }>): Promise<void> {
  const view = await conversationEvent(ctx.db, conversationId, 'conversation.updated');
  const data = { offer: { id: offer.offerId, conversationId, agentId: offer.agentId, expiresAt: offer.expiresAt.toISOString(), createdAt: ctx.now().toISOString() }, conversation: view.data.conversation };
  ctx.events.publish({ type: 'offer.created', audience: { queueId: null, agentId: offer.agentId }, data });
  ctx.events.publish(view);
}

/**
 * The offer, the agent's turn (round robin, least active) and the timeline event, in one statement,
 * written only if the agent's row is still at `agentVersion`: the update locks the row (waiting for
 * a transaction that holds it) and a changed version means someone gave the agent work since the
 * agent was read, so nothing is written and null comes back.
 */
async function writeOffer(tx: Tx, input: { conversationId: string; agentId: string; agentVersion: string; queueId: string; now: Date; expiresAt: Date; decision: Record<string, unknown> }): Promise<string | null> {
  const { conversationId, agentId, queueId, now, expiresAt } = input;
  const result = await sql<{ id: string }>`
    WITH turn AS (UPDATE users SET last_assigned_at = ${now}, last_activity_at = ${now} WHERE id = ${agentId} AND xmin::text = ${input.agentVersion} RETURNING id),
         queue_turn AS (UPDATE queue_members SET last_assigned_at = ${now} WHERE queue_id = ${queueId} AND user_id = (SELECT id FROM turn)),
         offer AS (INSERT INTO offers (conversation_id, agent_id, created_at, expires_at) SELECT ${conversationId}, id, ${now}, ${expiresAt} FROM turn RETURNING id),
         event AS (
           INSERT INTO conversation_events (conversation_id, type, data)
           SELECT ${conversationId}, 'offered', ${JSON.stringify(input.decision)}::jsonb || jsonb_build_object('offerId', offer.id, 'expiresAt', ${expiresAt.toISOString()}::text) FROM offer)
    SELECT id FROM offer`.execute(tx);
  return result.rows[0]?.id ?? null;
}

async function decide(ctx: AppContext, tx: Tx, conversationId: string, opts: { trigger: string; recordWaiting?: boolean }, events: RealtimeEvent[]): Promise<AssignOutcome> {
  const now = ctx.now();
  const claimed = await claimConversation(tx, conversationId, now);
  if (!claimed) return { outcome: 'skipped', reason: 'another process is deciding this conversation' };
  const { conversation, distribution, queue } = claimed;
  if (conversation.state !== 'open' || conversation.assigned_agent_id || !queue) return { outcome: 'skipped', reason: `conversation is ${conversation.state}` };
  if (claimed.hasPendingOffer) return { outcome: 'skipped', reason: 'an offer is pending' };

  const affinityAgentId = distribution.workstream?.keep_same_agent ? conversation.last_agent_id : null;
  if (distribution.mode === 'pick' && !affinityAgentId) return { outcome: 'skipped', reason: 'pick mode: agents take it from the open list' };

  const hours = mayAssignNow(queue, now);
  if (!hours.ok) {
    const reason = `queue "${queue.name}" is closed (${hours.hours.reason}, ${hours.hours.local}); next opening ${hours.hours.nextOpenAt?.toISOString() ?? 'unknown'}`;
    if (opts.recordWaiting) await addConversationEvent(tx, conversationId, 'routing.waiting', { trigger: opts.trigger, queueId: queue.id, reason });
    return { outcome: 'waiting', reason, considered: [] };
  }

  const timeoutMs = (distribution.workstream?.offer_timeout_seconds ?? 120) * 1000;
  const declined = claimed.declinedAgentIds;
  const request = buildWorkRequest(conversation, distribution, queue.method, declined);
  // In pick mode only the previous agent is a candidate (affinity); the others pick by hand.
  const agents = distribution.mode === 'pick'
    ? await loadAgentSnapshots(tx, { queueId: queue.id, agentIds: [affinityAgentId!] })
    : await withAffinityAgent(tx, claimed.queueAgents ?? (await loadAgentSnapshots(tx, { queueId: queue.id })), queue.id, affinityAgentId);
  const selection = selectAgent(agents, request, now);
  const ranked = selection.considered.filter((c) => c.eligible).sort((a, b) => a.rank! - b.rank!);

  const decisionFor = (agent: LoadedAgent) => ({ trigger: opts.trigger, queueId: queue.id, queueName: queue.name, method: queue.method, agentId: agent.id, agentName: agent.name, considered: keepConsidered(selection.considered) });
  const offer = async (agent: LoadedAgent): Promise<AssignOutcome | null> => {
    const expiresAt = new Date(now.getTime() + timeoutMs);
    const offerId = await writeOffer(tx, { conversationId, agentId: agent.id, agentVersion: agent.version, queueId: queue.id, now, expiresAt, decision: decisionFor(agent) });
    if (!offerId) return null;
    // Automatic presence changes only when this offer fills the agent up.
    const presence = capacityInUse(agent.load, now).units + request.units >= agent.capacity ? await refreshCapacityPresence(tx, agent.id, now) : null;
    if (presence) events.push(presence);
    return { outcome: 'offered', agentId: agent.id, offerId, expiresAt };
  };

  // Usually nobody gave the best agent work since the claim read them: the offer is written
  // against that read, with no separate lock and re-read (two round trips of six).
  const best = ranked[0] && ranked[0].agentId !== affinityAgentId ? agents.find((a) => a.id === ranked[0].agentId) : undefined;
  const offered = best ? await offer(best) : null;
  if (offered) return offered;

  for (const [attempt, candidate] of ranked.slice(0, LOCK_ATTEMPTS).entries()) {
    // Only the first lock may wait: a transaction that already holds an agent's row never waits
    // for another one, so concurrent decisions cannot deadlock (the attempt above either waited for
    // this same first agent, whose row it then holds, or found it changed without waiting).
    const [locked] = await loadAgentSnapshots(tx, { queueId: queue.id, agentIds: [candidate.agentId], lock: attempt === 0 ? 'wait' : 'skip' });
    if (!locked || selectAgent([locked], request, now).chosenId !== locked.id) continue;
    if (candidate.agentId === affinityAgentId) {
      await assignToPreviousAgent(tx, { conversationId, agentId: locked.id, queueId: queue.id, now, decision: decisionFor(locked) }, events);
      return { outcome: 'assigned', agentId: locked.id };
    }
    const lockedOffer = await offer(locked);
    if (!lockedOffer) throw new Error(`agent ${locked.id} changed while this transaction held their row`);
    return lockedOffer;
  }

  const reason = ranked.length ? 'every eligible agent was taken by another decision; the next run retries' : 'no eligible agent';
  if (opts.recordWaiting) {
    await addConversationEvent(tx, conversationId, 'routing.waiting', { trigger: opts.trigger, queueId: queue.id, queueName: queue.name, reason, considered: keepConsidered(selection.considered) });
  }
  return { outcome: 'waiting', reason, considered: selection.considered };
}

/** Affinity: the conversation goes straight back to its previous agent, Active, with no offer. */
async function assignToPreviousAgent(tx: Tx, input: { conversationId: string; agentId: string; queueId: string; now: Date; decision: Record<string, unknown> }, events: RealtimeEvent[]): Promise<void> {
  const { conversationId, agentId, now } = input;
  await markAssignedTo(tx, agentId, input.queueId, now);
  await tx.updateTable('conversations').set({ state: 'active', assigned_agent_id: agentId, last_agent_id: agentId }).where('id', '=', conversationId).execute();
  await addConversationEvent(tx, conversationId, 'assigned', { ...input.decision, how: 'affinity', from: 'open', to: 'active' });
  await announceAgentAssigned(tx, conversationId, now);
  const presence = await refreshCapacityPresence(tx, agentId, now);
  if (presence) events.push(presence);
  events.push(await conversationEvent(tx, conversationId, 'conversation.updated'));
}

async function withAffinityAgent(tx: Tx, agents: Awaited<ReturnType<typeof loadAgentSnapshots>>, queueId: string, affinityAgentId: string | null) {
  if (!affinityAgentId || agents.some((a) => a.id === affinityAgentId)) return agents;
  return [...agents, ...(await loadAgentSnapshots(tx, { queueId, agentIds: [affinityAgentId] }))];
}

/** Round robin turns per queue; least active by the agent's last assignment or release. */
export async function markAssignedTo(tx: Tx, agentId: string, queueId: string | null, now: Date): Promise<void> {
  await tx.updateTable('users').set({ last_assigned_at: now, last_activity_at: now }).where('id', '=', agentId).execute();
  if (queueId) await tx.updateTable('queue_members').set({ last_assigned_at: now }).where('queue_id', '=', queueId).where('user_id', '=', agentId).execute();
}

export function keepConsidered(considered: ConsideredAgent[]): ConsideredAgent[] {
  const ranked = considered.filter((c) => c.rank !== null).sort((a, b) => a.rank! - b.rank!);
  const others = considered.filter((c) => c.rank === null);
  return [...ranked, ...others].slice(0, KEEP_CONSIDERED);
}

export type { WorkRequest };
