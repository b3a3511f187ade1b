import { describe, expect, it } from 'vitest';
import i18next from 'i18next';
import en from '../i18n/en/common.json';
import ko from '../i18n/ko/common.json';
import { ApiError } from './api';
import { signInErrorMessage } from './sign-in-errors';

const now = Date.UTC(2026, 0, 5, 9, 0);
const refused = (code: string, retryAfterSeconds: number) => new ApiError(429, code, 'server sentence', undefined, { code, retryAfterSeconds });

async function translator(language: 'en' | 'ko') {
  const i18n = i18next.createInstance();
  await i18n.init({ lng: language, resources: { en: { translation: en }, ko: { translation: ko } }, interpolation: { escapeValue: false } });
  return i18n.t;
}

describe('the sign-in page explains a refused sign-in', () => {
  it('says in English and Korean how long a locked account waits, and until when', async () => {
    const time = (minutes: number) => new Intl.DateTimeFormat('en-GB', { timeStyle: 'short' }).format(new Date(now + minutes * 60_000));
    expect(signInErrorMessage(refused('ACCOUNT_LOCKED', 60), await translator('en'), 'en-GB', now)).toBe(
      `Too many failed sign-ins for this account. For its safety it is locked: try again in 1 minute, after ${time(1)}.`,
    );
    expect(signInErrorMessage(refused('ACCOUNT_LOCKED', 61), await translator('en'), 'en-GB', now)).toContain('try again in 2 minutes');
    const korean = signInErrorMessage(refused('ACCOUNT_LOCKED', 240), await translator('ko'), 'ko', now);
    expect(korean).toContain('4분 뒤');
    expect(korean).toContain('잠겼습니다');
  });

  it("says so when the caller's address is throttled, and names a wrong password without the server's English", async () => {
    expect(signInErrorMessage(refused('LOGIN_THROTTLED', 900), await translator('en'), 'en', now)).toMatch(/^Too many failed sign-ins from your network\. Try again in 15 minutes/);
    expect(signInErrorMessage(new ApiError(401, 'UNAUTHORIZED', 'The email or password is not right.'), await translator('ko'), 'ko', now)).toBe('이메일 또는 비밀번호가 올바르지 않습니다.');
    expect(signInErrorMessage(new TypeError('fetch failed'), await translator('en'), 'en', now)).toBe(en.common.networkError);
  });
});
