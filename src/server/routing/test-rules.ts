import type { AppContext } from '../context.js';
import { NotFoundError } from '../http/errors.js';
import { findWorkstream } from '../workstreams/store.js';
import { buildFacts, planRoute } from './plan-route.js';
import type { RoutingTestBody } from './schema.js';

/** The admin's "test this rule": runs a sample conversation through the workstream's rules; writes nothing. */
export async function testRouting(ctx: AppContext, workstreamId: string, body: RoutingTestBody) {
  const workstream = await findWorkstream(ctx.db, workstreamId);
  if (!workstream) throw new NotFoundError('The workstream');
  const now = body.at ? new Date(body.at) : ctx.now();
  const facts = buildFacts({
    channel: body.channel ?? workstream.channel,
    phone: body.customerPhone,
    name: body.customerName ?? null,
    firstMessage: body.message,
    language: body.language ?? workstream.language,
    attributes: body.contactAttributes ?? {},
    variables: body.variables ?? {},
    now,
  });
  const plan = await planRoute(ctx.db, { workstream, defaultQueueId: workstream.fallback_queue_id, facts, splitKey: crypto.randomUUID() });
  const queue = plan.queueId ? await ctx.db.selectFrom('queues').select(['id', 'name']).where('id', '=', plan.queueId).executeTakeFirst() : null;
  return {
    facts: { ...facts, now: now.toISOString() },
    classification: plan.classification,
    routeToQueue: plan.route,
    overflow: plan.overflow,
    queue: queue ?? null,
    ended: plan.queueId === null,
  };
}
