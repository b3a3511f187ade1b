import type { AppContext } from '../context.js';
import { randomToken } from '../crypto/tokens.js';
import { sql } from 'kysely';
import { ConflictError, DomainError, NotFoundError } from '../http/errors.js';
import type { AccountView, CreateAccountBody, CredentialsCheck, UpdateAccountBody, UpdatedAccountView } from './schema.js';
import { findAccountRow, listNumbers, presentAccount, type AccountRow } from './store.js';
import { checkCredentials } from './validate-account.js';
import { twilioBaseUrl } from './urls.js';
import { forgetCredentialCheck, recordCredentialCheck } from './account-health.js';
import { effect, type Impact } from '../lifecycle/impact.js';

export async function getAccount(ctx: AppContext, id: string): Promise<AccountView> {
  const row = await findAccountRow(ctx.db, id);
  if (!row) throw new NotFoundError('The messaging account');
  return presentAccount(ctx.config, row, await listNumbers(ctx.db, [id]));
}

/** Two accounts called alike cannot be told apart in the lists and pickers; deleted ones free their name. */
async function assertNameFree(ctx: AppContext, name: string, exceptId?: string) {
  let query = ctx.db.selectFrom('messaging_accounts').select('id').where(sql<string>`lower(name)`, '=', name.toLowerCase()).where('deleted_at', 'is', null);
  if (exceptId) query = query.where('id', '<>', exceptId);
  if (await query.executeTakeFirst()) throw new ConflictError('ACCOUNT_NAME_TAKEN', `A messaging account named "${name}" already exists (names are compared without regard to case).`, { field: 'name' });
}

