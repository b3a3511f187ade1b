import type { Tx } from '../db/database.js';
import type { WorkstreamRow } from '../workstreams/store.js';
import { addConversationEvents } from '../conversations/store.js';
import { buildFacts, planRoute } from './plan-route.js';
import type { ContactRow } from '../conversations/store.js';
import type { ChannelId } from '../channels/registry.js';

/** Who is arriving: the customer and what the conversation carries so far. */
export type ArrivalSubject = { channel: ChannelId; contact: Pick<ContactRow, 'phone' | 'name' | 'profile_name' | 'language' | 'attributes'>; routingVariables: Record<string, unknown>; queueId: string | null };

export type ArrivalInput = {
  conversationId: string;
  workstream: WorkstreamRow | null;
  defaultQueueId: string;
  /** Read from the conversation when the caller does not have it in hand. */
  subject?: ArrivalSubject;
  firstMessage: string;
  now: Date;
};

/**
 * Routes a conversation as it arrives (opened by a customer, or handed off by its bot), inside the
 * caller's transaction: classification outputs and variables land on the conversation,
 * route-to-queue picks the queue, and the queue's overflow before queueing applies. Every decision
 * goes on the timeline. Answers the queue it waits in, or null when overflow ended the conversation.
 */
export async function routeArrival(tx: Tx, input: ArrivalInput): Promise<{ queueId: string | null }> {
  const { channel, contact, routingVariables, queueId } = input.subject ?? (await readSubject(tx, input.conversationId));
  const facts = buildFacts({
    channel,
    phone: contact.phone,
    name: contact.name ?? contact.profile_name,
    firstMessage: input.firstMessage,
    language: contact.language ?? input.workstream?.language ?? null,
    attributes: contact.attributes,
    variables: routingVariables,
    now: input.now,
  });
  const plan = await planRoute(tx, { workstream: input.workstream, defaultQueueId: input.defaultQueueId, facts, splitKey: input.conversationId, countedIn: queueId });
  const { result } = plan.classification;

  await tx
    .updateTable('conversations')
    .set({
      queue_id: plan.queueId ?? plan.route.queueId,
      priority: result.priority ?? 0,
      capacity_required: result.capacityRequired ?? null,
      required_skills: JSON.stringify(result.skills),
      routing_variables: JSON.stringify({ ...routingVariables, ...result.variables }),
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

async function readSubject(tx: Tx, conversationId: string): Promise<ArrivalSubject> {
  const c = await tx
    .selectFrom('conversations as c')
    .innerJoin('contacts as k', 'k.id', 'c.contact_id')
    .select(['c.channel', 'c.routing_variables', 'c.queue_id', 'k.phone', 'k.name', 'k.profile_name', 'k.language', 'k.attributes'])
    .where('c.id', '=', conversationId)
    .executeTakeFirstOrThrow();
  return { channel: c.channel, contact: c, routingVariables: c.routing_variables, queueId: c.queue_id };
}
