import { describe, expect, it } from 'vitest';
import { newWorkstreamValues, splitDuration, valuesOf, workstreamBody, workstreamProblems } from './workstream-form';
import type { WorkstreamView } from '../types';

const view = {
  id: 'w1', name: 'Support', channel: 'whatsapp', mode: 'pick', fallbackQueueId: 'q1', capacityPerConversation: 20, capacityProfileId: null,
  offerTimeoutSeconds: 90, allowedPresences: ['available'], skillMatching: 'closest', keepSameAgent: true, wrapUpBlocking: 'timed',
  wrapUpBlockingSeconds: 300, autoCloseWaitingSeconds: 7200, inactiveAfterMissedOffers: 2, wrapUpReasons: ['Resolved', 'Refund issued'], wrapUpReasonRequired: true,
  whatsapp: { numberId: null, language: 'en', customerAttachments: true, agentAttachments: true }, createdAt: '',
} as WorkstreamView;

describe('workstream form', () => {
  it('shows a duration in the largest unit that fits', () => {
    expect(splitDuration(7200)).toEqual({ amount: '2', unit: 'hours' });
    expect(splitDuration(3 * 86400)).toEqual({ amount: '3', unit: 'days' });
    expect(splitDuration(90 * 60)).toEqual({ amount: '90', unit: 'minutes' });
  });

  it('round-trips every setting of a workstream', () => {
    const body = workstreamBody(valuesOf(view), false);
    expect(body).toEqual({
      name: 'Support', fallbackQueueId: 'q1', capacityPerConversation: 20, capacityProfileId: null, offerTimeoutSeconds: 90,
      allowedPresences: ['available'], skillMatching: 'closest', keepSameAgent: true, wrapUpBlocking: 'timed', wrapUpBlockingSeconds: 300,
      autoCloseWaitingSeconds: 7200, inactiveAfterMissedOffers: 2, wrapUpReasons: ['Resolved', 'Refund issued'], wrapUpReasonRequired: true,
    });
  });

  it('takes wrap-up reasons one a line, blank lines and repeats left out, and requires one only with a reason to choose', () => {
    expect(workstreamBody({ ...valuesOf(view), wrapUpReasons: ' Resolved \n\nSpam\nSpam\n' }, false)).toMatchObject({ wrapUpReasons: ['Resolved', 'Spam'] });
    expect(workstreamProblems({ ...valuesOf(view), wrapUpReasons: '\n ', wrapUpReasonRequired: true }).wrapUpReasons).toEqual({ key: 'admin.errors.reasonNeeded' });
    expect(workstreamProblems({ ...valuesOf(view), wrapUpReasons: '\n ', wrapUpReasonRequired: false }).wrapUpReasons).toBeUndefined();
  });

  it('sends the mode only when creating: it cannot change afterwards', () => {
    expect(workstreamBody({ ...newWorkstreamValues('q1'), name: 'x' }, true)).toMatchObject({ channel: 'whatsapp', mode: 'push' });
    expect(workstreamBody(valuesOf(view), false)).not.toHaveProperty('mode');
  });

  it('clears settings that are switched off', () => {
    const body = workstreamBody({ ...valuesOf(view), wrapUpBlocking: 'always', autoClose: false }, false);
    expect(body).toMatchObject({ wrapUpBlockingSeconds: null, autoCloseWaitingSeconds: null });
  });

  it('names each field that is out of range, and only when it applies', () => {
    const values = { ...newWorkstreamValues(''), offerTimeoutSeconds: '5', allowedPresences: [], wrapUpBlocking: 'timed' as const, wrapUpBlockingSeconds: '10', autoClose: true, autoCloseAmount: '0' };
    expect(Object.keys(workstreamProblems(values)).sort()).toEqual(['allowedPresences', 'autoCloseAmount', 'fallbackQueueId', 'name', 'offerTimeoutSeconds', 'wrapUpBlockingSeconds']);
    expect(workstreamProblems({ ...values, name: 'x', fallbackQueueId: 'q', mode: 'pick', allowedPresences: ['busy'], wrapUpBlocking: 'never', autoClose: false })).toEqual({});
  });
});
