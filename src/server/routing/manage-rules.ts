import type { AppContext } from '../context.js';
import type { Executor } from '../db/database.js';
import { NotFoundError, ValidationError } from '../http/errors.js';
import { findWorkstream } from '../workstreams/store.js';
import { conditionProblem } from './conditions.js';
import { splitProblem } from './route-to-queue.js';
import type { Condition, Split, ClassificationRule } from './rule-schema.js';
import type { RouteRuleBody, RouteRuleView, RulesetBody, RulesetView, UpdateRouteRuleBody, UpdateRulesetBody } from './schema.js';

async function assertWorkstream(db: Executor, id: string) {
  if (!(await findWorkstream(db, id))) throw new NotFoundError('The workstream');
}

/** Conditions beyond their schema: operator values, time zones, and regular expressions that are safe to run. */
function assertConditions(conditions: Condition[], field: string) {
  conditions.forEach((c, i) => {
    const problem = conditionProblem(c);
    if (problem) throw new ValidationError(problem, `${field}.${i}.value`);
  });
}

async function assertQueues(db: Executor, queueIds: string[], field: string) {
  const unique = [...new Set(queueIds)];
  const found = unique.length ? await db.selectFrom('queues').select('id').where('id', 'in', unique).where('archived_at', 'is', null).execute() : [];
  if (found.length !== unique.length) throw new ValidationError('The queue does not exist.', field);
}

// Route-to-queue rules

const presentRouteRule = (r: { id: string; workstream_id: string; name: string; position: number; enabled: boolean; conditions: unknown; queue_id: string | null; split: unknown }): RouteRuleView => ({
  id: r.id,
  workstreamId: r.workstream_id,
  name: r.name,
  order: r.position,
  enabled: r.enabled,
  conditions: r.conditions as Condition[],
  queueId: r.queue_id,
  split: (r.split as Split | null) ?? null,
});

export async function listRouteRules(db: Executor, workstreamId: string): Promise<RouteRuleView[]> {
  await assertWorkstream(db, workstreamId);
  const rows = await db.selectFrom('route_to_queue_rules').selectAll().where('workstream_id', '=', workstreamId).orderBy('position').orderBy('created_at').execute();
  return rows.map(presentRouteRule);
}

async function validateRouteRule(db: Executor, body: { conditions?: Condition[]; queueId?: string; split?: Split }) {
  if (body.conditions) assertConditions(body.conditions, 'conditions');
  if (body.queueId && body.split) throw new ValidationError('Give either queueId or split, not both.', 'split');
  if (body.split) {
    const problem = splitProblem(body.split);
    if (problem) throw new ValidationError(problem, 'split');
    await assertQueues(db, body.split.map((s) => s.queueId), 'split');
  }
  if (body.queueId) await assertQueues(db, [body.queueId], 'queueId');
}

