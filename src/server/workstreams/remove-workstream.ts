import type { AppContext } from '../context.js';
import type { Executor } from '../db/database.js';
import { NotFoundError } from '../http/errors.js';
import { assertRemovable, effect, refusal, type Impact, type Removal } from '../lifecycle/impact.js';
import { findWorkstream } from './store.js';

/**
 * What removing a workstream does. Conversations still open in it would lose their settings
 * (capacity, wrap-up, automated messages) mid-way, so it is refused until they are closed. Its number
 * is freed for another workstream and its routing rules go with it; it is deleted, or archived when
 * conversations or surveys name it (history and insights keep its name).
 */
export async function workstreamImpact(db: Executor, id: string): Promise<Impact> {
  const workstream = await findWorkstream(db, id);
  if (!workstream) throw new NotFoundError('The workstream');
  const count = async (closed: boolean) => {
    const row = await db.selectFrom('conversations').select((eb) => eb.fn.countAll<string>().as('n')).where('workstream_id', '=', id).where('state', closed ? '=' : '<>', 'closed').executeTakeFirstOrThrow();
    return Number(row.n);
  };
  const openCount = await count(false);
  const closedCount = await count(true);
  const surveys = await db.selectFrom('survey_requests').select('id').where('workstream_id', '=', id).limit(1).execute();
  const rules = await db.selectFrom('route_to_queue_rules').select('name').where('workstream_id', '=', id).orderBy('position').execute();
  const numbers = workstream.number_id ? await db.selectFrom('numbers').select(['name', 'number']).where('id', '=', workstream.number_id).execute() : [];
  const effects = [
    ...effect('open-conversations', [], openCount),
    ...effect('numbers', numbers.map((n) => ({ name: `${n.name} (${n.number})` }))),
    ...effect('routing-rules', rules),
    ...effect('conversations', [], closedCount),
  ];
  if (openCount) {
    return {
      outcome: 'refused',
      refusal: refusal('WORKSTREAM_HAS_OPEN_CONVERSATIONS', `${openCount} conversation(s) of "${workstream.name}" are not closed yet: close them first, so none loses its settings mid-way.`),
      effects,
    };
  }
  return { outcome: closedCount || surveys.length ? 'archive' : 'delete', refusal: null, effects };
}

/** Removes the workstream as its impact says, rereading the impact under a lock on its row. */
export async function removeWorkstream(ctx: AppContext, id: string): Promise<Removal & { name: string }> {
  return ctx.db.transaction().execute(async (tx) => {
    const row = await tx.selectFrom('workstreams').select('name').where('id', '=', id).where('deleted_at', 'is', null).forUpdate().executeTakeFirst();
    if (!row) throw new NotFoundError('The workstream');
    const impact = await workstreamImpact(tx, id);
    assertRemovable(impact);
    if (impact.outcome === 'delete') {
      await tx.deleteFrom('workstreams').where('id', '=', id).execute();
      return { outcome: 'deleted' as const, name: row.name };
    }
    await tx.updateTable('workstreams').set({ deleted_at: ctx.now() }).where('id', '=', id).execute();
    return { outcome: 'archived' as const, name: row.name };
  });
}
