import type { FastifyBaseLogger } from 'fastify';
import type { AppContext } from './context.js';
import { startOutboxWorker } from './outbox/worker.js';
import { startInboxWorker } from './inbox/worker.js';
import { downloadPendingMedia } from './media/download-media.js';
import { startRoutingWorker } from './routing/sweep.js';
import { startAutoCloseWorker } from './automation/auto-close.js';
import { startRetentionWorker } from './retention/retention-worker.js';
import { startBotWorker } from './bots/bot-worker.js';
import { startRedactionWorker } from './retention/twilio-redactions.js';

const MEDIA_POLL_MS = 1000;

/** Background work of this process: the inbox, the outbox, bot turns, inbound media downloads and the periodic sweeps. */
export function startWorkers(ctx: AppContext, log: FastifyBaseLogger) {
  const inbox = startInboxWorker(ctx, log.child({ worker: 'inbox' }));
  const outbox = startOutboxWorker(ctx, log.child({ worker: 'outbox' }));
  const routing = startRoutingWorker(ctx, log.child({ worker: 'routing' }));
  const autoClose = startAutoCloseWorker(ctx, log.child({ worker: 'auto-close' }));
  const retention = startRetentionWorker(ctx, log.child({ worker: 'retention' }));
  const bots = startBotWorker(ctx, log.child({ worker: 'bots' }));
  const redactions = startRedactionWorker(ctx, log.child({ worker: 'twilio-redactions' }));
  let mediaRunning: Promise<void> | null = null;
  let stopped = false;
  const drainMedia = () =>
    (mediaRunning ??= (async () => {
      try {
        while (!stopped && (await downloadPendingMedia(ctx)) > 0);
      } catch (err) {
        log.error({ err }, 'media download failed');
      } finally {
        mediaRunning = null;
      }
    })());
  const mediaTimer = setInterval(() => void drainMedia(), MEDIA_POLL_MS);
  ctx.signals.inboxQueued = inbox.wake;
  ctx.signals.outboxQueued = outbox.wake;
  ctx.signals.mediaQueued = () => void drainMedia();
  ctx.signals.botQueued = bots.wake;
  ctx.signals.redactionQueued = redactions.wake;
  return {
    async stop() {
      stopped = true;
      clearInterval(mediaTimer);
      ctx.signals.inboxQueued = () => {};
      ctx.signals.outboxQueued = () => {};
      ctx.signals.mediaQueued = () => {};
      ctx.signals.botQueued = () => {};
      ctx.signals.redactionQueued = () => {};
      await inbox.stop();
      await redactions.stop();
      await bots.stop();
      await outbox.stop();
      await routing.stop();
      await autoClose.stop();
      await retention.stop();
      // Downloads under way finish before the database closes.
      await mediaRunning;
    },
  };
}
