import type { Db, Executor } from '../db/database.js';
import { ConflictError, NotFoundError } from '../http/errors.js';
import { assertRemovable, effect, refusal, type Impact, type Removal } from '../lifecycle/impact.js';
import type { CapacityProfileView } from './schema.js';

export async function listCapacityProfiles(db: Executor): Promise<CapacityProfileView[]> {
  const rows = await db.selectFrom('capacity_profiles').select(['id', 'name', 'default_max_items']).orderBy('name').execute();
  return rows.map((r) => ({ id: r.id, name: r.name, defaultMaxItems: r.default_max_items }));
}

export async function createCapacityProfile(db: Executor, input: { name: string; defaultMaxItems: number }): Promise<CapacityProfileView> {
  const name = input.name.trim();
  if (await db.selectFrom('capacity_profiles').select('id').where('name', '=', name).executeTakeFirst()) {
    throw new ConflictError('PROFILE_NAME_TAKEN', `A capacity profile named "${name}" already exists.`, { field: 'name' });
  }
  const row = await db.insertInto('capacity_profiles').values({ name, default_max_items: input.defaultMaxItems }).returning(['id', 'name', 'default_max_items']).executeTakeFirstOrThrow();
  return { id: row.id, name: row.name, defaultMaxItems: row.default_max_items };
}

/**
 * What removing a capacity profile does: refused while a workstream counts its conversations
 * against it (that workstream's limit would silently vanish); otherwise the agents' own limits of
 * it go with it. Nothing in history names a profile, so it is always deleted.
 */
export async function capacityProfileImpact(db: Executor, id: string): Promise<Impact> {
  const profile = await db.selectFrom('capacity_profiles').select('name').where('id', '=', id).executeTakeFirst();
  if (!profile) throw new NotFoundError('The capacity profile');
  const workstreams = await db.selectFrom('workstreams').select('name').where('capacity_profile_id', '=', id).where('deleted_at', 'is', null).orderBy('name').execute();
  const agents = await db.selectFrom('user_capacity_profiles as p').innerJoin('users as u', 'u.id', 'p.user_id').select('u.name').where('p.profile_id', '=', id).orderBy('u.name').execute();
  const effects = [...effect('workstreams', workstreams), ...effect('agents', agents)];
  if (workstreams.length) {
    return {
      outcome: 'refused',
      refusal: refusal('PROFILE_IN_USE', `Workstreams use "${profile.name}" (${workstreams.map((w) => w.name).join(', ')}): choose another profile or none for them first.`),
      effects,
    };
  }
  return { outcome: 'delete', refusal: null, effects };
}

export async function removeCapacityProfile(db: Db, id: string): Promise<Removal & { name: string }> {
  return db.transaction().execute(async (tx) => {
    const row = await tx.selectFrom('capacity_profiles').select('name').where('id', '=', id).forUpdate().executeTakeFirst();
    if (!row) throw new NotFoundError('The capacity profile');
    assertRemovable(await capacityProfileImpact(tx, id));
    // Archived workstreams hold no open conversations, so their old profile no longer counts anything.
    await tx.updateTable('workstreams').set({ capacity_profile_id: null }).where('capacity_profile_id', '=', id).execute();
    await tx.deleteFrom('capacity_profiles').where('id', '=', id).execute();
    return { outcome: 'deleted' as const, name: row.name };
  });
}
