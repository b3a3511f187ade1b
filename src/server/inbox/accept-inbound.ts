import type { FastifyBaseLogger } from 'fastify';
import type { AppContext } from '../context.js';
import type { AccountRow } from '../messaging-accounts/store.js';
import type { InboundMessage } from '../channels/types.js';
import type { WebhookParams } from '../channels/twilio/webhook-params.js';
import { createGroupRunner } from '../group-runner.js';
import { insertInboxEntries, releaseInboxEntry, type InboxReceipt } from './store.js';
import { createSenderWatch } from './sender-watch.js';
import { BATCH_SIZE, CONCURRENT_BATCHES, processInboxBatch, type InboxWork } from './process-entry.js';

/** stored, duplicate and unmatched as the storing says; queued when a worker will store it shortly. */
export type AcceptOutcome = 'stored' | 'duplicate' | 'unmatched' | 'queued';

/** Inbox entries written in one statement at most (a group of requests that arrived together). */
const RECEIPTS_PER_STATEMENT = 50;

/**
 * The webhook's side of the inbox. Each webhook is written to the inbox (durable: Twilio may have
 * its 200), then stored in the request while fewer than `inlineLimit` are waiting to be stored in
 * this process; beyond that, or when an older message of the same customer is still waiting, the
 * inbox workers take it. Requests that arrive together are stored together, in one transaction
 * (group-runner.ts), and their inbox entries are written together too: light traffic keeps the
 * shortest path to the agent, and a burst costs one commit per group.
 */
export function createInboundAcceptor(ctx: AppContext, log: FastifyBaseLogger) {
  const limit = ctx.config.inboundInlineLimit;
  const receipts = createGroupRunner((items: InboxReceipt[]) => insertInboxEntries(ctx.db, items), { maxItems: RECEIPTS_PER_STATEMENT, concurrency: CONCURRENT_BATCHES });
  const inline = createGroupRunner((entries: InboxWork[]) => processInboxBatch(ctx, entries, log), { maxItems: BATCH_SIZE, concurrency: CONCURRENT_BATCHES });
  const senders = createSenderWatch(() => ctx.signals.inboxQueued());

  const handToWorkers = (sender: string): AcceptOutcome => {
    senders.handedOn(sender);
    ctx.signals.inboxQueued();
    return 'queued';
  };

  return async function acceptInbound(account: AccountRow, params: WebhookParams, message: InboundMessage): Promise<AcceptOutcome> {
    const receivedAt = ctx.now();
    const processInline = inline.pending() < limit;
    const id = await receipts.run({ accountId: account.id, messageSid: message.messageSid, sender: message.from, params, receivedAt, processInline });
    if (id === null) return 'duplicate';
    if (!processInline) return handToWorkers(message.from);
    const outcome = await senders.storing(message.from, () => inline.run({ id, accountId: account.id, account, params, receivedAt, attempts: 0 }));
    if (outcome === 'stored' || outcome === 'duplicate' || outcome === 'unmatched') return outcome;
    // Not claimed (an older message of this customer waits) or failed (kept with its error, retried with backoff).
    if (outcome === 'not-claimed') await releaseInboxEntry(ctx.db, id, ctx.now());
    return handToWorkers(message.from);
  };
}
