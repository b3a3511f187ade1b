import { describe, expect, it } from 'vitest';
import { newQueueValues, queueBody, queueProblems, queueValuesOf } from './queue-form';
import { weekdaysNineToSix } from './weekly-hours';
import type { QueueView } from '../types';

const queue: QueueView = {
  id: 'q1', name: 'Billing', priority: 5, assignmentMethod: 'round-robin', isDefault: false, archived: false, agentIds: ['a1'], timeZone: 'Asia/Seoul',
  weeklyHours: [{ day: 'mon', open: '09:00', close: '18:00' }], holidays: [{ date: '2026-01-01', name: 'New year' }],
  overflow: { outOfHours: { action: 'end' }, itemLimit: { limit: 30, action: 'transfer', queueId: 'q2' }, waitingLongerThan: { seconds: 600, action: 'assign-anyway' } },
};

describe('queue form', () => {
  it('round-trips hours, holidays and every overflow rule', () => {
    expect(queueBody(queueValuesOf(queue))).toEqual({
      name: 'Billing', priority: 5, assignmentMethod: 'round-robin', agentIds: ['a1'], timeZone: 'Asia/Seoul',
      weeklyHours: [{ day: 'mon', open: '09:00', close: '18:00' }], holidays: [{ date: '2026-01-01', name: 'New year' }],
      overflow: { outOfHours: { action: 'end' }, itemLimit: { limit: 30, action: 'transfer', queueId: 'q2' }, waitingLongerThan: { seconds: 600, action: 'assign-anyway' } },
    });
  });

  it('sends null hours for a queue open around the clock, and no overflow rules that are off', () => {
    const body = queueBody({ ...newQueueValues(), name: 'x', grid: weekdaysNineToSix() });
    expect(body.weeklyHours).toBeNull();
    expect(body.overflow).toEqual({});
  });

  it('names what is wrong: no hours, a bad zone, a transfer without a queue or to itself, a holiday twice', () => {
    const values = {
      ...queueValuesOf(queue), alwaysOpen: false, grid: newQueueValues().grid, timeZone: 'Mars/Olympus',
      holidays: [{ date: '2026-01-01', name: '' }, { date: '2026-01-01', name: '' }], outOfHours: { action: 'transfer' as const, queueId: '' },
      itemLimitAction: { action: 'transfer' as const, queueId: 'q1' },
    };
    const problems = queueProblems(values, 'q1');
    expect(Object.fromEntries(Object.entries(problems).map(([k, v]) => [k, v?.key]))).toEqual({
      grid: 'admin.errors.noHours', timeZone: 'admin.errors.timeZone', holidays: 'admin.errors.holidayTwice',
      outOfHours: 'admin.errors.transferQueue', itemLimitAction: 'admin.errors.transferSelf',
    });
    expect(queueProblems(queueValuesOf(queue), 'q1')).toEqual({});
  });
});
