import type { Tx } from '../db/database.js';
import type { WorkstreamRow } from '../workstreams/store.js';
import { addConversationEvent } from '../conversations/store.js';
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
  const contact = await tx.selectFrom('contacts').select(['phone', 'name', 'profile_name', 'language', 'attributes']).where('id', '=', input.contactId).executeTakeFirstOrThrow();
  const conversation = await tx.selectFrom('conversations').select(['routing_variables', 'queue_id']).where('id', '=', input.conversationId).executeTakeFirstOrThrow();
  const facts = buildFacts({
    phone: contact.phone,
    name: contact.name ?? contact.profile_name,
    firstMessage: input.firstMessage,
    language: contact.language ?? input.workstream?.language ?? null,
    attributes: contact.attributes,
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

  if (input.workstream) await addConversationEvent(tx, input.conversationId, 'routing.classified', { rulesets: plan.classification.trace, outputs: result });
  await addConversationEvent(tx, input.conversationId, 'routing.routed', {
    queueId: plan.route.queueId,
    reason: input.workstream ? plan.route.reason : 'no workstream uses this number: default queue',
    ruleName: plan.route.ruleName,
    rules: plan.route.trace,
  });
  if (plan.overflow) {
    await addConversationEvent(tx, input.conversationId, 'routing.overflow', {
      stage: 'before-queueing',
      queueId: plan.overflow.queueId,
      condition: plan.overflow.condition,
      action: plan.overflow.action ?? { action: 'wait' },
      detail: plan.overflow.detail,
    });
  }
  if (plan.queueId === null) await addConversationEvent(tx, input.conversationId, 'state-changed', { from: 'open', to: 'closed', reason: 'overflow: end conversation' });
  else await addConversationEvent(tx, input.conversationId, 'queued', { queueId: plan.queueId });
  return { queueId: plan.queueId };
}
