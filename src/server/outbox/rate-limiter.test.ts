import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './rate-limiter.js';

describe('per-sender rate limiter', () => {
  it('spaces one sender evenly and leaves other senders alone', () => {
    let clock = 1000;
    const limiter = createRateLimiter(() => clock);
    expect([1, 2, 3, 4].map(() => limiter.reserve('a', 2))).toEqual([0, 500, 1000, 1500]);
    expect(limiter.reserve('b', 2)).toBe(0);
    clock += 2000; // a's slots are all in the past now
    expect(limiter.reserve('a', 2)).toBe(0);
  });

  it('never books more than perSecond slots in any one-second stretch', () => {
    const limiter = createRateLimiter(() => 0);
    const slots = Array.from({ length: 200 }, () => limiter.reserve('n', 80));
    for (let i = 0; i + 80 < slots.length; i++) expect(slots[i + 80] - slots[i]).toBeGreaterThanOrEqual(1000 - 1e-9);
  });
});
