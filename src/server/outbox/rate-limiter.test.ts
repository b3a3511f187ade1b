import { describe, expect, it } from 'vitest';
import { slotTimes, type PacedSend } from './rate-limiter.js';

const sends = (numberId: string, n: number, perSecond: number): PacedSend[] =>
  Array.from({ length: n }, (_, i) => ({ messageId: `${numberId}-${i}`, numberId, perSecond }));

describe('per-sender pacing', () => {
  it('spaces one sender evenly from the start of its booked run and leaves other senders alone', () => {
    const times = slotTimes([...sends('a', 4, 2), ...sends('b', 1, 2)], new Map([['a', 250], ['b', 0]]), 1000);
    expect(['a-0', 'a-1', 'a-2', 'a-3', 'b-0'].map((id) => times.get(id))).toEqual([1250, 1750, 2250, 2750, 1000]);
  });

  it('never places more than perSecond sends of a sender in any one-second stretch', () => {
    const times = slotTimes(sends('n', 200, 80), new Map([['n', 0]]), 0);
    const sorted = [...times.values()].sort((x, y) => x - y);
    for (let i = 0; i + 80 < sorted.length; i++) expect(sorted[i + 80] - sorted[i]).toBeGreaterThanOrEqual(1000 - 1e-9);
  });

  it('treats a booked start already in the past as now', () => {
    expect(slotTimes(sends('a', 1, 10), new Map([['a', -40]]), 500).get('a-0')).toBe(500);
  });
});
