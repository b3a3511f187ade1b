import type { Insertable, Selectable } from 'kysely';
import { statusesBefore } from './delivery-rules.js';
import type { SimAccountsTable, SimContentsTable, SimExecutor, SimMediaTable, SimMessagesTable, SimNumbersTable } from './tables.js';

export type SimAccount = Selectable<SimAccountsTable>;
export type SimNumber = Selectable<SimNumbersTable>;
export type SimMessage = Selectable<SimMessagesTable>;
export type SimMedia = Omit<Selectable<SimMediaTable>, 'data'> & { has_data: boolean };
export type SimContent = Selectable<SimContentsTable>;

export const findAccount = (db: SimExecutor, sid: string) => db.selectFrom('sim_accounts').selectAll().where('sid', '=', sid).executeTakeFirst();

export const listAccounts = (db: SimExecutor) => db.selectFrom('sim_accounts').selectAll().orderBy('date_created').execute();

export const findNumber = (db: SimExecutor, phoneNumber: string) =>
  db.selectFrom('sim_numbers').selectAll().where('phone_number', '=', phoneNumber).executeTakeFirst();

export const listNumbers = (db: SimExecutor, accountSid?: string) => {
  let query = db.selectFrom('sim_numbers').selectAll().orderBy('date_created').orderBy('phone_number');
  if (accountSid) query = query.where('account_sid', '=', accountSid);
  return query.execute();
};

export const findMessage = (db: SimExecutor, sid: string) => db.selectFrom('sim_messages').selectAll().where('sid', '=', sid).executeTakeFirst();

export async function insertMessage(db: SimExecutor, message: Insertable<SimMessagesTable>, media: Insertable<SimMediaTable>[] = []): Promise<SimMessage> {
  const row = await db.insertInto('sim_messages').values(message).returningAll().executeTakeFirstOrThrow();
  if (media.length) await db.insertInto('sim_media').values(media).execute();
  return row;
}

const mediaColumns = ['sid', 'message_sid', 'position', 'content_type', 'filename', 'source_url', 'date_created'] as const;

export async function mediaOf(db: SimExecutor, messageSids: string[]): Promise<Map<string, SimMedia[]>> {
  const byMessage = new Map<string, SimMedia[]>();
  if (!messageSids.length) return byMessage;
  const rows = await db
    .selectFrom('sim_media')
    .select([...mediaColumns, (eb) => eb('data', 'is not', null).as('has_data')])
    .where('message_sid', 'in', messageSids)
    .orderBy('position')
    .execute();
  for (const row of rows) byMessage.set(row.message_sid, [...(byMessage.get(row.message_sid) ?? []), { ...row, has_data: Boolean(row.has_data) }]);
  return byMessage;
}

export const mediaData = (db: SimExecutor, sid: string) =>
  db.selectFrom('sim_media').select(['sid', 'message_sid', 'content_type', 'filename', 'data']).where('sid', '=', sid).executeTakeFirst();

export async function storeMediaData(db: SimExecutor, sid: string, contentType: string, data: Buffer): Promise<void> {
  await db.updateTable('sim_media').set({ content_type: contentType, data }).where('sid', '=', sid).execute();
}

/** Twilio's redaction: the message keeps its record, its text is gone. */
export const redactMessageBody = (db: SimExecutor, sid: string, now: Date) =>
  db.updateTable('sim_messages').set({ body: '', date_updated: now }).where('sid', '=', sid).returningAll().executeTakeFirstOrThrow();

export async function deleteMedia(db: SimExecutor, messageSid: string, mediaSid: string): Promise<boolean> {
  const deleted = await db.deleteFrom('sim_media').where('message_sid', '=', messageSid).where('sid', '=', mediaSid).returning('sid').executeTakeFirst();
  return deleted !== undefined;
}

/** Moves a message forward (never back) and answers the updated row, or undefined when it was not behind. */
export function advanceStatus(
  db: SimExecutor,
  sid: string,
  change: { status: string; errorCode?: number | null; errorMessage?: string | null },
  now: Date,
) {
  return db
    .updateTable('sim_messages')
    .set({
      status: change.status,
      date_updated: now,
      ...(change.errorCode ? { error_code: change.errorCode, error_message: change.errorMessage ?? null } : {}),
    })
    .where('sid', '=', sid)
    .where('status', 'in', statusesBefore(change.status))
    .returningAll()
    .executeTakeFirst();
}

