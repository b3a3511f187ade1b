import { hoursStatus, type HoursStatus, type OperatingHours } from './operating-hours.js';

export type OverflowAction = { action: 'transfer'; queueId: string } | { action: 'end' } | { action: 'assign-anyway' };
export type OverflowSettings = {
  outOfHours?: OverflowAction;
  itemLimit?: OverflowAction & { limit: number };
  waitingLongerThan?: OverflowAction & { seconds: number };
};

export type QueueRules = { id: string; hours: OperatingHours; overflow: OverflowSettings };

export type OverflowDecision = {
  condition: 'out-of-hours' | 'item-limit' | 'waiting-too-long';
  /** null: nothing configured, the conversation simply waits (e.g. for the next opening). */
  action: OverflowAction | null;
  detail: Record<string, unknown>;
};

/** Before a conversation joins a queue: out of hours (or a holiday), or the queue's item limit reached. */
export function overflowBeforeQueueing(queue: QueueRules, input: { now: Date; waitingCount: number }): OverflowDecision | null {
  const hours = hoursStatus(queue.hours, input.now);
  if (!hours.open) return { condition: 'out-of-hours', action: queue.overflow.outOfHours ?? null, detail: hoursDetail(hours) };
  const limit = queue.overflow.itemLimit;
  if (limit && input.waitingCount >= limit.limit) {
    return { condition: 'item-limit', action: withoutSetting(limit), detail: { limit: limit.limit, waiting: input.waitingCount } };
  }
  return null;
}

/** Route-to-queue skips a queue in this state unless its overflow says to assign anyway. */
export function isOverflowing(queue: QueueRules, input: { now: Date; waitingCount: number }): boolean {
  const decision = overflowBeforeQueueing(queue, input);
  return decision !== null && decision.action?.action !== 'assign-anyway';
}

/** After queueing: waiting longer than the queue allows, decided once per conversation. */
export function overflowAfterWaiting(queue: QueueRules, conversation: { queuedAt: Date | null; overflowedAt: Date | null }, now: Date): OverflowDecision | null {
  const rule = queue.overflow.waitingLongerThan;
  if (!rule || !conversation.queuedAt || conversation.overflowedAt) return null;
  const waitedSeconds = (now.getTime() - conversation.queuedAt.getTime()) / 1000;
  if (waitedSeconds < rule.seconds) return null;
  return { condition: 'waiting-too-long', action: withoutSetting(rule), detail: { seconds: rule.seconds, waitedSeconds: Math.floor(waitedSeconds) } };
}

/** Work in a closed queue waits for the opening unless its out-of-hours overflow says assign anyway. */
export function mayAssignNow(queue: QueueRules, now: Date): { ok: boolean; hours: HoursStatus } {
  const hours = hoursStatus(queue.hours, now);
  return { ok: hours.open || queue.overflow.outOfHours?.action === 'assign-anyway', hours };
}

function withoutSetting(rule: OverflowAction & Record<string, unknown>): OverflowAction {
  return rule.action === 'transfer' ? { action: 'transfer', queueId: rule.queueId as string } : { action: rule.action };
}

function hoursDetail(hours: HoursStatus): Record<string, unknown> {
  return { reason: hours.reason, local: hours.local, ...(hours.holiday ? { holiday: hours.holiday } : {}), nextOpenAt: hours.nextOpenAt?.toISOString() ?? null };
}
