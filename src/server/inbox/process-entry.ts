import type { AppContext } from '../context.js';
import type { AccountRow } from '../messaging-accounts/store.js';
import { findAccountRow } from '../messaging-accounts/store.js';
import { parseInbound, type WebhookParams } from '../channels/whatsapp/parse-inbound.js';
import { receiveInbound, type InboundResult } from '../conversations/receive-inbound.js';
import { claimInboxEntry, deleteInboxEntry, recordInboxFailure, type InboxEntry } from './store.js';

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
    const result = await receiveInbound(ctx, owner, parseInbound(entry.params as WebhookParams), {
      claim: (tx) => claimInboxEntry(tx, entry.id),
      receivedAt: entry.receivedAt,
    });
    // A redelivery of a message stored earlier: its entry has nothing left to do.
    if (result.outcome === 'duplicate') await deleteInboxEntry(ctx.db, entry.id);
    if (result.outcome === 'stored') {
      ctx.signals.mediaQueued();
      ctx.signals.outboxQueued();
    }
    return result;
  } catch (err) {
    const delay = retryDelayMs(entry.attempts + 1);
    const retryAt = Number.isFinite(delay) ? new Date(ctx.now().getTime() + delay) : new Date('9999-12-31T00:00:00Z');
    await recordInboxFailure(ctx.db, entry.id, err instanceof Error ? err.message : String(err), retryAt).catch(() => {});
    throw err;
  }
}
