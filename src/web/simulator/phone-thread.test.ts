import { describe, expect, it } from 'vitest';
import type { PhoneMessage } from './types';
import { belongsTo, E164, unreadFromBusiness, upsertPhoneMessage } from './phone-thread.js';

const message = (sid: string, opts: Partial<PhoneMessage> = {}): PhoneMessage => ({
  sid, channel: 'whatsapp', formatted: true, readReceipts: true, direction: 'to-customer', from: 'whatsapp:+14155238886', to: 'whatsapp:+15551234567', body: sid, media: [], contentSid: null,
  contentVariables: null, status: 'sent', errorCode: null, errorMessage: null, dateCreated: '2025-03-14T10:00:00.000Z', ...opts,
});

describe('the phone thread', () => {
  it('adds in time order and updates by sid without going backwards', () => {
    let thread = upsertPhoneMessage([], message('b', { dateCreated: '2025-03-14T10:01:00.000Z' }));
    thread = upsertPhoneMessage(thread, message('a'));
    thread = upsertPhoneMessage(thread, message('b', { dateCreated: '2025-03-14T10:01:00.000Z', status: 'read' }));
    thread = upsertPhoneMessage(thread, message('b', { dateCreated: '2025-03-14T10:01:00.000Z', status: 'delivered' }));
    expect(thread.map((m) => `${m.sid}:${m.status}`)).toEqual(['a:sent', 'b:read']);
  });

  it('keeps only this customer with this business', () => {
    expect(belongsTo(message('a'), '+15551234567', '+14155238886')).toBe(true);
    expect(belongsTo(message('a'), '+15551234567', '+14155550000')).toBe(false);
  });

  it('finds what can still be read, only where the phone reports reading (not SMS)', () => {
    const sms = { channel: 'sms', formatted: false, readReceipts: false } as const;
    const thread = [
      message('a', { status: 'delivered' }), message('b', { status: 'read' }), message('c', { direction: 'to-business', status: 'received' }),
      message('d', { status: 'failed' }), message('e', { ...sms, status: 'delivered' }),
    ];
    expect(unreadFromBusiness(thread).map((m) => m.sid)).toEqual(['a']);
  });

  it('checks E.164 numbers', () => {
    expect(E164.test('+15551234567')).toBe(true);
    expect(E164.test('5551234567')).toBe(false);
  });
});
