import { DomainError } from '../http/errors.js';

const MAX_FAILURES = 20;
const WINDOW_MS = 15 * 60_000;
/** Past this many remembered addresses, stale ones are dropped at the next failure. */
const SWEEP_ABOVE = 10_000;

export class LoginThrottledError extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super('LOGIN_THROTTLED', `Too many failed sign-ins from your address. Try again in ${Math.ceil(retryAfterSeconds / 60)} minutes.`, 429, { retryAfterSeconds });
  }
}

export type LoginThrottle = {
  /** Throws LoginThrottledError when the address failed too often lately. */
  assertAllowed(client: string, now: Date): void;
  recordFailure(client: string, now: Date): void;
};

/**
 * Failed sign-ins per client address in a sliding window. The per-account lock-out stops guessing
 * one password; this stops one address trying a few passwords on many accounts. It lives in the
 * process's memory, so with several processes an address gets the allowance on each.
 */
export function createLoginThrottle(opts: { maxFailures?: number; windowMs?: number } = {}): LoginThrottle {
  const maxFailures = opts.maxFailures ?? MAX_FAILURES;
  const windowMs = opts.windowMs ?? WINDOW_MS;
  const failures = new Map<string, number[]>();
  const recent = (client: string, at: number) => (failures.get(client) ?? []).filter((t) => t > at - windowMs);
  const sweep = (at: number) => {
    for (const [client, times] of failures) if (times[times.length - 1] <= at - windowMs) failures.delete(client);
  };
  return {
    assertAllowed(client, now) {
      const times = recent(client, now.getTime());
      if (times.length >= maxFailures) throw new LoginThrottledError(Math.ceil((times[0] + windowMs - now.getTime()) / 1000));
    },
    recordFailure(client, now) {
      const at = now.getTime();
      if (failures.size > SWEEP_ABOVE) sweep(at);
      failures.set(client, [...recent(client, at), at]);
    },
  };
}
