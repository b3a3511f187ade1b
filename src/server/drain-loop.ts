import type { FastifyBaseLogger } from 'fastify';

/**
 * A background loop that runs `pass` until it reports no work, then sleeps until woken or the
 * poll interval passes. `pass` answers how much work it did; errors are logged and the loop goes on.
 * A wake that comes while a pass runs is kept: the work it announces may have arrived after the
 * pass looked, so the loop looks again instead of sleeping.
 */
export function startDrainLoop(pass: () => Promise<number>, opts: { idlePollMs: number; log: FastifyBaseLogger; failure: string }) {
  let stopped = false;
  let wake: (() => void) | null = null;
  let wokenDuringPass = false;
  const loop = (async () => {
    while (!stopped) {
      let done = 0;
      wokenDuringPass = false;
      try {
        done = await pass();
      } catch (err) {
        opts.log.error({ err }, opts.failure);
      }
      if (done === 0 && !stopped && !wokenDuringPass) {
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, opts.idlePollMs);
        });
        wake = null;
      }
    }
  })();
  return {
    wake: () => {
      wokenDuringPass = true;
      wake?.();
    },
    async stop() {
      stopped = true;
      wake?.();
      await loop;
    },
  };
}
