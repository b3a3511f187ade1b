import { describe, expect, it } from 'vitest';
import { createLoginThrottle, LoginThrottledError } from './login-throttle.js';

const at = (minutes: number) => new Date(Date.UTC(2025, 0, 1, 12, 0) + minutes * 60_000);

describe('login throttle', () => {
  it('refuses an address after its allowance of failures, and only that address', () => {
    const throttle = createLoginThrottle({ maxFailures: 3, windowMs: 10 * 60_000 });
    for (let i = 0; i < 3; i++) {
      expect(() => throttle.assertAllowed('10.0.0.1', at(i))).not.toThrow();
      throttle.recordFailure('10.0.0.1', at(i));
    }
    expect(() => throttle.assertAllowed('10.0.0.1', at(3))).toThrow(LoginThrottledError);
    expect(() => throttle.assertAllowed('10.0.0.2', at(3))).not.toThrow();
  });

  it('says when to come back, and lets the address in again once old failures leave the window', () => {
    const throttle = createLoginThrottle({ maxFailures: 2, windowMs: 10 * 60_000 });
    throttle.recordFailure('10.0.0.1', at(0));
    throttle.recordFailure('10.0.0.1', at(4));
    try {
      throttle.assertAllowed('10.0.0.1', at(5));
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(LoginThrottledError);
      expect((err as LoginThrottledError).retryAfterSeconds).toBe(5 * 60);
      expect((err as LoginThrottledError).status).toBe(429);
    }
    expect(() => throttle.assertAllowed('10.0.0.1', at(10.5))).not.toThrow();
  });
});
