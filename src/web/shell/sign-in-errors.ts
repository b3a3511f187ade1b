import type { TFunction } from 'i18next';
import { ApiError } from './api';
import { formatTime } from './time';

/**
 * The sign-in page's sentence for a refused sign-in, in the person's language. A lock says when to
 * try again, counted from this browser's clock (Retry-After), so a skewed clock does not mislead.
 */
export function signInErrorMessage(err: unknown, t: TFunction, locale: string, now = Date.now()): string {
  if (!(err instanceof ApiError)) return t('common.networkError');
  const seconds = Number(err.details.retryAfterSeconds);
  if ((err.code === 'ACCOUNT_LOCKED' || err.code === 'LOGIN_THROTTLED') && seconds > 0) {
    const when = { count: Math.ceil(seconds / 60), time: formatTime(new Date(now + seconds * 1000).toISOString(), locale) };
    return t(err.code === 'ACCOUNT_LOCKED' ? 'login.locked' : 'login.throttled', when);
  }
  if (err.code === 'UNAUTHORIZED') return t('login.wrong');
  return err.message;
}
