import { sql } from 'kysely';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { Executor } from '../db/database.js';
import type { WorkstreamRow } from '../workstreams/store.js';
import { classify, type Classification, type Ruleset, type RulesetTrace } from './classify.js';
import type { RoutingFacts } from './conditions.js';
import type { ChannelId } from '../channels/registry.js';
import { routeToQueue, type RouteDecision, type RouteRule } from './route-to-queue.js';
import { isOverflowing, overflowBeforeQueueing, type OverflowDecision } from './overflow.js';
import { readOnce } from '../db/read-once.js';
import { loadQueues, type QueueRow } from './store.js';

export type RoutePlan = {
  classification: { result: Classification; trace: RulesetTrace[] };
  route: RouteDecision;
  overflow: (OverflowDecision & { queueId: string }) | null;
  /** Where the conversation waits, after any overflow transfer; null when overflow ended it. */
  queueId: string | null;
  facts: RoutingFacts;
};

export function countryOf(phone: string): string | null {
  return parsePhoneNumberFromString(phone)?.country ?? null;
}

export function buildFacts(input: {
  channel: ChannelId;
  phone: string;
  name: string | null;
  firstMessage: string;
  language: string | null;
  attributes: Record<string, string>;
  variables: Record<string, unknown>;
  now: Date;
}): RoutingFacts {
  return {
    channel: input.channel,
    customer: { phone: input.phone, country: countryOf(input.phone), name: input.name },
    firstMessage: input.firstMessage,
    language: input.language,
    now: input.now,
    contact: input.attributes,
    variables: input.variables,
    outputs: {},
  };
}

/** A workstream's classification rulesets and route-to-queue rules, each in order, in one statement. */
export async function loadRoutingRules(db: Executor, workstreamId: string): Promise<{ rulesets: Ruleset[]; rules: RouteRule[] }> {
  const result = await sql<{ rulesets: Ruleset[]; rules: RouteRule[] }>`
    SELECT
      (SELECT coalesce(json_agg(json_build_object('id', r.id, 'name', r.name, 'enabled', r.enabled, 'rules', r.rules) ORDER BY r.position, r.created_at), '[]')
         FROM classification_rulesets r WHERE r.workstream_id = ${workstreamId}) AS rulesets,
      (SELECT coalesce(json_agg(json_build_object('id', q.id, 'name', q.name, 'enabled', q.enabled, 'conditions', q.conditions, 'queueId', q.queue_id, 'split', q.split) ORDER BY q.position, q.created_at), '[]')
         FROM route_to_queue_rules q WHERE q.workstream_id = ${workstreamId}) AS rules`.execute(db);
  return result.rows[0];
}

async function waitingCounts(db: Executor, queueIds: string[]): Promise<Map<string, number>> {
  if (!queueIds.length) return new Map();
  const rows = await db
    .selectFrom('conversations')
    .select(['queue_id', (eb) => eb.fn.countAll<string>().as('n')])
    .where('queue_id', 'in', queueIds)
    .where('state', '=', 'open')
    .where('assigned_agent_id', 'is', null)
    .groupBy('queue_id')
    .execute();
  return new Map(rows.map((r) => [r.queue_id!, Number(r.n)]));
}

/**
 * Everything routing decides for a new conversation, without writing: classification, the queue
 * (route-to-queue, skipping overflowing queues), and the overflow before queueing. Used on arrival
 * and by the admin's "test this rule".
 */
export async function planRoute(db: Executor, input: { workstream: WorkstreamRow | null; defaultQueueId: string; facts: RoutingFacts; splitKey: string; /** The queue the conversation already counts in (it must not count against itself). */ countedIn?: string | null }): Promise<RoutePlan> {
  const { workstream, facts } = input;
  const { rulesets, rules } = workstream ? await readOnce(db, `routing-rules:${workstream.id}`, () => loadRoutingRules(db, workstream.id)) : { rulesets: [], rules: [] };
  const classification = classify(rulesets, facts);
  const fallbackQueueId = workstream?.fallback_queue_id ?? input.defaultQueueId;
  const queueIds = [...new Set([fallbackQueueId, ...rules.flatMap((r) => (r.split ? r.split.map((s) => s.queueId) : [r.queueId!]))])];
  const queues = await readOnce(db, `queues:${queueIds.join(',')}`, () => loadQueues(db, queueIds));
  // Only an item limit looks at how many wait; counting an open queue's conversations grows with it.
  const counts = await waitingCounts(db, queueIds.filter((id) => queues.get(id)?.overflow.itemLimit));
  const waiting = (id: string) => Math.max(0, (counts.get(id) ?? 0) - (id === input.countedIn ? 1 : 0));
  const overflowing = (id: string) => {
    const queue = queues.get(id);
    return queue ? isOverflowing(queue, { now: facts.now, waitingCount: waiting(id) }) : true;
  };
  const route = routeToQueue(rules, classification.facts, { fallbackQueueId, splitKey: input.splitKey, isOverflowing: overflowing });
  const chosen = queues.get(route.queueId) as QueueRow;
  const decision = overflowBeforeQueueing(chosen, { now: facts.now, waitingCount: waiting(route.queueId) });
  const overflow = decision ? { ...decision, queueId: route.queueId } : null;
  const queueId = decision?.action?.action === 'end' ? null : decision?.action?.action === 'transfer' ? decision.action.queueId : route.queueId;
  return { classification: { result: classification.result, trace: classification.trace }, route, overflow, queueId, facts: classification.facts };
}
