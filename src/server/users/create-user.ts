import type { Executor } from '../db/database.js';
import { hashPassword } from '../auth/passwords.js';
import { ConflictError } from '../http/errors.js';
import type { CreateUserBody, UserView } from './schema.js';
import { findUser } from './store.js';

export async function createUser(db: Executor, input: CreateUserBody): Promise<UserView> {
  const email = input.email.trim().toLowerCase();
  const taken = await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
  if (taken) throw new ConflictError('EMAIL_TAKEN', `A user with the email ${email} already exists.`, { field: 'email' });
  const row = await db
    .insertInto('users')
    .values({
      email,
      name: input.name.trim(),
      role: input.role,
      password_hash: await hashPassword(input.password),
      ...(input.capacity !== undefined ? { capacity: input.capacity } : {}),
      ...(input.language ? { language: input.language } : {}),
      default_presence: input.defaultPresence ?? (input.role === 'agent' ? 'available' : 'offline'),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return (await findUser(db, row.id))!;
}
