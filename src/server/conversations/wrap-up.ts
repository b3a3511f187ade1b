import { sql } from 'kysely';
import type { Executor } from '../db/database.js';
import { DomainError, ValidationError } from '../http/errors.js';
import type { WrapUpBody } from './schema.js';

/** What a wrap-up recorded, as the timeline keeps it (reason and summary as given, labels by name). */
export type WrapUpRecord = { reason?: string; summary?: string; labels?: string[] };

/**
 * Stores the wrap-up End or Close carries: a reason from the workstream's list (required when the
 * workstream says so and none was given at an earlier End), labels and a summary. Called inside
 * the state change's transaction, after the conversation row is locked.
 */
export async function applyWrapUp(tx: Executor, conversation: { id: string; workstream_id: string | null }, input: WrapUpBody, userId: string): Promise<WrapUpRecord> {
  const current = await tx
    .selectFrom('conversations as c')
    .leftJoin('workstreams as w', 'w.id', 'c.workstream_id')
    .select(['c.wrap_up_reason', 'w.wrap_up_reasons', 'w.wrap_up_reason_required'])
    .where('c.id', '=', conversation.id)
    .executeTakeFirstOrThrow();
  const offered = current.wrap_up_reasons ?? [];
  const given = input.reason?.trim();
  // The reason as the workstream words it, whatever the case it was typed in.
  const reason = given ? offered.find((r) => r.toLowerCase() === given.toLowerCase()) : undefined;
  if (given && !reason) {
    throw new ValidationError(offered.length ? `"${given}" is not one of this workstream's wrap-up reasons: ${offered.join(', ')}.` : "This conversation's workstream has no wrap-up reasons.", 'reason');
  }
  if (!reason && !current.wrap_up_reason && current.wrap_up_reason_required) {
    throw new DomainError('WRAP_UP_REASON_REQUIRED', `Choose a wrap-up reason: ${offered.join(', ')}.`, 422, { field: 'reason' });
  }
  const labels = input.labelIds?.length
    ? await tx.selectFrom('labels').select(['id', 'name']).where(sql<boolean>`id = any(${input.labelIds}::uuid[])`).execute()
    : [];
  if (labels.length !== (input.labelIds?.length ?? 0)) throw new ValidationError('A label does not exist (it may have been deleted): reload the labels.', 'labelIds');
  if (labels.length) {
    await tx
      .insertInto('conversation_labels')
      .values(labels.map((l) => ({ conversation_id: conversation.id, label_id: l.id, added_by: userId })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  const summary = input.summary?.trim() || undefined;
  if (reason || summary) {
    await tx
      .updateTable('conversations')
      .set({ ...(reason ? { wrap_up_reason: reason } : {}), ...(summary ? { wrap_up_summary: summary } : {}) })
      .where('id', '=', conversation.id)
      .execute();
  }
  return { ...(reason ? { reason } : {}), ...(summary ? { summary } : {}), ...(labels.length ? { labels: labels.map((l) => l.name) } : {}) };
}
