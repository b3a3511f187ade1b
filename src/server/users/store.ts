import type { Executor } from '../db/database.js';
import type { UserView } from './schema.js';

const userColumns = ['id', 'email', 'name', 'role', 'capacity', 'presence', 'language'] as const;

export async function listUsers(db: Executor): Promise<UserView[]> {
  const users = await db.selectFrom('users').select(userColumns).where('disabled_at', 'is', null).orderBy('name').execute();
  const memberships = await db.selectFrom('queue_members').select(['user_id', 'queue_id']).execute();
  return users.map((u) => ({ ...u, queueIds: memberships.filter((m) => m.user_id === u.id).map((m) => m.queue_id) }));
}

export async function findUser(db: Executor, id: string): Promise<UserView | null> {
  const user = await db.selectFrom('users').select(userColumns).where('id', '=', id).executeTakeFirst();
  if (!user) return null;
  return { ...user, queueIds: await queueIdsOf(db, id) };
}

export async function queueIdsOf(db: Executor, userId: string): Promise<string[]> {
  const rows = await db.selectFrom('queue_members').select('queue_id').where('user_id', '=', userId).execute();
  return rows.map((r) => r.queue_id);
}

export async function countUsers(db: Executor): Promise<number> {
  const row = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}
