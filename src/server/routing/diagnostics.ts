import type { AppContext } from '../context.js';
import type { SessionUser } from '../auth/sessions.js';
import { loadVisibleConversation } from '../conversations/policy.js';
import { mayAssignNow } from './overflow.js';
import { selectAgent } from './select-agent.js';
import { loadAgentSnapshots, loadQueues, type QueueRow } from './store.js';
import { buildWorkRequest, loadDistribution, recentDecliners, routableColumns, type Distribution, type RoutableConversation } from './work-request.js';
import { keepConsidered } from './assign-conversation.js';
import type { DiagnosticsView } from './schema.js';

const DECISION_TYPES = ['queued', 'offered', 'assigned', 'offer-accepted', 'offer-rejected', 'offer-expired', 'transferred', 'routing.waiting', 'state-changed', 'routing.overflow'];

/** Why the conversation went where it did: the recorded decisions, and for waiting work, who would be considered now. */
export async function routingDiagnostics(ctx: AppContext, user: SessionUser, id: string): Promise<DiagnosticsView> {
  await loadVisibleConversation(ctx.db, user, id);
  const conversation = (await ctx.db.selectFrom('conversations').select(routableColumns).where('id', '=', id).executeTakeFirstOrThrow()) as RoutableConversation;
  const distribution = await loadDistribution(ctx.db, conversation.workstream_id);
  const queue = conversation.queue_id ? (await loadQueues(ctx.db, [conversation.queue_id])).get(conversation.queue_id) ?? null : null;
  const events = await ctx.db.selectFrom('conversation_events').select(['type', 'data', 'created_at']).where('conversation_id', '=', id).orderBy('id').execute();
  const last = (type: string) => [...events].reverse().find((e) => e.type === type)?.data ?? null;
  const ws = distribution.workstream;
  return {
    conversationId: id,
    state: conversation.state,
    workstream: ws ? { id: ws.id, name: ws.name, mode: ws.mode, skillMatching: ws.skill_matching } : null,
    queue: queue ? { id: queue.id, name: queue.name, assignmentMethod: queue.method } : null,
    assignedAgentId: conversation.assigned_agent_id,
    classification: last('routing.classified'),
    routeToQueue: last('routing.routed'),
    overflow: events.filter((e) => e.type === 'routing.overflow').map((e) => e.data),
    decisions: events.filter((e) => DECISION_TYPES.includes(e.type)).map((e) => ({ type: e.type, at: e.created_at.toISOString(), data: e.data })),
    now: conversation.state === 'open' && !conversation.assigned_agent_id && queue ? await consideredNow(ctx, conversation, distribution, queue) : null,
  };
}

async function consideredNow(ctx: AppContext, conversation: RoutableConversation, distribution: Distribution, queue: QueueRow) {
  const now = ctx.now();
  const hours = mayAssignNow(queue, now);
  const timeoutMs = (distribution.workstream?.offer_timeout_seconds ?? 120) * 1000;
  const declined = await recentDecliners(ctx.db, conversation.id, new Date(now.getTime() - timeoutMs));
  const request = buildWorkRequest(conversation, distribution, queue.method, declined);
  const selection = selectAgent(await loadAgentSnapshots(ctx.db, { queueId: queue.id }), request, now);
  return {
    mode: distribution.mode,
    queueOpen: hours.ok,
    hours: { ...hours.hours, nextOpenAt: hours.hours.nextOpenAt?.toISOString() ?? null },
    request: { units: request.units, skills: request.skills, skillMatching: request.skillMatching, allowedPresences: request.allowedPresences, affinityAgentId: request.affinityAgentId, declinedAgentIds: declined },
    wouldChoose: selection.chosenId,
    considered: keepConsidered(selection.considered),
  };
}
