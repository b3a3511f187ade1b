import { describe, expect, it } from 'vitest';
import { deliveryRefusal, isForward, planDelivery } from './delivery-rules.js';
import { DEFAULT_SETTINGS, consumeFault } from './settings.js';
import type { Fault } from './schema.js';

const now = new Date('2025-06-01T12:00:00Z');
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3600_000);

describe('what the channel refuses', () => {
  const base = { now, windowMs: 24 * 3600_000, isTemplate: false, sandbox: false, joinedAt: null, lastCustomerMessageAt: hoursAgo(1) };

  it('lets a session message through inside the 24-hour window, and refuses it with 63016 after', () => {
    expect(deliveryRefusal(base)).toBeNull();
    expect(deliveryRefusal({ ...base, lastCustomerMessageAt: hoursAgo(23.9) })).toBeNull();
    expect(deliveryRefusal({ ...base, lastCustomerMessageAt: hoursAgo(24.1) })).toBe(63016);
    expect(deliveryRefusal({ ...base, lastCustomerMessageAt: null })).toBe(63016);
  });

  it('lets every message through on a channel without a window', () => {
    expect(deliveryRefusal({ ...base, windowMs: null, lastCustomerMessageAt: null })).toBeNull();
    expect(deliveryRefusal({ ...base, windowMs: null, lastCustomerMessageAt: hoursAgo(24 * 400) })).toBeNull();
  });

  it('lets a template through whatever the window', () => {
    expect(deliveryRefusal({ ...base, isTemplate: true, lastCustomerMessageAt: null })).toBeNull();
  });

  it('refuses the sandbox to customers who never joined or joined over 3 days ago (63015), even for templates', () => {
    const sandbox = { ...base, sandbox: true };
    expect(deliveryRefusal({ ...sandbox, joinedAt: hoursAgo(71) })).toBeNull();
    expect(deliveryRefusal({ ...sandbox, joinedAt: hoursAgo(73) })).toBe(63015);
    expect(deliveryRefusal({ ...sandbox, joinedAt: null, isTemplate: true })).toBe(63015);
  });
});

describe('delivery plan', () => {
  it('reports sent then delivered at the configured moments, and read with auto-read', () => {
    expect(planDelivery(DEFAULT_SETTINGS, null)).toEqual([
      { status: 'sent', atMs: 300 },
      { status: 'delivered', atMs: 600 },
    ]);
    expect(planDelivery({ ...DEFAULT_SETTINGS, autoRead: true }, null, false, false).map((s) => s.status)).toEqual(['sent', 'delivered']);
    expect(planDelivery({ ...DEFAULT_SETTINGS, autoRead: true, readAfterMs: 1000 }, null).map((s) => [s.status, s.atMs])).toEqual([
      ['sent', 300],
      ['delivered', 600],
      ['read', 1000],
    ]);
  });

  it('never schedules a later status before an earlier one when delays are set oddly', () => {
    const steps = planDelivery({ ...DEFAULT_SETTINGS, sentAfterMs: 900, deliveredAfterMs: 100 }, null);
    expect(steps.map((s) => s.atMs)).toEqual([900, 900]);
  });

  it('fails with the code, or sends then reports undelivered', () => {
    expect(planDelivery(DEFAULT_SETTINGS, { status: 'failed', code: 63016 })).toEqual([{ status: 'failed', atMs: 300, errorCode: 63016 }]);
    expect(planDelivery(DEFAULT_SETTINGS, { status: 'undelivered', code: 30003, message: 'gone' })).toEqual([
      { status: 'sent', atMs: 300 },
      { status: 'undelivered', atMs: 600, errorCode: 30003, errorMessage: 'gone' },
    ]);
  });

  it('swaps the order when asked to, keeping the moments', () => {
    expect(planDelivery({ ...DEFAULT_SETTINGS, callbackOrder: 'reversed' }, null)).toEqual([
      { status: 'delivered', atMs: 300, force: true },
      { status: 'sent', atMs: 600, force: true },
    ]);
  });

  it('runs everything at once before the answer', () => {
    expect(planDelivery(DEFAULT_SETTINGS, null, true).map((s) => s.atMs)).toEqual([0, 0]);
  });
});

describe('status order', () => {
  it('moves forward only, and failed or undelivered are final', () => {
    expect(isForward('queued', 'sent')).toBe(true);
    expect(isForward('delivered', 'sent')).toBe(false);
    expect(isForward('sent', 'undelivered')).toBe(true);
    expect(isForward('failed', 'delivered')).toBe(false);
    expect(isForward('read', 'failed')).toBe(false);
    expect(isForward('read', 'read')).toBe(false);
  });
});

describe('faults', () => {
  it('apply to the next sends in order, each as many times as its count', () => {
    let faults: Fault[] = [
      { kind: 'rate-limit', count: 2 },
      { kind: 'server-error', count: 1 },
    ];
    const taken: string[] = [];
    for (let i = 0; i < 4; i++) {
      const { fault, rest } = consumeFault(faults);
      taken.push(fault?.kind ?? 'none');
      faults = rest;
    }
    expect(taken).toEqual(['rate-limit', 'rate-limit', 'server-error', 'none']);
  });
});
