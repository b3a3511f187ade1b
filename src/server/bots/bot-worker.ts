import type { FastifyBaseLogger } from 'fastify';
import type { AppContext } from '../context.js';
import { claimBotJobs, type ClaimedBotJob } from './bot-jobs.js';
import { runBotTurn } from './run-bot.js';

/** Turns running at once in one process: each may wait its bot's whole time budget. */
const CONCURRENCY = 8;
const IDLE_POLL_MS = 500;

const runLogged = (ctx: AppContext, job: ClaimedBotJob, log?: FastifyBaseLogger) =>
  runBotTurn(ctx, job).catch((err) => log?.error({ err, messageId: job.message_id }, 'bot turn failed; it is tried again when its lease runs out'));

/** Claims and runs the bot turns due now, waiting for them all; answers how many it ran. */
export async function runBotJobsOnce(ctx: AppContext, log?: FastifyBaseLogger): Promise<number> {
  const jobs = await claimBotJobs(ctx.db, ctx.now(), CONCURRENCY);
  await Promise.all(jobs.map((job) => runLogged(ctx, job, log)));
  return jobs.length;
}

/**
 * Bot turns in the background: a pool of up to CONCURRENCY turns, refilled as each ends, so one
 * slow bot does not hold up the other conversations. Sleeps when nothing is due, until woken (a
 * message was stored in this process) or the poll interval passes (another process stored it).
 */
export function startBotWorker(ctx: AppContext, log: FastifyBaseLogger) {
  const running = new Set<Promise<void>>();
  let stopped = false;
  // A wake-up that comes while the loop is claiming is remembered, so it claims again at once.
  let woken = false;
  let resolveSleep: (() => void) | null = null;
  const wake = () => {
    woken = true;
    resolveSleep?.();
  };
  const start = (job: ClaimedBotJob) => {
    const turn: Promise<void> = runLogged(ctx, job, log).finally(() => {
      running.delete(turn);
      wake();
    });
    running.add(turn);
  };
  const loop = (async () => {
    while (!stopped) {
      woken = false;
      let claimed = 0;
      const free = CONCURRENCY - running.size;
      if (free > 0) {
        try {
          const jobs = await claimBotJobs(ctx.db, ctx.now(), free);
          claimed = jobs.length;
          jobs.forEach(start);
        } catch (err) {
          log.error({ err }, 'bot worker could not claim jobs');
        }
      }
      if (claimed === 0 && !woken && !stopped) {
        await new Promise<void>((resolve) => {
          resolveSleep = resolve;
          setTimeout(resolve, IDLE_POLL_MS);
        });
        resolveSleep = null;
      }
    }
    await Promise.all(running);
  })();
  return {
    wake,
    async stop() {
      stopped = true;
      wake();
      await loop;
    },
  };
}
