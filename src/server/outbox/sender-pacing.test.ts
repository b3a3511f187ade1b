import { describe, expect, it } from 'vitest';
import { nextSendAt, recordSend, WINDOW_MS, type SendHistory } from './sender-pacing.js';

/** Sends `count` messages as early as the rule allows, starting at `from`, with timers late by `lateMs()`. */
function run(count: number, cap: number, lateMs: () => number, from = 0): number[] {
  const history: SendHistory = { recent: [], due: from };
  const sent: number[] = [];
  let now = from;
  for (let i = 0; i < count; i++) {
    now = Math.max(now, nextSendAt(history, cap)) + lateMs();
    sent.push(now);
    recordSend(history, cap, now);
  }
  return sent;
}

const mostInAnySecond = (times: number[]) => Math.max(...times.map((t) => times.filter((u) => u >= t && u < t + 1000).length));

describe('a sender\'s window', () => {
  it('sends on an even pace at the cap when nothing runs late', () => {
    const times = run(200, 80, () => 0);
    for (let i = 1; i < times.length; i++) expect(times[i] - times[i - 1]).toBeCloseTo(WINDOW_MS / 80);
    expect(mostInAnySecond(times)).toBe(79); // the window's margin: about 2 % under the cap
  });

  it('catches up after a stall at twice the pace, within the window, and loses no more than the stall', () => {
    let i = 0;
    // The 40th send is 200 ms late: the next ones go half a gap apart until back on the pace.
    const times = run(200, 80, () => (++i === 40 ? 200 : 0));
    expect(times[40] - times[39]).toBeCloseTo(WINDOW_MS / 160);
    expect(mostInAnySecond(times)).toBeLessThanOrEqual(80);
    expect(times.at(-1)!).toBeLessThanOrEqual(199 * (WINDOW_MS / 80) + 200 + 1e-9);
  });

  it('never lets late timers crowd more than the cap into one second', () => {
    let seed = 7;
    const jitter = () => {
      seed = (seed * 48271) % 2147483647;
      // Mostly a little late, one in fifty 40-400 ms late (a busy event loop).
      return seed % 50 === 0 ? 40 + (seed % 360) : seed % 3;
    };
    const times = run(1000, 80, jitter);
    expect(mostInAnySecond(times)).toBeLessThanOrEqual(80);
    // Catching up after a stall: faster than the cap's even spacing, so late timers cost little.
    expect(times.length / (times.at(-1)! / 1000)).toBeGreaterThan(60);
  });

  it('paces a sender with a cap of one to one send per window', () => {
    const times = run(3, 1, () => 0, 100);
    expect(times).toEqual([100, 100 + WINDOW_MS, 100 + 2 * WINDOW_MS]);
  });

  it('never lets a burst of late timers go out together', () => {
    // Every timer 30 ms late: sends still leave at least half a gap apart.
    const times = run(100, 80, () => 30);
    for (let k = 1; k < times.length; k++) expect(times[k] - times[k - 1]).toBeGreaterThanOrEqual(WINDOW_MS / 160 - 1e-9);
  });
});
