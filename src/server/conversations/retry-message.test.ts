import { describe, expect, it } from 'vitest';
import { mayResendNow } from './retry-message.js';

const now = new Date('2026-03-01T12:00:00Z');
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3600_000);

describe('mayResendNow', () => {
  it('resends free-form text only inside the 24-hour window', () => {
    expect(mayResendNow('whatsapp', { kind: 'text', content_sid: null }, hoursAgo(23), now)).toBe(true);
    expect(mayResendNow('whatsapp', { kind: 'text', content_sid: null }, hoursAgo(25), now)).toBe(false);
    expect(mayResendNow('whatsapp', { kind: 'media', content_sid: null }, null, now)).toBe(false);
  });
  it('resends an approved template any time, but a template without a Content SID only inside the window', () => {
    expect(mayResendNow('whatsapp', { kind: 'template', content_sid: 'HX' + '1'.repeat(32) }, hoursAgo(72), now)).toBe(true);
    expect(mayResendNow('whatsapp', { kind: 'template', content_sid: null }, hoursAgo(72), now)).toBe(false);
    expect(mayResendNow('whatsapp', { kind: 'template', content_sid: null }, hoursAgo(1), now)).toBe(true);
  });
});

describe('mayResendNow on SMS', () => {
  it('resends text any time: SMS has no window', () => {
    expect(mayResendNow('sms', { kind: 'text', content_sid: null }, hoursAgo(72), now)).toBe(true);
  });
});
