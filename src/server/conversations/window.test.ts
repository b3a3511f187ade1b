import { describe, expect, it } from 'vitest';
import { isWindowOpen, windowExpiresAt } from './window.js';

const DAY = 24 * 60 * 60 * 1000;

describe('the 24-hour WhatsApp window', () => {
  const inbound = new Date('2026-11-25T10:00:00Z');

  it('expires exactly 24 hours after the last inbound message', () => {
    expect(windowExpiresAt('whatsapp', inbound)?.toISOString()).toBe('2026-11-26T10:00:00.000Z');
  });

  it('is open one millisecond before expiry and closed at expiry', () => {
    expect(isWindowOpen('whatsapp', inbound, new Date(inbound.getTime() + DAY - 1))).toBe(true);
    expect(isWindowOpen('whatsapp', inbound, new Date(inbound.getTime() + DAY))).toBe(false);
  });

  it('is closed when the customer has never written', () => {
    expect(windowExpiresAt('whatsapp', null)).toBeNull();
    expect(isWindowOpen('whatsapp', null, inbound)).toBe(false);
  });
});

describe('SMS has no window', () => {
  it('never expires and is always open, even before the customer writes', () => {
    const inbound = new Date('2026-11-25T10:00:00Z');
    expect(windowExpiresAt('sms', inbound)).toBeNull();
    expect(isWindowOpen('sms', inbound, new Date(inbound.getTime() + 30 * DAY))).toBe(true);
    expect(isWindowOpen('sms', null, inbound)).toBe(true);
  });
});
