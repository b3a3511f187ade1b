import { describe, expect, it } from 'vitest';
import { hoursProblem, hoursStatus, localClock, zonedInstant, type OperatingHours } from './operating-hours.js';
import { isOverflowing, mayAssignNow, overflowAfterWaiting, overflowBeforeQueueing, type QueueRules } from './overflow.js';

const seoulOffice: OperatingHours = {
  timeZone: 'Asia/Seoul',
  weekly: ['mon', 'tue', 'wed', 'thu', 'fri'].map((day) => ({ day: day as any, open: '09:00', close: '18:00' })),
  holidays: [{ date: '2026-12-25', name: 'Christmas' }],
};

describe('operating hours', () => {
  it('is open inside the weekly hours in the queue time zone', () => {
    // 2026-11-25 is a Wednesday; 01:30 UTC is 10:30 in Seoul.
    expect(hoursStatus(seoulOffice, new Date('2026-11-25T01:30:00Z'))).toMatchObject({ open: true, reason: 'open' });
    // 10:30 UTC is 19:30 in Seoul: closed, opens next morning 09:00 KST = 00:00 UTC.
    const evening = hoursStatus(seoulOffice, new Date('2026-11-25T10:30:00Z'));
    expect(evening).toMatchObject({ open: false, reason: 'outside-hours' });
    expect(evening.nextOpenAt?.toISOString()).toBe('2026-11-26T00:00:00.000Z');
  });

  it('is closed on a holiday and names it, opening on the next working day', () => {
    const christmas = hoursStatus(seoulOffice, new Date('2026-12-25T02:00:00Z'));
    expect(christmas).toMatchObject({ open: false, reason: 'holiday', holiday: 'Christmas' });
    // Saturday and Sunday follow: next opening Monday 28th, 09:00 KST.
    expect(christmas.nextOpenAt?.toISOString()).toBe('2026-12-28T00:00:00.000Z');
  });

  it('handles daylight saving time when converting local times', () => {
    expect(zonedInstant('2026-03-09', '09:00', 'America/New_York').toISOString()).toBe('2026-03-09T13:00:00.000Z');
    expect(zonedInstant('2026-03-06', '09:00', 'America/New_York').toISOString()).toBe('2026-03-06T14:00:00.000Z');
    expect(localClock(new Date('2026-03-09T13:00:00Z'), 'America/New_York')).toEqual({ date: '2026-03-09', day: 'mon', time: '09:00' });
  });

  it('treats null weekly hours as always open, except holidays', () => {
    const always: OperatingHours = { timeZone: 'UTC', weekly: null, holidays: [{ date: '2026-01-01' }] };
    expect(hoursStatus(always, new Date('2026-06-01T03:00:00Z')).open).toBe(true);
    expect(hoursStatus(always, new Date('2026-01-01T03:00:00Z'))).toMatchObject({ open: false, holiday: '2026-01-01' });
  });

  it('refuses a window that closes before it opens', () => {
    expect(hoursProblem({ timeZone: 'UTC', weekly: [{ day: 'mon', open: '18:00', close: '09:00' }], holidays: [] })).toMatch(/before/);
    expect(hoursProblem(seoulOffice)).toBeNull();
  });
});

describe('overflow decisions', () => {
  const queue = (overflow: QueueRules['overflow']): QueueRules => ({ id: 'q', hours: seoulOffice, overflow });
  const open = new Date('2026-11-25T01:30:00Z');
  const closed = new Date('2026-11-25T10:30:00Z');

  it('acts out of hours with the configured action, else the work waits', () => {
    expect(overflowBeforeQueueing(queue({ outOfHours: { action: 'transfer', queueId: 'night' } }), { now: closed, waitingCount: 0 })).toMatchObject({
      condition: 'out-of-hours', action: { action: 'transfer', queueId: 'night' },
    });
    expect(overflowBeforeQueueing(queue({}), { now: closed, waitingCount: 0 })).toMatchObject({ condition: 'out-of-hours', action: null });
    expect(overflowBeforeQueueing(queue({}), { now: open, waitingCount: 1000 })).toBeNull();
  });

  it('acts when the item limit is reached', () => {
    const q = queue({ itemLimit: { limit: 3, action: 'end' } });
    expect(overflowBeforeQueueing(q, { now: open, waitingCount: 2 })).toBeNull();
    expect(overflowBeforeQueueing(q, { now: open, waitingCount: 3 })).toMatchObject({ condition: 'item-limit', action: { action: 'end' } });
    expect(isOverflowing(q, { now: open, waitingCount: 3 })).toBe(true);
    expect(isOverflowing(queue({ itemLimit: { limit: 3, action: 'assign-anyway' } }), { now: open, waitingCount: 3 })).toBe(false);
  });

  it('acts once on work waiting longer than allowed', () => {
    const q = queue({ waitingLongerThan: { seconds: 60, action: 'assign-anyway' } });
    const queuedAt = new Date(open.getTime() - 61_000);
    expect(overflowAfterWaiting(q, { queuedAt, overflowedAt: null }, open)).toMatchObject({ condition: 'waiting-too-long', action: { action: 'assign-anyway' } });
    expect(overflowAfterWaiting(q, { queuedAt: new Date(open.getTime() - 59_000), overflowedAt: null }, open)).toBeNull();
    expect(overflowAfterWaiting(q, { queuedAt, overflowedAt: open }, open)).toBeNull();
  });

  it('holds assignment in a closed queue unless told to assign anyway', () => {
    expect(mayAssignNow(queue({}), closed).ok).toBe(false);
    expect(mayAssignNow(queue({ outOfHours: { action: 'assign-anyway' } }), closed).ok).toBe(true);
    expect(mayAssignNow(queue({}), open).ok).toBe(true);
  });
});
