import type { Tx } from '../db/database.js';
import type { WorkstreamRow } from '../workstreams/store.js';
import { addConversationEvents } from '../conversations/store.js';
import { buildFacts, planRoute } from './plan-route.js';

export type ArrivalInput = {
  conversationId: string;
  workstream: WorkstreamRow | null;
  defaultQueueId: string;
  contactId: string;
  firstMessage: string;
  now: Date;
};

/**
 * Routes a conversation that just opened, inside the inbound transaction: classification outputs
 * and variables land on the conversation, route-to-queue picks the queue, and the queue's overflow
 * before queueing applies. Every decision goes on the timeline. Answers false when overflow ended it.
 */
export async function routeArrival(tx: Tx, input: ArrivalInput): Promise<{ queueId: string | null }> {
  const conversation = await tx
    .selectFrom('conversations as c')
    .innerJoin('contacts as k', 'k.id', 'c.contact_id')
    .select(['c.routing_variables', 'c.queue_id', 'k.phone', 'k.name', 'k.profile_name', 'k.language', 'k.attributes'])
    .where('c.id', '=', input.conversationId)
    .executeTakeFirstOrThrow();
  const facts = buildFacts({
    phone: conversation.phone,
    name: conversation.name ?? conversation.profile_name,
    firstMessage: input.firstMessage,
    language: conversation.language ?? input.workstream?.language ?? null,
    attributes: conversation.attributes,
    variables: conversation.routing_variables,
    now: input.now,
  });
  const plan = await planRoute(tx, { workstream: input.workstream, defaultQueueId: input.defaultQueueId, facts, splitKey: input.conversationId, countedIn: conversation.queue_id });
  const { result } = plan.classification;

  await tx
    .updateTable('conversations')
    .set({
      queue_id: plan.queueId ?? plan.route.queueId,
      priority: result.priority ?? 0,
      capacity_required: result.capacityRequired ?? null,
      required_skills: JSON.stringify(result.skills),
      routing_variables: JSON.stringify({ ...conversation.routing_variables, ...result.variables }),
      queued_at: input.now,
      ...(plan.queueId === null ? { state: 'closed' as const, closed_at: input.now } : {}),
    })
    .where('id', '=', input.conversationId)
    .execute();

  const events: { type: string; data: Record<string, unknown> }[] = [];
  if (input.workstream) events.push({ type: 'routing.classified', data: { rulesets: plan.classification.trace, outputs: result } });
  events.push({
    type: 'routing.routed',
    data: {
      queueId: plan.route.queueId,
      reason: input.workstream ? plan.route.reason : 'no workstream uses this number: default queue',
      ruleName: plan.route.ruleName,
      rules: plan.route.trace,
    },
  });
  if (plan.overflow) {
    events.push({
      type: 'routing.overflow',
      data: {
        stage: 'before-queueing',
        queueId: plan.overflow.queueId,
        condition: plan.overflow.condition,
        action: plan.overflow.action ?? { action: 'wait' },
        detail: plan.overflow.detail,
      },
    });
  }
  if (plan.queueId === null) events.push({ type: 'state-changed', data: { from: 'open', to: 'closed', reason: 'overflow: end conversation' } });
  else events.push({ type: 'queued', data: { queueId: plan.queueId } });
  await addConversationEvents(tx, input.conversationId, events);
  return { queueId: plan.queueId };
}
