import type { Executor } from '../db/database.js';
import { ConflictError } from '../http/errors.js';
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
