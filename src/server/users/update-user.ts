import type { Executor } from '../db/database.js';
import { hashPassword } from '../auth/passwords.js';
import { NotFoundError } from '../http/errors.js';
import type { UpdateUserBody, UserView } from './schema.js';
import { findUser } from './store.js';

export async function updateUser(db: Executor, id: string, input: UpdateUserBody): Promise<UserView> {
  const { password, ...fields } = input;
  const values = { ...fields, ...(password ? { password_hash: await hashPassword(password) } : {}) };
  if (Object.keys(values).length > 0) {
    const result = await db.updateTable('users').set(values).where('id', '=', id).executeTakeFirst();
    if (result.numUpdatedRows === 0n) throw new NotFoundError('The user');
  }
  const user = await findUser(db, id);
  if (!user) throw new NotFoundError('The user');
  return user;
}
