import type { QueueView } from '../types';
import { emptyGrid, gridFromWindows, windowsFromGrid, type Grid } from './weekly-hours';

/** The queue form's values and the API body they become; pure and unit-tested. */
export type OverflowActionValue = { action: '' | 'transfer' | 'end' | 'assign-anyway'; queueId: string };
export type QueueValues = {
  name: string;
  priority: string;
  assignmentMethod: QueueView['assignmentMethod'];
  agentIds: string[];
  timeZone: string;
  alwaysOpen: boolean;
  grid: Grid;
  holidays: { date: string; name: string }[];
  outOfHours: OverflowActionValue;
  itemLimitOn: boolean;
  itemLimit: string;
  itemLimitAction: OverflowActionValue;
  waitingOn: boolean;
  waitingMinutes: string;
  waitingAction: OverflowActionValue;
};

const noAction: OverflowActionValue = { action: '', queueId: '' };
const actionValue = (a?: { action: string; queueId?: string }): OverflowActionValue =>
  a ? { action: a.action as OverflowActionValue['action'], queueId: a.queueId ?? '' } : noAction;

export function newQueueValues(timeZone = 'UTC'): QueueValues {
  return {
    name: '', priority: '0', assignmentMethod: 'highest-capacity', agentIds: [], timeZone, alwaysOpen: true, grid: emptyGrid(), holidays: [],
    outOfHours: noAction, itemLimitOn: false, itemLimit: '50', itemLimitAction: { action: 'transfer', queueId: '' },
    waitingOn: false, waitingMinutes: '10', waitingAction: { action: 'transfer', queueId: '' },
  };
}

export function queueValuesOf(q: QueueView): QueueValues {
  const o = q.overflow ?? {};
  return {
    name: q.name,
    priority: String(q.priority),
    assignmentMethod: q.assignmentMethod,
    agentIds: q.agentIds,
    timeZone: q.timeZone ?? 'UTC',
    alwaysOpen: !q.weeklyHours,
    grid: q.weeklyHours ? gridFromWindows(q.weeklyHours) : emptyGrid(),
    holidays: (q.holidays ?? []).map((h) => ({ date: h.date, name: h.name ?? '' })),
    outOfHours: actionValue(o.outOfHours),
    itemLimitOn: !!o.itemLimit,
    itemLimit: String(o.itemLimit?.limit ?? 50),
    itemLimitAction: o.itemLimit ? actionValue(o.itemLimit) : { action: 'transfer', queueId: '' },
    waitingOn: !!o.waitingLongerThan,
    waitingMinutes: String(o.waitingLongerThan ? Math.max(1, Math.round(o.waitingLongerThan.seconds / 60)) : 10),
    waitingAction: o.waitingLongerThan ? actionValue(o.waitingLongerThan) : { action: 'transfer', queueId: '' },
  };
}

const int = (s: string) => (/^\s*\d+\s*$/.test(s) ? Number(s) : NaN);
const actionBody = (a: OverflowActionValue) =>
  a.action === 'transfer' ? { action: 'transfer' as const, queueId: a.queueId } : { action: a.action as 'end' | 'assign-anyway' };

export function queueBody(v: QueueValues) {
  return {
    name: v.name.trim(),
    priority: int(v.priority),
    assignmentMethod: v.assignmentMethod,
    agentIds: v.agentIds,
    timeZone: v.timeZone,
    weeklyHours: v.alwaysOpen ? null : windowsFromGrid(v.grid),
    holidays: v.holidays.map((h) => ({ date: h.date, ...(h.name.trim() ? { name: h.name.trim() } : {}) })),
    overflow: {
      ...(v.outOfHours.action ? { outOfHours: actionBody(v.outOfHours) } : {}),
      ...(v.itemLimitOn ? { itemLimit: { limit: int(v.itemLimit), ...actionBody(v.itemLimitAction) } } : {}),
      ...(v.waitingOn ? { waitingLongerThan: { seconds: int(v.waitingMinutes) * 60, ...actionBody(v.waitingAction) } } : {}),
    },
  };
}

export type Problems = Partial<Record<string, { key: string; values?: Record<string, unknown> }>>;

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export function queueProblems(v: QueueValues, selfId?: string): Problems {
  const p: Problems = {};
  if (!v.name.trim()) p.name = { key: 'admin.errors.required' };
  const priority = int(v.priority);
  if (Number.isNaN(priority) || priority > 1000) p.priority = { key: 'admin.errors.range', values: { min: 0, max: 1000 } };
  if (!isTimeZone(v.timeZone)) p.timeZone = { key: 'admin.errors.timeZone' };
  if (!v.alwaysOpen && windowsFromGrid(v.grid).length === 0) p.grid = { key: 'admin.errors.noHours' };
  const dates = v.holidays.map((h) => h.date);
  if (dates.some((d) => !/^\d{4}-\d{2}-\d{2}$/.test(d))) p.holidays = { key: 'admin.errors.holidayDate' };
  else if (new Set(dates).size !== dates.length) p.holidays = { key: 'admin.errors.holidayTwice' };
  const checkAction = (field: string, a: OverflowActionValue) => {
    if (a.action === 'transfer' && !a.queueId) p[field] = { key: 'admin.errors.transferQueue' };
    if (a.action === 'transfer' && selfId && a.queueId === selfId) p[field] = { key: 'admin.errors.transferSelf' };
  };
  checkAction('outOfHours', v.outOfHours);
  if (v.itemLimitOn) {
    const limit = int(v.itemLimit);
    if (Number.isNaN(limit) || limit < 1 || limit > 100000) p.itemLimit = { key: 'admin.errors.range', values: { min: 1, max: 100000 } };
    checkAction('itemLimitAction', v.itemLimitAction);
  }
  if (v.waitingOn) {
    const minutes = int(v.waitingMinutes);
    if (Number.isNaN(minutes) || minutes < 1 || minutes > 7 * 24 * 60) p.waitingMinutes = { key: 'admin.errors.range', values: { min: 1, max: 7 * 24 * 60 } };
    checkAction('waitingAction', v.waitingAction);
  }
  return p;
}

/** Where the server's field names land in this form. */
export const queueAliases = {
  weeklyHours: 'grid',
  'overflow.outOfHours': 'outOfHours',
  'overflow.itemLimit.limit': 'itemLimit',
  'overflow.itemLimit': 'itemLimitAction',
  'overflow.waitingLongerThan.seconds': 'waitingMinutes',
  'overflow.waitingLongerThan': 'waitingAction',
  overflow: 'outOfHours',
};
