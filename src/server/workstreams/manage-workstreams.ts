import type { AppContext } from '../context.js';
import type { Executor } from '../db/database.js';
import { ConflictError, DomainError, NotFoundError, ValidationError } from '../http/errors.js';
import type { CreateWorkstreamBody, UpdateWorkstreamBody, WorkstreamView } from './schema.js';
import { findWorkstream, workstreamColumns, type WorkstreamRow } from './store.js';
import { CHANNEL_IDS, type ChannelId } from '../channels/registry.js';

export function presentWorkstream(w: WorkstreamRow): WorkstreamView {
  return {
    id: w.id,
    name: w.name,
    channel: w.channel,
    mode: w.mode,
    fallbackQueueId: w.fallback_queue_id,
    capacityPerConversation: w.capacity_per_conversation,
    capacityProfileId: w.capacity_profile_id,
    offerTimeoutSeconds: w.offer_timeout_seconds,
    allowedPresences: w.allowed_presences as WorkstreamView['allowedPresences'],
    skillMatching: w.skill_matching,
    keepSameAgent: w.keep_same_agent,
    wrapUpBlocking: w.wrap_up_blocking,
    wrapUpBlockingSeconds: w.wrap_up_blocking_seconds,
    autoCloseWaitingSeconds: w.auto_close_waiting_seconds,
    inactiveAfterMissedOffers: w.inactive_after_missed_offers,
    wrapUpReasons: w.wrap_up_reasons,
    wrapUpReasonRequired: w.wrap_up_reason_required,
    [w.channel]: { numberId: w.number_id, language: w.language, customerAttachments: w.customer_attachments, agentAttachments: w.agent_attachments },
    createdAt: w.created_at.toISOString(),
  };
}

export async function listWorkstreams(db: Executor): Promise<WorkstreamView[]> {
  const rows = await db.selectFrom('workstreams').select(workstreamColumns).where('deleted_at', 'is', null).orderBy('name').execute();
  return rows.map(presentWorkstream);
}

export async function getWorkstream(db: Executor, id: string): Promise<WorkstreamView> {
  const row = await findWorkstream(db, id);
  if (!row) throw new NotFoundError('The workstream');
  return presentWorkstream(row);
}

async function assertQueueExists(db: Executor, queueId: string) {
  if (!(await db.selectFrom('queues').select('id').where('id', '=', queueId).where('archived_at', 'is', null).executeTakeFirst())) {
    throw new ValidationError('The fallback queue does not exist.', 'fallbackQueueId');
  }
}

async function assertProfileExists(db: Executor, profileId: string | null | undefined) {
  if (!profileId) return;
  if (!(await db.selectFrom('capacity_profiles').select('id').where('id', '=', profileId).executeTakeFirst())) {
    throw new ValidationError('The capacity profile does not exist.', 'capacityProfileId');
  }
}

/** A number carries the workstream's channel, and a (number, channel) pair serves at most one workstream. */
async function assertNumberAvailable(db: Executor, channel: ChannelId, numberId: string, exceptWorkstreamId?: string) {
  const field = `${channel}.numberId`;
  const number = await db.selectFrom('numbers').select(['id', 'channels']).where('id', '=', numberId).where('deleted_at', 'is', null).executeTakeFirst();
  if (!number) throw new ValidationError('The number does not exist.', field);
  if (!number.channels.includes(channel)) throw new ValidationError(`The number does not carry ${channel}: add the channel to the number first.`, field);
  let query = db.selectFrom('workstreams').select(['id', 'name']).where('number_id', '=', numberId).where('channel', '=', channel).where('deleted_at', 'is', null);
  if (exceptWorkstreamId) query = query.where('id', '<>', exceptWorkstreamId);
  const taken = await query.executeTakeFirst();
  if (taken) throw new ConflictError('NUMBER_IN_USE', `The number's ${channel} already belongs to the workstream "${taken.name}".`, { field });
}

/** The settings block of the workstream's own channel; a block for another channel is a mistake worth naming. */
function channelSettings<T>(input: Partial<Record<ChannelId, T>>, channel: ChannelId): T | undefined {
  const other = CHANNEL_IDS.find((id) => id !== channel && input[id] !== undefined);
  if (other) throw new ValidationError(`This workstream is on ${channel}: give its settings as "${channel}", not "${other}".`, other);
  return input[channel];
}

/** Timed wrap-up blocking needs its duration, and only then. */
function assertWrapUp(blocking: string, seconds: number | null | undefined) {
  if (blocking === 'timed' && !seconds) throw new ValidationError('Timed wrap-up blocking needs wrapUpBlockingSeconds (30 s to 60 min).', 'wrapUpBlockingSeconds');
}

/** Requiring a reason makes sense only with reasons to choose from. */
function assertWrapUpReasons(reasons: string[], required: boolean) {
  if (required && reasons.length === 0) throw new ValidationError('A required wrap-up reason needs at least one reason to choose from.', 'wrapUpReasons');
}

/** Reasons as the agent will see them: trimmed, and the same reason only once. */
function cleanReasons(reasons: string[]): string[] {
  const seen = new Set<string>();
  return reasons.map((r) => r.trim()).filter((r) => !seen.has(r.toLowerCase()) && seen.add(r.toLowerCase()));
}

