import type { AppContext } from '../context.js';
import type { Executor, Tx } from '../db/database.js';
import { ConflictError, NotFoundError, ValidationError } from '../http/errors.js';
import { isTimeZone } from '../routing/conditions.js';
import { hoursProblem, type OperatingHours } from '../routing/operating-hours.js';
import { assignWaitingWork } from '../routing/assign-work.js';
import type { CreateQueueBody, OverflowSettingsBody, QueueView, UpdateQueueBody } from './schema.js';

/** Live queues; archived ones too when asked by id or with `includeArchived` (history still names them). */
export async function listQueues(db: Executor, ids?: string[], opts: { includeArchived?: boolean } = {}): Promise<QueueView[]> {
  let query = db.selectFrom('queues').selectAll().orderBy('priority', 'desc').orderBy('name');
  if (ids) query = query.where('id', 'in', ids.length ? ids : ['00000000-0000-0000-0000-000000000000']);
  else if (!opts.includeArchived) query = query.where('archived_at', 'is', null);
  const queues = await query.execute();
  const members = await db.selectFrom('queue_members').select(['queue_id', 'user_id']).execute();
  return queues.map((q) => ({
    id: q.id,
    name: q.name,
    priority: q.priority,
    assignmentMethod: q.assignment_method,
    isDefault: q.is_default,
    agentIds: members.filter((m) => m.queue_id === q.id).map((m) => m.user_id),
    timeZone: q.time_zone,
    weeklyHours: q.weekly_hours as QueueView['weeklyHours'],
    holidays: q.holidays as QueueView['holidays'],
    overflow: q.overflow as QueueView['overflow'],
    archived: q.archived_at !== null,
  }));
}

async function getQueue(db: Executor, id: string): Promise<QueueView> {
  const [queue] = await listQueues(db, [id]);
  if (!queue) throw new NotFoundError('The queue');
  return queue;
}

/** A queue that may be changed or chosen: archived ones only stay for history. */
async function getLiveQueue(db: Executor, id: string): Promise<QueueView> {
  const queue = await getQueue(db, id);
  if (queue.archived) throw new NotFoundError('The queue');
  return queue;
}

/** Answers the agents newly added, so the engine can offer them waiting work. */
async function setMembers(tx: Tx, queueId: string, agentIds: string[]): Promise<string[]> {
  const unique = [...new Set(agentIds)];
  if (unique.length) {
    const found = await tx.selectFrom('users').select('id').where('id', 'in', unique).execute();
    if (found.length !== unique.length) throw new ValidationError('Some agentIds are not users.', 'agentIds');
  }
  const before = (await tx.selectFrom('queue_members').select('user_id').where('queue_id', '=', queueId).execute()).map((r) => r.user_id);
  const removed = before.filter((id) => !unique.includes(id));
  const added = unique.filter((id) => !before.includes(id));
  if (removed.length) await tx.deleteFrom('queue_members').where('queue_id', '=', queueId).where('user_id', 'in', removed).execute();
  if (added.length) await tx.insertInto('queue_members').values(added.map((user_id) => ({ queue_id: queueId, user_id }))).execute();
  return added;
}

async function assertNameFree(db: Executor, name: string, exceptId?: string) {
  let query = db.selectFrom('queues').select('id').where('name', '=', name).where('archived_at', 'is', null);
  if (exceptId) query = query.where('id', '<>', exceptId);
  if (await query.executeTakeFirst()) throw new ConflictError('QUEUE_NAME_TAKEN', `A queue named "${name}" already exists.`, { field: 'name' });
}

/** Hours must make sense and overflow transfers must point at another existing queue. */
async function assertRoutingSettings(db: Executor, input: UpdateQueueBody, current: QueueView | null) {
  const timeZone = input.timeZone ?? current?.timeZone ?? 'UTC';
  if (!isTimeZone(timeZone)) throw new ValidationError(`"${timeZone}" is not a known time zone (use an IANA name such as Asia/Seoul).`, 'timeZone');
  const hours: OperatingHours = {
    timeZone,
    weekly: (input.weeklyHours === undefined ? current?.weeklyHours ?? null : input.weeklyHours) as OperatingHours['weekly'],
    holidays: input.holidays ?? current?.holidays ?? [],
  };
  const problem = hoursProblem(hours);
  if (problem) throw new ValidationError(problem, 'weeklyHours');
  for (const [key, rule] of Object.entries(input.overflow ?? {}) as [keyof OverflowSettingsBody, { action: string; queueId?: string }][]) {
    const field = `overflow.${key}.queueId`;
    if (rule.action !== 'transfer') continue;
    if (!rule.queueId) throw new ValidationError('A transfer needs the queue to transfer to.', field);
    if (current && rule.queueId === current.id) throw new ValidationError('A queue cannot overflow into itself.', field);
    if (!(await db.selectFrom('queues').select('id').where('id', '=', rule.queueId).where('archived_at', 'is', null).executeTakeFirst())) throw new ValidationError('The overflow queue does not exist.', field);
  }
}

function routingValues(input: UpdateQueueBody) {
  return {
    ...(input.timeZone !== undefined ? { time_zone: input.timeZone } : {}),
    ...(input.weeklyHours !== undefined ? { weekly_hours: input.weeklyHours === null ? null : JSON.stringify(input.weeklyHours) } : {}),
    ...(input.holidays !== undefined ? { holidays: JSON.stringify(input.holidays) } : {}),
    ...(input.overflow !== undefined ? { overflow: JSON.stringify(input.overflow) } : {}),
  };
}

export async function createQueue(ctx: AppContext, input: CreateQueueBody): Promise<QueueView> {
  const name = input.name.trim();
  await assertNameFree(ctx.db, name);
  await assertRoutingSettings(ctx.db, input, null);
  const id = await ctx.db.transaction().execute(async (tx) => {
    const row = await tx
      .insertInto('queues')
      .values({ name, priority: input.priority ?? 0, assignment_method: input.assignmentMethod ?? 'highest-capacity', ...routingValues(input) })
      .returning('id')
      .executeTakeFirstOrThrow();
    await setMembers(tx, row.id, input.agentIds ?? []);
    return row.id;
  });
  return getQueue(ctx.db, id);
}

export async function updateQueue(ctx: AppContext, id: string, input: UpdateQueueBody): Promise<QueueView> {
  const current = await getLiveQueue(ctx.db, id);
  if (input.name !== undefined) await assertNameFree(ctx.db, input.name.trim(), id);
  await assertRoutingSettings(ctx.db, input, current);
  const added = await ctx.db.transaction().execute(async (tx) => {
    const values = {
      ...(input.name !== undefined ? { name: input.name.trim() } : {}),
      ...(input.priority !== undefined ? { priority: input.priority } : {}),
      ...(input.assignmentMethod !== undefined ? { assignment_method: input.assignmentMethod } : {}),
      ...routingValues(input),
    };
    if (Object.keys(values).length) await tx.updateTable('queues').set(values).where('id', '=', id).execute();
    return input.agentIds ? setMembers(tx, id, input.agentIds) : [];
  });
  // An agent joining a queue (or new hours) may let waiting work move.
  await assignWaitingWork(ctx, { queueIds: [id], reason: added.length ? 'agent joined the queue' : 'queue settings changed' });
  return getQueue(ctx.db, id);
}

export { getQueue };
