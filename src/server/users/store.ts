import type { Executor } from '../db/database.js';
import type { UserView } from './schema.js';

const userColumns = ['id', 'email', 'name', 'role', 'capacity', 'presence', 'default_presence', 'language', 'presence_source', 'disabled_at'] as const;

type UserRow = { id: string; email: string; name: string; role: UserView['role']; capacity: number; presence: string; default_presence: string; language: string; presence_source: string; disabled_at: Date | null };

async function presentUsers(db: Executor, users: UserRow[]): Promise<UserView[]> {
  const ids = users.map((u) => u.id);
  if (!ids.length) return [];
  const memberships = await db.selectFrom('queue_members').select(['user_id', 'queue_id']).where('user_id', 'in', ids).execute();
  const skills = await db.selectFrom('user_skills').select(['user_id', 'name', 'proficiency']).where('user_id', 'in', ids).orderBy('name').execute();
  const profiles = await db.selectFrom('user_capacity_profiles').select(['user_id', 'profile_id', 'max_items']).where('user_id', 'in', ids).execute();
  return users.map(({ presence_source, disabled_at, default_presence, ...u }) => ({
    ...u,
    defaultPresence: default_presence,
    presenceSource: presence_source,
    disabled: disabled_at !== null,
    queueIds: memberships.filter((m) => m.user_id === u.id).map((m) => m.queue_id),
    skills: skills.filter((s) => s.user_id === u.id).map((s) => ({ name: s.name, proficiency: s.proficiency })),
    capacityProfiles: profiles.filter((p) => p.user_id === u.id).map((p) => ({ profileId: p.profile_id, maxItems: p.max_items })),
  }));
}

/** Deactivated users too (they stay in history and the audit log), unless `activeOnly`. */
export async function listUsers(db: Executor, opts: { activeOnly?: boolean } = {}): Promise<UserView[]> {
  let query = db.selectFrom('users').select(userColumns).orderBy('name');
  if (opts.activeOnly) query = query.where('disabled_at', 'is', null);
  return presentUsers(db, await query.execute());
}

export async function findUser(db: Executor, id: string): Promise<UserView | null> {
  const user = await db.selectFrom('users').select(userColumns).where('id', '=', id).executeTakeFirst();
  if (!user) return null;
  return (await presentUsers(db, [user]))[0];
}

export async function queueIdsOf(db: Executor, userId: string): Promise<string[]> {
  const rows = await db.selectFrom('queue_members').select('queue_id').where('user_id', '=', userId).execute();
  return rows.map((r) => r.queue_id);
}

export async function countUsers(db: Executor): Promise<number> {
  const row = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}