export async function createAccount(ctx: AppContext, input: CreateAccountBody): Promise<AccountView> {
  await assertNameFree(ctx, input.name.trim());
  const row = await ctx.db
    .insertInto('messaging_accounts')
    .values({
      name: input.name.trim(),
      provider: input.provider ?? 'twilio',
      account_sid: input.accountSid,
      auth_token_encrypted: ctx.secrets.seal(input.authToken),
      inbound_key: randomToken(24),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return getAccount(ctx, row.id);
}

/** The credential fields of an update: changing any of them changes how Switchboard talks to Twilio. */
const CREDENTIAL_FIELDS = ['provider', 'accountSid', 'authToken'] as const;

export class CredentialsRefusedError extends DomainError {
  constructor(field: string, code: number, message: string) {
    super('CREDENTIALS_REFUSED', `${message} Nothing was saved.`, 422, { field, twilioCode: code });
  }
}

export class CredentialsNotCheckedError extends DomainError {
  constructor(field: string, message: string) {
    super('CREDENTIALS_NOT_CHECKED', `Switchboard could not ask Twilio whether it accepts the new credentials (${message}). Nothing was saved: try again once Twilio can be reached, or choose to save them unchecked (saveUnvalidated).`, 502, { field });
  }
}

/**
 * Saves an account's changes. New credentials are checked with Twilio first and saved only once
 * Twilio accepts them: a refused token, once saved, would make every inbound webhook fail its
 * signature. When Twilio cannot be asked, they are saved only if the caller says saveUnvalidated.
 */
export async function updateAccount(ctx: AppContext, id: string, input: UpdateAccountBody): Promise<UpdatedAccountView> {
  const row = await findAccountRow(ctx.db, id);
  if (!row) throw new NotFoundError('The messaging account');
  if (input.name !== undefined && input.name.trim() !== row.name) await assertNameFree(ctx, input.name.trim(), id);
  const credentials = await checkNewCredentials(ctx, row, input);
  const values = {
    ...(input.name !== undefined ? { name: input.name.trim() } : {}),
    ...(input.provider !== undefined ? { provider: input.provider } : {}),
    ...(input.accountSid !== undefined ? { account_sid: input.accountSid } : {}),
    ...(input.authToken !== undefined ? { auth_token_encrypted: ctx.secrets.seal(input.authToken) } : {}),
  };
  await ctx.db.updateTable('messaging_accounts').set({ ...values, updated_at: ctx.now() }).where('id', '=', id).execute();
  if (credentials?.status === 'accepted') await recordCredentialCheck(ctx.db, id, { refused: false, message: credentials.message }, ctx.now());
  if (credentials?.status === 'saved-unvalidated') await forgetCredentialCheck(ctx.db, id);
  const account = await getAccount(ctx, id);
  return credentials ? { ...account, credentials } : account;
}

async function checkNewCredentials(ctx: AppContext, row: AccountRow, input: UpdateAccountBody): Promise<CredentialsCheck | null> {
  const field = CREDENTIAL_FIELDS.find((f) => input[f] !== undefined);
  if (!field) return null;
  const provider = input.provider ?? row.provider;
  const answer = await checkCredentials(ctx, {
    accountSid: input.accountSid ?? row.account_sid,
    authToken: input.authToken ?? ctx.secrets.open(row.auth_token_encrypted),
    baseUrl: twilioBaseUrl(ctx.config, provider),
  });
  if (answer.ok) return { status: 'accepted', message: answer.message };
  if (answer.refused) throw new CredentialsRefusedError(field, answer.code, answer.message);
  if (!input.saveUnvalidated) throw new CredentialsNotCheckedError(field, answer.message);
  return { status: 'saved-unvalidated', message: `Saved unvalidated: Switchboard could not ask Twilio whether it accepts them (${answer.message}). Press Validate once Twilio can be reached.` };
}

/** What stops an account or number from being deleted: the workstreams that use its numbers. */
export async function dependentWorkstreams(ctx: AppContext, numberIds: string[]): Promise<{ id: string; name: string; number_id: string | null }[]> {
  if (numberIds.length === 0) return [];
  return ctx.db
    .selectFrom('workstreams')
    .select(['id', 'name', 'number_id'])
    .where('number_id', 'in', numberIds)
    .where('deleted_at', 'is', null)
    .execute();
}

/**
 * What deleting an account does: intake stops on its numbers; conversations and history stay
 * (the row is kept, marked deleted). The workstreams that answer on its numbers are listed: they
 * are left without a number, which the caller must accept (detachWorkstreams), and the Overview
 * then says so until they get another.
 */
export async function accountImpact(ctx: AppContext, id: string): Promise<Impact> {
  const account = await getAccount(ctx, id);
  const dependents = await dependentWorkstreams(ctx, account.numbers.map((n) => n.id));
  const open = account.numbers.length
    ? await ctx.db.selectFrom('conversations').select((eb) => eb.fn.countAll<string>().as('n')).where('number_id', 'in', account.numbers.map((n) => n.id)).where('state', '<>', 'closed').executeTakeFirstOrThrow()
    : { n: '0' };
  return {
    outcome: 'archive',
    refusal: null,
    effects: [
      ...effect('numbers', account.numbers.map((n) => ({ name: `${n.name} (${n.number})` }))),
      ...effect('workstreams', dependents),
      ...effect('open-conversations', [], Number(open.n)),
    ],
  };
}

/** Soft delete: intake stops, conversations and history stay; workstreams on its numbers lose them only when the caller says so. */
export async function deleteAccount(ctx: AppContext, id: string, opts: { detachWorkstreams?: boolean } = {}): Promise<void> {
  const account = await getAccount(ctx, id);
  const numberIds = account.numbers.map((n) => n.id);
  const dependents = await dependentWorkstreams(ctx, numberIds);
  if (dependents.length > 0 && !opts.detachWorkstreams) {
    throw new ConflictError('ACCOUNT_IN_USE', `This account's numbers are used by ${dependents.map((d) => d.name).join(', ')}. Change those workstreams first, or delete with detachWorkstreams to leave them without a number.`, { dependents: dependents.map(({ id, name }) => ({ id, name })) });
  }
  await ctx.db.transaction().execute(async (tx) => {
    const now = ctx.now();
    if (numberIds.length) await tx.updateTable('workstreams').set({ number_id: null }).where('number_id', 'in', numberIds).execute();
    await tx.updateTable('numbers').set({ deleted_at: now }).where('account_id', '=', id).where('deleted_at', 'is', null).execute();
    await tx.updateTable('messaging_accounts').set({ deleted_at: now }).where('id', '=', id).execute();
  });
}
