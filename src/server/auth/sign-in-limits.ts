import { DomainError } from '../http/errors.js';

/** Attempts on one sign-in name before it locks; the lock then lasts 1, 2, 4… minutes, up to the cap. */
export const ACCOUNT_MAX_ATTEMPTS = 5;
export const LOCK_CAP_MINUTES = 60;
/** The window in which a client address's failed sign-ins are counted (its allowance is LOGIN_ADDRESS_LIMIT). */
export const ADDRESS_WINDOW_MS = 15 * 60_000;

/** A sign-in refused before its password was checked; the answer says when to come back (also as Retry-After). */
export class SignInRefusedError extends DomainError {
  readonly retryAfterSeconds: number;
  constructor(code: string, what: string, until: Date, now: Date) {
    const retryAfterSeconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
    const minutes = Math.ceil(retryAfterSeconds / 60);
    super(code, `${what} Try again in ${minutes} minute${minutes === 1 ? '' : 's'} (after ${until.toISOString()}).`, 429, {
      retryAfterSeconds,
      retryAt: until.toISOString(),
    });
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** The sign-in name is locked: every password, the right one too, is refused until the lock ends. */
export class AccountLockedError extends SignInRefusedError {
  constructor(until: Date, now: Date) {
    super('ACCOUNT_LOCKED', 'Too many failed sign-ins for this account.', until, now);
  }
}

/** The client address used up its allowance of failed sign-ins. */
export class LoginThrottledError extends SignInRefusedError {
  constructor(until: Date, now: Date) {
    super('LOGIN_THROTTLED', 'Too many failed sign-ins from your address.', until, now);
  }
}
