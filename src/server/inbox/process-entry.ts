import type { FastifyBaseLogger } from 'fastify';
import type { AppContext } from '../context.js';
import type { AccountRow } from '../messaging-accounts/store.js';
import { findAccountRow } from '../messaging-accounts/store.js';
import { parseTwilioInbound, type WebhookParams } from '../channels/twilio/webhook-params.js';
import { receiveInbound, receiveInboundBatch, type InboundResult } from '../conversations/receive-inbound.js';
import { claimInboxEntries, deleteInboxEntry, recordInboxFailure, type InboxEntry } from './store.js';

/** After this many failed attempts an entry is parked (kept, counted in /metrics) instead of retried. */
export const MAX_ATTEMPTS = 8;

/** 1 s, 2 s, 4 s … capped at 5 minutes; parked for good after MAX_ATTEMPTS. */
export function retryDelayMs(attempts: number): number {
  if (attempts >= MAX_ATTEMPTS) return Number.POSITIVE_INFINITY;
  return Math.min(300_000, 1000 * 2 ** attempts);
}

/**
 * Stores the message of one inbox entry (contact, conversation, routing, behaviors), claiming the
 * entry in the same transaction. A failure leaves the entry for a later attempt, with its error.
 */
export async function processInboxEntry(ctx: AppContext, entry: InboxEntry, account?: AccountRow): Promise<InboundResult> {
  try {
    const owner = account ?? (await findAccountRow(ctx.db, entry.accountId));
    // The account was deleted after the webhook arrived: nothing is left to deliver to.
    if (!owner) {
      await deleteInboxEntry(ctx.db, entry.id);
      return { outcome: 'unmatched' };
    }
    const result = await receiveInbound(ctx, owner, parseTwilioInbound(entry.params as WebhookParams), {
      claim: async (tx) => (await claimInboxEntries(tx, [entry.id]))[0],
      receivedAt: entry.receivedAt,
    });
    // A redelivery of a message stored earlier: its entry has nothing left to do.
    if (result.outcome === 'duplicate') await deleteInboxEntry(ctx.db, entry.id);
    return result;
  } catch (err) {
    const delay = retryDelayMs(entry.attempts + 1);
    const retryAt = Number.isFinite(delay) ? new Date(ctx.now().getTime() + delay) : new Date('9999-12-31T00:00:00Z');
    await recordInboxFailure(ctx.db, entry.id, err instanceof Error ? err.message : String(err), retryAt).catch(() => {});
    throw err;
  }
}

/**
 * Messages stored per transaction at most, and such transactions at once, in the requests and in
 * the workers alike. A transaction stores its messages one after another, so a bigger batch saves
 * commits and reads but makes its first message wait for its last.
 */
export const BATCH_SIZE = 20;
export const CONCURRENT_BATCHES = 2;

export type InboxOutcome = InboundResult['outcome'] | 'failed';
/** An entry to store; the request that received the webhook knows its account already. */
export type InboxWork = InboxEntry & { account?: AccountRow };

/**
 * Stores the messages of several inbox entries (different customers) in one transaction, which
 * also claims and deletes their entries. When the batch fails, each entry is processed on its own,
 * so one bad message costs its batch a retry and only itself a failure.
 */
export async function processInboxBatch(ctx: AppContext, entries: InboxWork[], log?: FastifyBaseLogger): Promise<InboxOutcome[]> {
  const accounts = new Map(entries.filter((e) => e.account).map((e) => [e.accountId, e.account]));
  for (const { accountId } of entries) if (!accounts.has(accountId)) accounts.set(accountId, await findAccountRow(ctx.db, accountId));
  const one = (entry: InboxEntry): Promise<InboxOutcome> =>
    processInboxEntry(ctx, entry, accounts.get(entry.accountId)).then(
      (r) => r.outcome,
      (err) => {
        log?.error({ err, inboxId: entry.id, attempts: entry.attempts + 1 }, 'inbound processing failed; retried later');
        return 'failed';
      },
    );
  // An entry whose account was deleted is dropped by the one-entry path.
  const batch = entries.filter((e) => accounts.get(e.accountId));
  if (batch.length <= 1) return Promise.all(entries.map(one));
  const outcomes = new Map<InboxEntry, InboxOutcome>();
  for (const entry of entries) if (!batch.includes(entry)) outcomes.set(entry, await one(entry));
  try {
    const items = batch.map((e) => ({ account: accounts.get(e.accountId)!, message: parseTwilioInbound(e.params as WebhookParams), receivedAt: e.receivedAt }));
    const results = await receiveInboundBatch(ctx, items, (tx) => claimInboxEntries(tx, batch.map((e) => e.id)));
    batch.forEach((entry, i) => outcomes.set(entry, results[i].outcome));
  } catch (err) {
    log?.warn({ err, entries: batch.length }, 'an inbox batch failed; storing its entries one by one');
    for (const entry of batch) outcomes.set(entry, await one(entry));
  }
  return entries.map((e) => outcomes.get(e)!);
}
