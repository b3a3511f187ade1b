import type { AppContext } from '../context.js';
import { randomToken } from '../crypto/tokens.js';
import { ConflictError, NotFoundError } from '../http/errors.js';
import type { AccountView, CreateAccountBody, UpdateAccountBody } from './schema.js';
import { findAccountRow, listNumbers, presentAccount } from './store.js';

export async function getAccount(ctx: AppContext, id: string): Promise<AccountView> {
  const row = await findAccountRow(ctx.db, id);
  if (!row) throw new NotFoundError('The messaging account');
  return presentAccount(ctx.config, row, await listNumbers(ctx.db, [id]));
}

export async function createAccount(ctx: AppContext, input: CreateAccountBody): Promise<AccountView> {
  const row = await ctx.db
    .insertInto('messaging_accounts')
    .values({
      name: input.name.trim(),
      channel: input.channel,
      provider: input.provider ?? 'twilio',
      account_sid: input.accountSid,
      auth_token_encrypted: ctx.secrets.seal(input.authToken),
      inbound_key: randomToken(24),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return getAccount(ctx, row.id);
}

export async function updateAccount(ctx: AppContext, id: string, input: UpdateAccountBody): Promise<AccountView> {
  await getAccount(ctx, id);
  const values = {
    ...(input.name !== undefined ? { name: input.name.trim() } : {}),
    ...(input.provider !== undefined ? { provider: input.provider } : {}),
    ...(input.accountSid !== undefined ? { account_sid: input.accountSid } : {}),
    ...(input.authToken !== undefined ? { auth_token_encrypted: ctx.secrets.seal(input.authToken) } : {}),
  };
  await ctx.db.updateTable('messaging_accounts').set({ ...values, updated_at: ctx.now() }).where('id', '=', id).execute();
  return getAccount(ctx, id);
}

/** What stops an account or number from being deleted: the workstreams that use its numbers. */
export async function dependentWorkstreams(ctx: AppContext, numberIds: string[]): Promise<{ id: string; name: string }[]> {
  if (numberIds.length === 0) return [];
  return ctx.db
    .selectFrom('workstreams')
    .select(['id', 'name'])
    .where('number_id', 'in', numberIds)
    .where('deleted_at', 'is', null)
    .execute();
}

/** Soft delete: intake stops, conversations and history stay. */
export async function deleteAccount(ctx: AppContext, id: string): Promise<void> {
  const account = await getAccount(ctx, id);
  const dependents = await dependentWorkstreams(ctx, account.numbers.map((n) => n.id));
  if (dependents.length > 0) {
    throw new ConflictError('ACCOUNT_IN_USE', `This account's numbers are used by ${dependents.map((d) => d.name).join(', ')}. Change those workstreams first.`, { dependents });
  }
  await ctx.db.transaction().execute(async (tx) => {
    const now = ctx.now();
    await tx.updateTable('whatsapp_numbers').set({ deleted_at: now }).where('account_id', '=', id).where('deleted_at', 'is', null).execute();
    await tx.updateTable('messaging_accounts').set({ deleted_at: now }).where('id', '=', id).execute();
  });
}