type DistributionInput = Omit<UpdateWorkstreamBody, 'name' | 'mode' | 'fallbackQueueId' | ChannelId>;

function distributionValues(input: DistributionInput) {
  return {
    ...(input.capacityPerConversation !== undefined ? { capacity_per_conversation: input.capacityPerConversation } : {}),
    ...(input.capacityProfileId !== undefined ? { capacity_profile_id: input.capacityProfileId } : {}),
    ...(input.offerTimeoutSeconds !== undefined ? { offer_timeout_seconds: input.offerTimeoutSeconds } : {}),
    ...(input.allowedPresences !== undefined ? { allowed_presences: JSON.stringify(input.allowedPresences) } : {}),
    ...(input.skillMatching !== undefined ? { skill_matching: input.skillMatching } : {}),
    ...(input.keepSameAgent !== undefined ? { keep_same_agent: input.keepSameAgent } : {}),
    ...(input.wrapUpBlocking !== undefined ? { wrap_up_blocking: input.wrapUpBlocking } : {}),
    ...(input.wrapUpBlockingSeconds !== undefined ? { wrap_up_blocking_seconds: input.wrapUpBlockingSeconds } : {}),
    ...(input.autoCloseWaitingSeconds !== undefined ? { auto_close_waiting_seconds: input.autoCloseWaitingSeconds } : {}),
    ...(input.inactiveAfterMissedOffers !== undefined ? { inactive_after_missed_offers: input.inactiveAfterMissedOffers } : {}),
    ...(input.wrapUpReasons !== undefined ? { wrap_up_reasons: JSON.stringify(cleanReasons(input.wrapUpReasons)) } : {}),
    ...(input.wrapUpReasonRequired !== undefined ? { wrap_up_reason_required: input.wrapUpReasonRequired } : {}),
  };
}

export async function createWorkstream(ctx: AppContext, input: CreateWorkstreamBody): Promise<WorkstreamView> {
  await assertQueueExists(ctx.db, input.fallbackQueueId);
  await assertProfileExists(ctx.db, input.capacityProfileId);
  assertWrapUp(input.wrapUpBlocking ?? 'always', input.wrapUpBlockingSeconds);
  assertWrapUpReasons(cleanReasons(input.wrapUpReasons ?? []), input.wrapUpReasonRequired ?? false);
  const settings = channelSettings(input, input.channel);
  if (settings?.numberId) await assertNumberAvailable(ctx.db, input.channel, settings.numberId);
  const row = await ctx.db
    .insertInto('workstreams')
    .values({
      name: input.name.trim(),
      channel: input.channel,
      mode: input.mode,
      fallback_queue_id: input.fallbackQueueId,
      number_id: settings?.numberId ?? null,
      ...distributionValues(input),
      ...(settings?.language ? { language: settings.language } : {}),
      ...(settings?.customerAttachments !== undefined ? { customer_attachments: settings.customerAttachments } : {}),
      ...(settings?.agentAttachments !== undefined ? { agent_attachments: settings.agentAttachments } : {}),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return getWorkstream(ctx.db, row.id);
}

export async function updateWorkstream(ctx: AppContext, id: string, input: UpdateWorkstreamBody): Promise<WorkstreamView> {
  const current = await getWorkstream(ctx.db, id);
  if (input.mode !== undefined && input.mode !== current.mode) {
    throw new DomainError('MODE_IMMUTABLE', `The distribution mode is fixed at creation (this workstream is "${current.mode}"). Create a new workstream to use "${input.mode}".`, 422, { field: 'mode' });
  }
  if (input.fallbackQueueId) await assertQueueExists(ctx.db, input.fallbackQueueId);
  await assertProfileExists(ctx.db, input.capacityProfileId);
  assertWrapUp(input.wrapUpBlocking ?? current.wrapUpBlocking, input.wrapUpBlockingSeconds === undefined ? current.wrapUpBlockingSeconds : input.wrapUpBlockingSeconds);
  assertWrapUpReasons(input.wrapUpReasons ? cleanReasons(input.wrapUpReasons) : current.wrapUpReasons, input.wrapUpReasonRequired ?? current.wrapUpReasonRequired);
  const w = channelSettings(input, current.channel) ?? {};
  if (w.numberId) await assertNumberAvailable(ctx.db, current.channel, w.numberId, id);
  const values = {
    ...(input.name !== undefined ? { name: input.name.trim() } : {}),
    ...(input.fallbackQueueId !== undefined ? { fallback_queue_id: input.fallbackQueueId } : {}),
    ...distributionValues(input),
    ...(w.numberId !== undefined ? { number_id: w.numberId } : {}),
    ...(w.language !== undefined ? { language: w.language } : {}),
    ...(w.customerAttachments !== undefined ? { customer_attachments: w.customerAttachments } : {}),
    ...(w.agentAttachments !== undefined ? { agent_attachments: w.agentAttachments } : {}),
  };
  if (Object.keys(values).length) await ctx.db.updateTable('workstreams').set(values).where('id', '=', id).execute();
  return getWorkstream(ctx.db, id);
}
