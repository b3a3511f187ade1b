import { describe, expect, it } from 'vitest';
import type { FastifyBaseLogger } from 'fastify';
import { startDrainLoop } from './drain-loop.js';

/** These passes never throw, so nothing is logged. */
const log = {} as FastifyBaseLogger;
const LONG_POLL_MS = 60_000;

/** A pass that finds nothing and finishes only when the test says so; counts how often it ran. */
function heldPasses() {
  const finishers: Array<() => void> = [];
  const pass = () => new Promise<number>((resolve) => finishers.push(() => resolve(0)));
  return { finishers, pass };
}

const settle = () => new Promise((r) => setImmediate(r));

describe('a drain loop', () => {
  it('sleeps after a pass that found nothing, until woken', async () => {
    const { finishers, pass } = heldPasses();
    const loop = startDrainLoop(pass, { idlePollMs: LONG_POLL_MS, log, failure: 'failed' });
    finishers[0]();
    await settle();
    expect(finishers).toHaveLength(1);
    loop.wake();
    await settle();
    expect(finishers).toHaveLength(2);
    finishers[1]();
    await loop.stop();
  });

  it('looks again at once when woken while a pass runs: the work may have come after the pass looked', async () => {
    const { finishers, pass } = heldPasses();
    const loop = startDrainLoop(pass, { idlePollMs: LONG_POLL_MS, log, failure: 'failed' });
    loop.wake();
    finishers[0]();
    await settle();
    expect(finishers).toHaveLength(2);
    finishers[1]();
    await settle();
    expect(finishers).toHaveLength(2);
    await loop.stop();
  });
});
