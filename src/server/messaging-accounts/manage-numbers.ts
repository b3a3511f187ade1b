import type { AppContext } from '../context.js';
import { ConflictError, NotFoundError } from '../http/errors.js';
import type { CreateNumberBody, NumberView, UpdateNumberBody } from './schema.js';
import { listNumbers } from './store.js';
import { normalizeE164 } from './phone-number.js';
import { dependentWorkstreams, getAccount } from './manage-accounts.js';

async function assertNumberFree(ctx: AppContext, number: string, exceptId?: string): Promise<void> {
  let query = ctx.db.selectFrom('numbers').select('id').where('number', '=', number).where('deleted_at', 'is', null);
  if (exceptId) query = query.where('id', '<>', exceptId);
  if (await query.executeTakeFirst()) throw new ConflictError('NUMBER_TAKEN', `${number} is already configured on a messaging account.`, { field: 'number' });
}

export async function getNumber(ctx: AppContext, accountId: string, numberId: string): Promise<NumberView> {
  const found = (await listNumbers(ctx.db, [accountId])).find((n) => n.id === numberId);
  if (!found) throw new NotFoundError('The number');
  return found;
}

export async function addNumber(ctx: AppContext, accountId: string, input: CreateNumberBody): Promise<NumberView> {
  await getAccount(ctx, accountId);
  const number = normalizeE164(input.number);
  await assertNumberFree(ctx, number);
  const row = await ctx.db
    .insertInto('numbers')
    .values({
      account_id: accountId,
      name: input.name.trim(),
      number,
      messaging_service_sid: input.messagingServiceSid ?? null,
      channels: input.channels ?? ['whatsapp'],
      ...(input.maxPerSecond ? { max_per_second: input.maxPerSecond } : {}),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return getNumber(ctx, accountId, row.id);
}

export async function updateNumber(ctx: AppContext, accountId: string, numberId: string, input: UpdateNumberBody): Promise<NumberView> {
  const current = await getNumber(ctx, accountId, numberId);
  if (input.channels) assertChannelsStillServed(current, input.channels);
  const number = input.number !== undefined ? normalizeE164(input.number) : undefined;
  if (number) await assertNumberFree(ctx, number, numberId);
  await ctx.db
    .updateTable('numbers')
    .set({
      ...(input.name !== undefined ? { name: input.name.trim() } : {}),
      ...(number ? { number } : {}),
      ...(input.messagingServiceSid !== undefined ? { messaging_service_sid: input.messagingServiceSid } : {}),
      ...(input.maxPerSecond !== undefined ? { max_per_second: input.maxPerSecond } : {}),
      ...(input.channels ? { channels: input.channels } : {}),
    })
    .where('id', '=', numberId)
    .execute();
  return getNumber(ctx, accountId, numberId);
}

/** A channel a workstream answers on cannot be taken off its number: the workstream would stop receiving. */
function assertChannelsStillServed(current: NumberView, channels: string[]): void {
  const dropped = current.workstreams.filter((w) => !channels.includes(w.channel));
  if (dropped.length > 0) {
    throw new ConflictError('NUMBER_IN_USE', `A workstream answers ${dropped.map((w) => w.channel).join(' and ')} on this number. Change that workstream first.`, { field: 'channels', dependents: dropped });
  }
}

/** Workstreams answering on the number lose it only when the caller says so (detachWorkstreams); the Overview then names them. */
export async function removeNumber(ctx: AppContext, accountId: string, numberId: string, opts: { detachWorkstreams?: boolean } = {}): Promise<void> {
  await getNumber(ctx, accountId, numberId);
  const dependents = await dependentWorkstreams(ctx, [numberId]);
  if (dependents.length > 0 && !opts.detachWorkstreams) {
    throw new ConflictError('NUMBER_IN_USE', `This number is used by ${dependents.map((d) => d.name).join(', ')}. Change those workstreams first, or remove it with detachWorkstreams to leave them without a number.`, { dependents: dependents.map(({ id, name }) => ({ id, name })) });
  }
  await ctx.db.transaction().execute(async (tx) => {
    await tx.updateTable('workstreams').set({ number_id: null }).where('number_id', '=', numberId).execute();
    await tx.updateTable('numbers').set({ deleted_at: ctx.now() }).where('id', '=', numberId).execute();
  });
}
