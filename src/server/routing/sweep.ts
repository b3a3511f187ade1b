import type { FastifyBaseLogger } from 'fastify';
import type { AppContext } from '../context.js';
import { markDisconnectedAgentsOffline } from '../users/presence.js';
import { expireOffers } from './offers.js';
import { overflowLongWaits } from './overflow-sweep.js';
import { assignWaitingWork } from './assign-work.js';

export const SWEEP_MS = 2000;

/** One pass of the periodic routing work; every step is safe to run on several processes at once. */
export async function runRoutingSweep(ctx: AppContext): Promise<void> {
  await expireOffers(ctx);
  await overflowLongWaits(ctx);
  await markDisconnectedAgentsOffline(ctx);
  await assignWaitingWork(ctx, { reason: 'periodic sweep' });
}

export function startRoutingWorker(ctx: AppContext, log: FastifyBaseLogger) {
  let running: Promise<void> | null = null;
  const tick = () => {
    if (running) return;
    running = runRoutingSweep(ctx)
      .catch((err) => log.error({ err }, 'routing sweep failed; the next one retries'))
      .finally(() => (running = null));
  };
  const timer = setInterval(tick, SWEEP_MS);
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
