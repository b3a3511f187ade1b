import { describe, expect, it } from 'vitest';
import { isWindowOpen, windowExpiresAt, WINDOW_MS } from './window.js';

describe('the 24-hour WhatsApp window', () => {
  const inbound = new Date('2026-11-25T10:00:00Z');

  it('expires exactly 24 hours after the last inbound message', () => {
    expect(windowExpiresAt(inbound)?.toISOString()).toBe('2026-11-26T10:00:00.000Z');
  });

  it('is open one millisecond before expiry and closed at expiry', () => {
    expect(isWindowOpen(inbound, new Date(inbound.getTime() + WINDOW_MS - 1))).toBe(true);
    expect(isWindowOpen(inbound, new Date(inbound.getTime() + WINDOW_MS))).toBe(false);
  });

  it('is closed when the customer has never written', () => {
    expect(windowExpiresAt(null)).toBeNull();
    expect(isWindowOpen(null, inbound)).toBe(false);
  });
});