/**
 * When the customer last wrote to this business number from this address (the session window's
 * start): an SMS does not open a WhatsApp window.
 */
export async function lastCustomerMessageAt(db: SimExecutor, customer: { phone: string; address: string }, businessNumber: string): Promise<Date | null> {
  const row = await db
    .selectFrom('sim_messages')
    .select((eb) => eb.fn.max('date_created').as('at'))
    .where('direction', '=', 'inbound')
    .where('customer', '=', customer.phone)
    .where('from_address', '=', customer.address)
    .where('business_number', '=', businessNumber)
    .executeTakeFirst();
  return row?.at ? new Date(row.at as Date) : null;
}

export async function sandboxJoinedAt(db: SimExecutor, phoneNumber: string, customer: string): Promise<Date | null> {
  const row = await db
    .selectFrom('sim_sandbox_joins')
    .select('joined_at')
    .where('phone_number', '=', phoneNumber)
    .where('customer', '=', customer)
    .executeTakeFirst();
  return row?.joined_at ?? null;
}

export async function recordSandboxJoin(db: SimExecutor, phoneNumber: string, customer: string, now: Date): Promise<void> {
  await db
    .insertInto('sim_sandbox_joins')
    .values({ phone_number: phoneNumber, customer, joined_at: now })
    .onConflict((oc) => oc.columns(['phone_number', 'customer']).doUpdateSet({ joined_at: now }))
    .execute();
}

/** A customer's latest messages, oldest first; with a business number, only the messages with it. */
export async function conversationOf(db: SimExecutor, customer: string, businessNumber?: string, limit = 500): Promise<SimMessage[]> {
  let query = db.selectFrom('sim_messages').selectAll().where('customer', '=', customer);
  if (businessNumber) query = query.where('business_number', '=', businessNumber);
  return (await query.orderBy('date_created', 'desc').orderBy('seq', 'desc').limit(limit).execute()).reverse();
}

/** Messages whose delivery was under way when the process stopped. */
export const undeliveredMessages = (db: SimExecutor, since: Date) =>
  db
    .selectFrom('sim_messages')
    .selectAll()
    .where('direction', '=', 'outbound-api')
    .where('status', 'in', ['accepted', 'queued', 'sending', 'sent'])
    .where('date_created', '>', since)
    .orderBy('seq')
    .execute();

export type MessageFilter = { to?: string; from?: string; sentOn?: Date; sentBefore?: Date; sentAfter?: Date };

/** Twilio's message list: newest first, with its filters; one more row than asked tells whether a next page exists. */
export function listMessages(db: SimExecutor, accountSid: string, filter: MessageFilter, page: { size: number; offset: number }) {
  let query = db.selectFrom('sim_messages').selectAll().where('account_sid', '=', accountSid);
  if (filter.to) query = query.where('to_address', '=', filter.to);
  if (filter.from) query = query.where('from_address', '=', filter.from);
  if (filter.sentOn) query = query.where('date_sent', '>=', filter.sentOn).where('date_sent', '<', addDays(filter.sentOn, 1));
  if (filter.sentBefore) query = query.where('date_sent', '<', addDays(filter.sentBefore, 1));
  if (filter.sentAfter) query = query.where('date_sent', '>=', filter.sentAfter);
  return query.orderBy('date_created', 'desc').orderBy('seq', 'desc').limit(page.size + 1).offset(page.offset).execute();
}

const addDays = (d: Date, days: number) => new Date(d.getTime() + days * 86_400_000);

export const findContent = (db: SimExecutor, sid: string) => db.selectFrom('sim_contents').selectAll().where('sid', '=', sid).executeTakeFirst();

export async function contentsOf(db: SimExecutor, sids: string[]): Promise<Map<string, SimContent>> {
  if (!sids.length) return new Map();
  const rows = await db.selectFrom('sim_contents').selectAll().where('sid', 'in', [...new Set(sids)]).execute();
  return new Map(rows.map((c) => [c.sid, c]));
}

export const listContents = (db: SimExecutor, accountSid: string, page: { size: number; offset: number }) =>
  db
    .selectFrom('sim_contents')
    .selectAll()
    .where('account_sid', '=', accountSid)
    .orderBy('date_created')
    .orderBy('sid')
    .limit(page.size + 1)
    .offset(page.offset)
    .execute();
