import type { FastifyBaseLogger } from 'fastify';
import type { AppContext } from '../context.js';
import { claimDueEntries, releaseClaims } from './claim.js';
import { dispatchEntry, loadOutbound, recordAcceptances, type Acceptance } from './dispatch.js';
import { senderPacingOf, type SenderPacing } from './sender-pacing.js';
import { createBatcher } from '../batcher.js';
import { startDrainLoop } from '../drain-loop.js';
import { startHeartbeat } from './heartbeat.js';

/** Enough for a quarter second of every sender of a large business (40 senders at 80/s: 800). */
const BATCH = 1000;
const IDLE_POLL_MS = 250;
/**
 * Passes whose sends may wait for their slots at once. A pass's sends are spread over the quarter
 * second its senders booked; the next pass is claimed and booked meanwhile (its slots follow on),
 * so a busy sender sends continuously instead of pausing between passes.
 */
const PASSES_IN_FLIGHT = 2;
/** Twilio's answers within this long are recorded together (one transaction, one realtime read). */
const RECORD_WAIT_MS = 10;
const RECORD_MAX = 100;

type Pass = { claimed: number; done: Promise<void> };

/** Claims a batch, queues each message for its sender's turn and starts the sends; `done` settles when all are recorded. */
async function startPass(ctx: AppContext, pacing: SenderPacing, log?: FastifyBaseLogger, onSettled?: () => void): Promise<Pass> {
  const claimed = await claimDueEntries(ctx.db, ctx.now(), BATCH, pacing.owner);
  if (claimed.length === 0) return { claimed: 0, done: Promise.resolve() };
  const loaded = await loadOutbound(ctx, claimed.map((e) => e.message_id));
  const sendable = claimed.flatMap((e) => {
    const message = loaded.get(e.message_id);
    return message && !message.twilioSid && message.status === 'queued' ? [{ messageId: e.message_id, numberId: e.number_id, perSecond: message.maxPerSecond, recipient: message.outbound.customerPhone }] : [];
  });
  const { turns, elsewhere } = await pacing.enqueue(ctx.db, sendable);
  // Another process took these senders between our claim and our lease: it sends them.
  await releaseClaims(ctx.db, elsewhere, pacing.owner);
  const givenBack = new Set(elsewhere);
  const entries = claimed.filter((e) => !givenBack.has(e.message_id));
  const recorder = createBatcher<Acceptance>((acceptances) => recordAcceptances(ctx, acceptances), { waitMs: RECORD_WAIT_MS, maxItems: RECORD_MAX });
  const sends = entries.map((entry) =>
    dispatchEntry(ctx, entry, loaded.get(entry.message_id), () => turns.get(entry.message_id) ?? Promise.resolve(() => {}), (a) => recorder.add(a))
      .catch((err) => log?.error({ err, messageId: entry.message_id }, 'outbox dispatch failed; the claim will expire and be retried'))
      // The conversation's next message may go now.
      .finally(onSettled),
  );
  return { claimed: entries.length, done: Promise.all(sends).then(() => {}) };
}

/** Claims and dispatches one batch, and waits until every message of it is recorded; answers how many entries it handled. */
export async function runOutboxOnce(ctx: AppContext, log?: FastifyBaseLogger): Promise<number> {
  const pass = await startPass(ctx, senderPacingOf(ctx), log);
  await pass.done;
  return pass.claimed;
}

/** A loop that drains the outbox, sleeping when it is empty until woken or the poll interval passes. */
export function startOutboxWorker(ctx: AppContext, log: FastifyBaseLogger) {
  const pacing = senderPacingOf(ctx);
  const inFlight = new Set<Promise<void>>();
  const heartbeat = startHeartbeat(ctx.db, pacing.owner, { now: () => ctx.now(), log, onReleased: () => loop.wake() });
  pacing.fenceWith(heartbeat.fresh);
  const nextPass = async () => {
    if (inFlight.size >= PASSES_IN_FLIGHT) await Promise.race(inFlight);
    // Claims made now would only be withdrawn before their turn.
    if (!heartbeat.fresh()) return 0;
    const pass = await startPass(ctx, pacing, log, () => loop.wake());
    const tracked: Promise<void> = pass.done.finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
    return pass.claimed;
  };
  const loop = startDrainLoop(nextPass, { idlePollMs: IDLE_POLL_MS, log, failure: 'outbox worker could not claim entries' });
  return {
    wake: loop.wake,
    async stop() {
      await loop.stop();
      pacing.withdraw();
      await Promise.all(inFlight);
      await heartbeat.stop();
      await pacing.handBack(ctx.db);
    },
  };
}
