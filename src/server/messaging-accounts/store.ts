import { sql } from 'kysely';
import type { Executor } from '../db/database.js';
import type { ChannelId } from '../channels/registry.js';
import type { Config } from '../config.js';
import type { AccountView, NumberView } from './schema.js';
import { inboundUrl, statusCallbackUrl } from './urls.js';

export type AccountRow = {
  id: string;
  name: string;
  provider: 'twilio' | 'simulator';
  account_sid: string;
  auth_token_encrypted: string;
  inbound_key: string;
  created_at: Date;
};

const accountColumns = ['id', 'name', 'provider', 'account_sid', 'auth_token_encrypted', 'inbound_key', 'created_at'] as const;

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
    .selectFrom('numbers as n')
    .select(['n.id', 'n.account_id', 'n.name', 'n.number', 'n.messaging_service_sid', 'n.max_per_second', 'n.channels'])
    .select(sql<{ channel: ChannelId; workstreamId: string }[]>`(SELECT coalesce(json_agg(json_build_object('channel', w.channel, 'workstreamId', w.id) ORDER BY array_position(n.channels, w.channel)), '[]')
      FROM workstreams w WHERE w.number_id = n.id AND w.deleted_at IS NULL)`.as('workstreams'))
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
    channels: r.channels,
    workstreamId: r.workstreams[0]?.workstreamId ?? null,
    workstreams: r.workstreams,
  }));
}

/** The presenter: never exposes the auth token, encrypted or not. */
export function presentAccount(config: Config, row: AccountRow, numbers: NumberView[]): AccountView {
  return {
    id: row.id,
    name: row.name,
    provider: row.provider,
    accountSid: row.account_sid,
    inboundUrl: inboundUrl(config, row.inbound_key),
    statusCallbackUrl: statusCallbackUrl(config, row.inbound_key),
    numbers: numbers.filter((n) => n.accountId === row.id),
    createdAt: row.created_at.toISOString(),
  };
}
