import { describe, expect, it } from 'vitest';
import { isStatusForward } from './delivery-status.js';

describe('delivery status moves forward only', () => {
  it('follows queued → sent → delivered → read', () => {
    expect(isStatusForward('queued', 'sent')).toBe(true);
    expect(isStatusForward('sent', 'delivered')).toBe(true);
    expect(isStatusForward('delivered', 'read')).toBe(true);
  });

  it('skips steps that arrive late', () => {
    expect(isStatusForward('queued', 'read')).toBe(true);
    expect(isStatusForward('read', 'delivered')).toBe(false);
    expect(isStatusForward('delivered', 'sent')).toBe(false);
    expect(isStatusForward('sent', 'sent')).toBe(false);
  });

  it('lets a failure replace queued or sent, but never a delivered or read message', () => {
    expect(isStatusForward('sent', 'undelivered')).toBe(true);
    expect(isStatusForward('queued', 'failed')).toBe(true);
    expect(isStatusForward('delivered', 'failed')).toBe(false);
    expect(isStatusForward('failed', 'read')).toBe(false);
  });

  it('ignores statuses it does not know', () => {
    expect(isStatusForward('queued', 'canceled-by-magic')).toBe(false);
  });
});
