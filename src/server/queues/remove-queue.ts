import { sql } from 'kysely';
import type { AppContext } from '../context.js';
import type { Executor } from '../db/database.js';
import { NotFoundError } from '../http/errors.js';
import { assertRemovable, effect, refusal, type Impact, type Removal } from '../lifecycle/impact.js';

type QueueRow = { id: string; name: string; is_default: boolean };

async function findLiveQueue(db: Executor, id: string): Promise<QueueRow> {
  const queue = await db.selectFrom('queues').select(['id', 'name', 'is_default']).where('id', '=', id).where('archived_at', 'is', null).executeTakeFirst();
  if (!queue) throw new NotFoundError('The queue');
  return queue;
}

/**
 * What removing a queue does. It cannot go while anything still sends work to it (the default
 * queue, a workstream's fallback, a routing rule, another queue's overflow) or while conversations
 * in it are not closed: those would be stranded. Otherwise its agents leave it, and it is deleted,
 * or archived when conversations or surveys name it.
 */
export async function queueImpact(db: Executor, id: string): Promise<Impact> {
  const queue = await findLiveQueue(db, id);
  const workstreams = await db.selectFrom('workstreams').select('name').where('fallback_queue_id', '=', id).where('deleted_at', 'is', null).orderBy('name').execute();
  const rules = await db
    .selectFrom('route_to_queue_rules as r')
    .innerJoin('workstreams as w', 'w.id', 'r.workstream_id')
    .select(sql<string>`w.name || ': ' || r.name`.as('name'))
    .where('w.deleted_at', 'is', null)
    .where((eb) => eb.or([eb('r.queue_id', '=', id), eb(sql`r.split`, '@>', sql`${JSON.stringify([{ queueId: id }])}::jsonb`)]))
    .orderBy('w.name')
    .orderBy('r.position')
    .execute();
  const others = await db.selectFrom('queues').select(['name', 'overflow']).where('id', '<>', id).where('archived_at', 'is', null).orderBy('name').execute();
  const overflowing = others.filter((q) => Object.values((q.overflow ?? {}) as Record<string, { queueId?: string }>).some((rule) => rule?.queueId === id));
  const open = await db.selectFrom('conversations').select((eb) => eb.fn.countAll<string>().as('n')).where('queue_id', '=', id).where('state', '<>', 'closed').executeTakeFirstOrThrow();
  const closed = await db.selectFrom('conversations').select((eb) => eb.fn.countAll<string>().as('n')).where('queue_id', '=', id).where('state', '=', 'closed').executeTakeFirstOrThrow();
  const surveys = await db.selectFrom('survey_requests').select('id').where('queue_id', '=', id).limit(1).execute();
  const agents = await db.selectFrom('queue_members as m').innerJoin('users as u', 'u.id', 'm.user_id').select('u.name').where('m.queue_id', '=', id).orderBy('u.name').execute();
  const openCount = Number(open.n);
  const closedCount = Number(closed.n);

  const effects = [
    ...effect('open-conversations', [], openCount),
    ...effect('workstreams', workstreams),
    ...effect('routing-rules', rules),
    ...effect('queues', overflowing),
    ...effect('agents', agents),
    ...effect('conversations', [], closedCount),
  ];
  const refused = queue.is_default
    ? refusal('QUEUE_IS_DEFAULT', `"${queue.name}" is the default queue: it catches messages no workstream takes, so it cannot be removed.`)
    : workstreams.length
      ? refusal('QUEUE_IN_USE', `Workstreams fall back to "${queue.name}" (${workstreams.map((w) => w.name).join(', ')}): give them another fallback queue first.`)
      : rules.length
        ? refusal('QUEUE_IN_USE', `Routing rules send conversations to "${queue.name}" (${rules.map((r) => r.name).join(', ')}): change or delete them first.`)
        : overflowing.length
          ? refusal('QUEUE_IN_USE', `Queues overflow into "${queue.name}" (${overflowing.map((q) => q.name).join(', ')}): change their overflow first.`)
          : openCount
            ? refusal('QUEUE_HAS_OPEN_CONVERSATIONS', `${openCount} conversation(s) in "${queue.name}" are not closed yet: transfer them to another queue or close them first.`)
            : null;
  if (refused) return { outcome: 'refused', refusal: refused, effects };
  return { outcome: closedCount || surveys.length ? 'archive' : 'delete', refusal: null, effects };
}

/** Removes the queue as its impact says, in one transaction that rereads the impact under a lock on the queue. */
export async function removeQueue(ctx: AppContext, id: string): Promise<Removal & { name: string }> {
  return ctx.db.transaction().execute(async (tx) => {
    const queue = await tx.selectFrom('queues').select('name').where('id', '=', id).where('archived_at', 'is', null).forUpdate().executeTakeFirst();
    if (!queue) throw new NotFoundError('The queue');
    const impact = await queueImpact(tx, id);
    assertRemovable(impact);
    await tx.deleteFrom('queue_members').where('queue_id', '=', id).execute();
    if (impact.outcome === 'delete') {
      await tx.deleteFrom('queues').where('id', '=', id).execute();
      return { outcome: 'deleted' as const, name: queue.name };
    }
    await tx.updateTable('queues').set({ archived_at: ctx.now() }).where('id', '=', id).execute();
    return { outcome: 'archived' as const, name: queue.name };
  });
}
