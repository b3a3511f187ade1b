import type { AppContext } from '../context.js';
import type { Executor, Tx } from '../db/database.js';
import { ConflictError, NotFoundError, ValidationError } from '../http/errors.js';
import type { CreateQueueBody, QueueView, UpdateQueueBody } from './schema.js';

export async function listQueues(db: Executor, ids?: string[]): Promise<QueueView[]> {
  let query = db.selectFrom('queues').selectAll().orderBy('priority', 'desc').orderBy('name');
  if (ids) query = query.where('id', 'in', ids.length ? ids : ['00000000-0000-0000-0000-000000000000']);
  const queues = await query.execute();
  const members = await db.selectFrom('queue_members').select(['queue_id', 'user_id']).execute();
  return queues.map((q) => ({
    id: q.id,
    name: q.name,
    priority: q.priority,
    assignmentMethod: q.assignment_method,
    isDefault: q.is_default,
    agentIds: members.filter((m) => m.queue_id === q.id).map((m) => m.user_id),
  }));
}

async function getQueue(db: Executor, id: string): Promise<QueueView> {
  const [queue] = await listQueues(db, [id]);
  if (!queue) throw new NotFoundError('The queue');
  return queue;
}

async function setMembers(tx: Tx, queueId: string, agentIds: string[]) {
  const unique = [...new Set(agentIds)];
  if (unique.length) {
    const found = await tx.selectFrom('users').select('id').where('id', 'in', unique).execute();
    if (found.length !== unique.length) throw new ValidationError('Some agentIds are not users.', 'agentIds');
  }
  await tx.deleteFrom('queue_members').where('queue_id', '=', queueId).execute();
  if (unique.length) await tx.insertInto('queue_members').values(unique.map((user_id) => ({ queue_id: queueId, user_id }))).execute();
}

async function assertNameFree(db: Executor, name: string, exceptId?: string) {
  let query = db.selectFrom('queues').select('id').where('name', '=', name);
  if (exceptId) query = query.where('id', '<>', exceptId);
  if (await query.executeTakeFirst()) throw new ConflictError('QUEUE_NAME_TAKEN', `A queue named "${name}" already exists.`, { field: 'name' });
}

export async function createQueue(ctx: AppContext, input: CreateQueueBody): Promise<QueueView> {
  const name = input.name.trim();
  await assertNameFree(ctx.db, name);
  const id = await ctx.db.transaction().execute(async (tx) => {
    const row = await tx
      .insertInto('queues')
      .values({ name, priority: input.priority ?? 0, assignment_method: input.assignmentMethod ?? 'highest-capacity' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await setMembers(tx, row.id, input.agentIds ?? []);
    return row.id;
  });
  return getQueue(ctx.db, id);
}

export async function updateQueue(ctx: AppContext, id: string, input: UpdateQueueBody): Promise<QueueView> {
  await getQueue(ctx.db, id);
  if (input.name !== undefined) await assertNameFree(ctx.db, input.name.trim(), id);
  await ctx.db.transaction().execute(async (tx) => {
    const values = {
      ...(input.name !== undefined ? { name: input.name.trim() } : {}),
      ...(input.priority !== undefined ? { priority: input.priority } : {}),
      ...(input.assignmentMethod !== undefined ? { assignment_method: input.assignmentMethod } : {}),
    };
    if (Object.keys(values).length) await tx.updateTable('queues').set(values).where('id', '=', id).execute();
    if (input.agentIds) await setMembers(tx, id, input.agentIds);
  });
  return getQueue(ctx.db, id);
}

export { getQueue };
