import type { Executor } from '../db/database.js';
import { hashPassword } from '../auth/passwords.js';
import { NotFoundError, ValidationError } from '../http/errors.js';
import type { UpdateUserBody, UserView } from './schema.js';
import { findUser } from './store.js';

export async function updateUser(db: Executor, id: string, input: UpdateUserBody): Promise<UserView> {
  const { password, skills, capacityProfiles, ...fields } = input;
  if (!(await db.selectFrom('users').select('id').where('id', '=', id).executeTakeFirst())) throw new NotFoundError('The user');
  const values = { ...fields, ...(password ? { password_hash: await hashPassword(password) } : {}) };
  if (Object.keys(values).length > 0) await db.updateTable('users').set(values).where('id', '=', id).execute();
  if (skills) await replaceSkills(db, id, skills);
  if (capacityProfiles) await replaceCapacityProfiles(db, id, capacityProfiles);
  const user = await findUser(db, id);
  if (!user) throw new NotFoundError('The user');
  return user;
}

async function replaceSkills(db: Executor, userId: string, skills: { name: string; proficiency: number }[]) {
  const names = skills.map((s) => s.name.trim().toLowerCase());
  if (new Set(names).size !== names.length) throw new ValidationError('A skill is listed twice.', 'skills');
  await db.deleteFrom('user_skills').where('user_id', '=', userId).execute();
  if (skills.length) await db.insertInto('user_skills').values(skills.map((s) => ({ user_id: userId, name: s.name.trim(), proficiency: s.proficiency }))).execute();
}

async function replaceCapacityProfiles(db: Executor, userId: string, profiles: { profileId: string; maxItems: number }[]) {
  const ids = [...new Set(profiles.map((p) => p.profileId))];
  const found = ids.length ? await db.selectFrom('capacity_profiles').select('id').where('id', 'in', ids).execute() : [];
  if (found.length !== ids.length || ids.length !== profiles.length) throw new ValidationError('Each capacity profile must exist and appear once.', 'capacityProfiles');
  await db.deleteFrom('user_capacity_profiles').where('user_id', '=', userId).execute();
  if (profiles.length) await db.insertInto('user_capacity_profiles').values(profiles.map((p) => ({ user_id: userId, profile_id: p.profileId, max_items: p.maxItems }))).execute();
}
