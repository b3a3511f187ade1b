import type { ChannelId } from '../channels/registry.js';
import type { Executor } from '../db/database.js';

export type WorkstreamRow = {
  id: string;
  name: string;
  channel: ChannelId;
  mode: 'push' | 'pick';
  fallback_queue_id: string;
  capacity_per_conversation: number;
  offer_timeout_seconds: number;
  number_id: string | null;
  language: string;
  customer_attachments: boolean;
  agent_attachments: boolean;
  created_at: Date;
  allowed_presences: string[];
  skill_matching: 'exact' | 'closest' | 'none';
  keep_same_agent: boolean;
  wrap_up_blocking: 'always' | 'never' | 'timed';
  wrap_up_blocking_seconds: number | null;
  auto_close_waiting_seconds: number | null;
  inactive_after_missed_offers: number;
  capacity_profile_id: string | null;
  wrap_up_reasons: string[];
  wrap_up_reason_required: boolean;
};

export const workstreamColumns = [
  'id', 'name', 'channel', 'mode', 'fallback_queue_id', 'capacity_per_conversation', 'offer_timeout_seconds',
  'number_id', 'language', 'customer_attachments', 'agent_attachments', 'created_at',
  'allowed_presences', 'skill_matching', 'keep_same_agent', 'wrap_up_blocking', 'wrap_up_blocking_seconds',
  'auto_close_waiting_seconds', 'inactive_after_missed_offers', 'capacity_profile_id',
  'wrap_up_reasons', 'wrap_up_reason_required',
] as const;

export async function findWorkstreamForNumber(db: Executor, numberId: string, channel: ChannelId): Promise<WorkstreamRow | undefined> {
  return db.selectFrom('workstreams').select(workstreamColumns).where('number_id', '=', numberId).where('channel', '=', channel).where('deleted_at', 'is', null).executeTakeFirst();
}

export async function findWorkstream(db: Executor, id: string): Promise<WorkstreamRow | undefined> {
  return db.selectFrom('workstreams').select(workstreamColumns).where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
}
