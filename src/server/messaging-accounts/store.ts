import type { Executor } from '../db/database.js';
import type { Config } from '../config.js';
import type { AccountView, NumberView } from './schema.js';
import { inboundUrl, statusCallbackUrl } from './urls.js';

export type AccountRow = {
  id: string;
  name: string;
  channel: 'whatsapp';
  provider: 'twilio' | 'simulator';
  account_sid: string;
  auth_token_encrypted: string;
  inbound_key: string;
  created_at: Date;
};

const accountColumns = ['id', 'name', 'channel', 'provider', 'account_sid', 'auth_token_encrypted', 'inbound_key', 'created_at'] as const;

export async function findAccountRow(db: Executor, id: string): Promise<AccountRow | undefined> {
  return db.selectFrom('messaging_accounts').select(accountColumns).where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
}

export async function findAccountByInboundKey(db: Executor, key: string): Promise<AccountRow | undefined> {
  return db.selectFrom('messaging_accounts').select(accountColumns).where('inbound_key', '=', key).where('deleted_at', 'is', null).executeTakeFirst();
}

export async function listAccountRows(db: Executor): Promise<AccountRow[]> {
  return db.selectFrom('messaging_accounts').select(accountColumns).where('deleted_at', 'is', null).orderBy('created_at').execute();
}

export async function listNumbers(db: Executor, accountIds?: string[]): Promise<NumberView[]> {
  let query = db
    .selectFrom('whatsapp_numbers as n')
    .leftJoin('workstreams as w', (join) => join.onRef('w.number_id', '=', 'n.id').on('w.deleted_at', 'is', null))
    .select(['n.id', 'n.account_id', 'n.name', 'n.number', 'n.messaging_service_sid', 'n.max_per_second', 'w.id as workstream_id'])
    .where('n.deleted_at', 'is', null)
    .orderBy('n.created_at');
  if (accountIds) {
    if (accountIds.length === 0) return [];
    query = query.where('n.account_id', 'in', accountIds);
  }
  const rows = await query.execute();
  return rows.map((r) => ({
    id: r.id,
    accountId: r.account_id,
    name: r.name,
    number: r.number,
    messagingServiceSid: r.messaging_service_sid,
    maxPerSecond: r.max_per_second,
    workstreamId: r.workstream_id,
  }));
}

/** The presenter: never exposes the auth token, encrypted or not. */
export function presentAccount(config: Config, row: AccountRow, numbers: NumberView[]): AccountView {
  return {
    id: row.id,
    name: row.name,
    channel: row.channel,
    provider: row.provider,
    accountSid: row.account_sid,
    inboundUrl: inboundUrl(config, row.inbound_key),
    statusCallbackUrl: statusCallbackUrl(config, row.inbound_key),
    numbers: numbers.filter((n) => n.accountId === row.id),
    createdAt: row.created_at.toISOString(),
  };
}
