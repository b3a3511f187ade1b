import { describe, expect, it } from 'vitest';
import { formatCountdown, formatDayLabel, formatDuration, localDayKey, localeFor } from './time.js';

describe('formatDuration', () => {
  it('shows the two largest units', () => {
    expect(formatDuration((3 * 3600 + 12 * 60 + 40) * 1000, 'en')).toBe('3h 12m');
    expect(formatDuration((26 * 3600 + 5) * 1000, 'en')).toBe('1d 2h');
    expect(formatDuration(45 * 60_000, 'en')).toBe('45m');
    expect(formatDuration(4 * 3600_000, 'en')).toBe('4h');
  });

  it('counts seconds under a minute and never goes negative', () => {
    expect(formatDuration(9_500, 'en')).toBe('9s');
    expect(formatDuration(-5_000, 'en')).toBe('0s');
  });

  it('speaks Korean', () => {
    expect(formatDuration((3 * 3600 + 12 * 60) * 1000, 'ko')).toBe('3시간 12분');
  });
});

describe('formatDayLabel', () => {
  const now = new Date(2025, 2, 14, 15, 0);
  it('names today and yesterday, then the date', () => {
    expect(formatDayLabel(new Date(2025, 2, 14, 1, 0).toISOString(), 'en', now)).toBe('Today');
    expect(formatDayLabel(new Date(2025, 2, 13, 23, 0).toISOString(), 'en', now)).toBe('Yesterday');
    expect(formatDayLabel(new Date(2025, 2, 13, 23, 0).toISOString(), 'ko', now)).toBe('어제');
    expect(formatDayLabel(new Date(2025, 2, 10, 9, 0).toISOString(), 'en', now)).toBe('Monday, March 10, 2025');
  });

  it('groups by the local day', () => {
    expect(localDayKey(new Date(2025, 0, 5, 23, 59).toISOString())).toBe('2025-01-05');
  });
});

describe('localeFor', () => {
  it('keeps the browser region when the language matches', () => {
    expect(localeFor('en', ['en-GB', 'ko-KR'])).toBe('en-GB');
    expect(localeFor('ko', ['en-GB', 'ko-KR'])).toBe('ko-KR');
    expect(localeFor('ko', ['en-US'])).toBe('ko');
  });
});

describe('formatCountdown', () => {
  it('reads like a clock and rounds up to the whole second', () => {
    expect(formatCountdown(89_001)).toBe('1:30');
    expect(formatCountdown(5_000)).toBe('0:05');
    expect(formatCountdown(-1)).toBe('0:00');
  });
});