export async function createRouteRule(ctx: AppContext, workstreamId: string, body: RouteRuleBody): Promise<RouteRuleView> {
  await assertWorkstream(ctx.db, workstreamId);
  if (!body.queueId && !body.split) throw new ValidationError('A route-to-queue rule needs a queueId (or a split).', 'queueId');
  await validateRouteRule(ctx.db, body);
  const row = await ctx.db
    .insertInto('route_to_queue_rules')
    .values({
      workstream_id: workstreamId,
      name: body.name.trim(),
      position: body.order ?? (await nextPosition(ctx.db, 'route_to_queue_rules', workstreamId)),
      enabled: body.enabled ?? true,
      conditions: JSON.stringify(body.conditions),
      queue_id: body.queueId ?? null,
      split: body.split ? JSON.stringify(body.split) : null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return presentRouteRule(row);
}

export async function updateRouteRule(ctx: AppContext, workstreamId: string, ruleId: string, body: UpdateRouteRuleBody): Promise<RouteRuleView> {
  const current = await ctx.db.selectFrom('route_to_queue_rules').selectAll().where('id', '=', ruleId).where('workstream_id', '=', workstreamId).executeTakeFirst();
  if (!current) throw new NotFoundError('The routing rule');
  await validateRouteRule(ctx.db, body);
  const row = await ctx.db
    .updateTable('route_to_queue_rules')
    .set({
      ...(body.name !== undefined ? { name: body.name.trim() } : {}),
      ...(body.order !== undefined ? { position: body.order } : {}),
      ...(body.enabled !== undefined ? { enabled: body.enabled } : {}),
      ...(body.conditions !== undefined ? { conditions: JSON.stringify(body.conditions) } : {}),
      // A rule points at one queue or splits over several: setting one clears the other.
      ...(body.queueId !== undefined ? { queue_id: body.queueId, split: null } : {}),
      ...(body.split !== undefined ? { split: JSON.stringify(body.split), queue_id: null } : {}),
      updated_at: ctx.now(),
    })
    .where('id', '=', ruleId)
    .returningAll()
    .executeTakeFirstOrThrow();
  return presentRouteRule(row);
}

export async function deleteRouteRule(ctx: AppContext, workstreamId: string, ruleId: string): Promise<void> {
  const result = await ctx.db.deleteFrom('route_to_queue_rules').where('id', '=', ruleId).where('workstream_id', '=', workstreamId).executeTakeFirst();
  if (result.numDeletedRows === 0n) throw new NotFoundError('The routing rule');
}

// Classification rulesets

const presentRuleset = (r: { id: string; workstream_id: string; name: string; position: number; enabled: boolean; rules: unknown }): RulesetView => ({
  id: r.id,
  workstreamId: r.workstream_id,
  name: r.name,
  order: r.position,
  enabled: r.enabled,
  rules: r.rules as ClassificationRule[],
});

export async function listRulesets(db: Executor, workstreamId: string): Promise<RulesetView[]> {
  await assertWorkstream(db, workstreamId);
  const rows = await db.selectFrom('classification_rulesets').selectAll().where('workstream_id', '=', workstreamId).orderBy('position').orderBy('created_at').execute();
  return rows.map(presentRuleset);
}

function assertRules(rules: ClassificationRule[]) {
  rules.forEach((rule, i) => assertConditions(rule.conditions, `rules.${i}.conditions`));
}

export async function createRuleset(ctx: AppContext, workstreamId: string, body: RulesetBody): Promise<RulesetView> {
  await assertWorkstream(ctx.db, workstreamId);
  assertRules(body.rules);
  const row = await ctx.db
    .insertInto('classification_rulesets')
    .values({
      workstream_id: workstreamId,
      name: body.name.trim(),
      position: body.order ?? (await nextPosition(ctx.db, 'classification_rulesets', workstreamId)),
      enabled: body.enabled ?? true,
      rules: JSON.stringify(body.rules),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return presentRuleset(row);
}

export async function updateRuleset(ctx: AppContext, workstreamId: string, rulesetId: string, body: UpdateRulesetBody): Promise<RulesetView> {
  if (body.rules) assertRules(body.rules);
  const row = await ctx.db
    .updateTable('classification_rulesets')
    .set({
      ...(body.name !== undefined ? { name: body.name.trim() } : {}),
      ...(body.order !== undefined ? { position: body.order } : {}),
      ...(body.enabled !== undefined ? { enabled: body.enabled } : {}),
      ...(body.rules !== undefined ? { rules: JSON.stringify(body.rules) } : {}),
      updated_at: ctx.now(),
    })
    .where('id', '=', rulesetId)
    .where('workstream_id', '=', workstreamId)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw new NotFoundError('The ruleset');
  return presentRuleset(row);
}

export async function deleteRuleset(ctx: AppContext, workstreamId: string, rulesetId: string): Promise<void> {
  const result = await ctx.db.deleteFrom('classification_rulesets').where('id', '=', rulesetId).where('workstream_id', '=', workstreamId).executeTakeFirst();
  if (result.numDeletedRows === 0n) throw new NotFoundError('The ruleset');
}

async function nextPosition(db: Executor, table: 'route_to_queue_rules' | 'classification_rulesets', workstreamId: string): Promise<number> {
  const row = await db.selectFrom(table).select((eb) => eb.fn.max('position').as('max')).where('workstream_id', '=', workstreamId).executeTakeFirst();
  return row?.max === null || row?.max === undefined ? 0 : Number(row.max) + 1;
}
