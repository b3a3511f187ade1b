import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Dates, times and durations in the person's locale and time zone (Intl), never hand-formatted.
 * The locale is the app's language refined by the browser's region when they agree (en + en-GB).
 */
export function localeFor(language: string, browserLanguages: readonly string[] = []): string {
  const regional = browserLanguages.find((tag) => tag.toLowerCase().split('-')[0] === language.toLowerCase());
  return regional ?? language;
}

export function useLocale(): string {
  const { i18n } = useTranslation();
  const languages = typeof navigator === 'undefined' ? [] : navigator.languages;
  return localeFor(i18n.resolvedLanguage ?? 'en', languages);
}

/** The current time, refreshed every `everyMs`, for countdowns and "waiting for" labels. */
export function useNow(everyMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

const unitFormats = new Map<string, Intl.NumberFormat>();
function unit(locale: string, name: 'day' | 'hour' | 'minute' | 'second', value: number): string {
  const key = `${locale}:${name}`;
  let format = unitFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: 'unit', unit: name, unitDisplay: 'narrow' });
    unitFormats.set(key, format);
  }
  return format.format(value);
}

/**
 * A duration as its two largest units ("3h 12m", "3시간 12분"); under a minute, seconds.
 * Negative durations count as zero.
 */
export function formatDuration(ms: number, locale: string): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  const days = Math.floor(seconds / 86400);
  const hours = Math.floor((seconds % 86400) / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  if (days > 0) return [unit(locale, 'day', days), hours ? unit(locale, 'hour', hours) : ''].filter(Boolean).join(' ');
  if (hours > 0) return [unit(locale, 'hour', hours), minutes ? unit(locale, 'minute', minutes) : ''].filter(Boolean).join(' ');
  if (minutes > 0) return unit(locale, 'minute', minutes);
  return unit(locale, 'second', seconds);
}

/** A short countdown as a clock, "1:05", for offers that last a minute or two. */
export function formatCountdown(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

export function formatTime(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { timeStyle: 'short' }).format(new Date(iso));
}

export function formatDateTime(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

/** The local calendar day of a moment, as a key for grouping ("2025-03-14"). */
export function localDayKey(iso: string): string {
  const d = new Date(iso);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** "Today", "Yesterday", else the full date, for the thread's day separators. */
export function formatDayLabel(iso: string, locale: string, now: Date = new Date()): string {
  const day = new Date(iso);
  const startOf = (d: Date) => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
  const daysAgo = Math.round((startOf(now) - startOf(day)) / 86_400_000);
  if (daysAgo === 0 || daysAgo === 1) {
    const words = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(-daysAgo, 'day');
    return words.charAt(0).toLocaleUpperCase(locale) + words.slice(1);
  }
  return new Intl.DateTimeFormat(locale, { dateStyle: 'full' }).format(day);
}
