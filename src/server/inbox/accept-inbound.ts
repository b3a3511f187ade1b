import type { FastifyBaseLogger } from 'fastify';
import type { AppContext } from '../context.js';
import type { AccountRow } from '../messaging-accounts/store.js';
import type { InboundMessage, WebhookParams } from '../channels/whatsapp/parse-inbound.js';
import { insertInboxEntry, releaseInboxEntry } from './store.js';
import { processInboxEntry } from './process-entry.js';

/** stored, duplicate and unmatched as the storing says; queued when a worker will store it shortly. */
export type AcceptOutcome = 'stored' | 'duplicate' | 'unmatched' | 'queued';

/**
 * The webhook's side of the inbox. Each webhook is written to the inbox (durable: Twilio may have
 * its 200), then processed in the request while fewer than `inlineLimit` are being processed in
 * this process; beyond that, or when an older message of the same customer is still waiting, the
 * inbox workers take it. A burst is acknowledged at the speed of one insert instead of waiting
 * for routing and behaviors, and light traffic keeps the shortest path to the agent.
 */
export function createInboundAcceptor(ctx: AppContext, log: FastifyBaseLogger) {
  let inFlight = 0;
  const limit = ctx.config.inboundInlineLimit;

  return async function acceptInbound(account: AccountRow, params: WebhookParams, message: InboundMessage): Promise<AcceptOutcome> {
    const receivedAt = ctx.now();
    const processInline = inFlight < limit;
    const id = await insertInboxEntry(ctx.db, { accountId: account.id, messageSid: message.messageSid, sender: message.from, params, receivedAt, processInline });
    if (id === null) return 'duplicate';
    if (!processInline) {
      ctx.signals.inboxQueued();
      return 'queued';
    }
    inFlight++;
    try {
      const result = await processInboxEntry(ctx, { id, accountId: account.id, params, receivedAt, attempts: 0 }, account);
      if (result.outcome !== 'not-claimed') return result.outcome;
      await releaseInboxEntry(ctx.db, id, ctx.now());
      ctx.signals.inboxQueued();
      return 'queued';
    } catch (err) {
      // The message is safe in the inbox with its error; a worker retries it with backoff.
      log.error({ err, messageSid: message.messageSid }, 'inbound processing failed; the inbox retries it');
      return 'queued';
    } finally {
      inFlight--;
    }
  };
}
