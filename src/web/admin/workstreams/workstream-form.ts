import type { WorkstreamView } from '../types';
import type { ChannelId } from '../../shell/channels';

/**
 * The workstream form's values (as the inputs hold them) and the API body they become. Pure, so
 * the conversions and checks are unit-tested.
 */
export const PRESENCES = ['available', 'busy', 'dnd', 'away', 'offline'] as const;
export const TIME_UNITS = { minutes: 60, hours: 3600, days: 86400 } as const;
export type TimeUnit = keyof typeof TIME_UNITS;

export type WorkstreamValues = {
  name: string;
  /** Chosen first and fixed once the workstream exists. */
  channel: ChannelId;
  mode: 'push' | 'pick';
  fallbackQueueId: string;
  capacityMode: 'units' | 'profile';
  capacityPerConversation: string;
  capacityProfileId: string;
  offerTimeoutSeconds: string;
  allowedPresences: string[];
  skillMatching: 'exact' | 'closest' | 'none';
  keepSameAgent: boolean;
  wrapUpBlocking: 'always' | 'never' | 'timed';
  wrapUpBlockingSeconds: string;
  autoClose: boolean;
  autoCloseAmount: string;
  autoCloseUnit: TimeUnit;
  inactiveAfterMissedOffers: string;
  /** One wrap-up reason a line, in the order agents see them. */
  wrapUpReasons: string;
  wrapUpReasonRequired: boolean;
};

export const newWorkstreamValues = (fallbackQueueId = ''): WorkstreamValues => ({
  name: '',
  channel: 'whatsapp',
  mode: 'push',
  fallbackQueueId,
  capacityMode: 'units',
  capacityPerConversation: '10',
  capacityProfileId: '',
  offerTimeoutSeconds: '120',
  allowedPresences: ['available', 'busy'],
  skillMatching: 'none',
  keepSameAgent: false,
  wrapUpBlocking: 'always',
  wrapUpBlockingSeconds: '120',
  autoClose: false,
  autoCloseAmount: '24',
  autoCloseUnit: 'hours',
  inactiveAfterMissedOffers: '3',
  wrapUpReasons: '',
  wrapUpReasonRequired: false,
});

/** The largest unit that divides the duration: 7200 s → 2 hours. */
export function splitDuration(seconds: number): { amount: string; unit: TimeUnit } {
  for (const unit of ['days', 'hours', 'minutes'] as const) {
    if (seconds % TIME_UNITS[unit] === 0) return { amount: String(seconds / TIME_UNITS[unit]), unit };
  }
  return { amount: String(Math.round(seconds / 60)), unit: 'minutes' };
}

type Partial_ = Partial<WorkstreamView>;

export function valuesOf(view: WorkstreamView): WorkstreamValues {
  const v = view as WorkstreamView & Partial_;
  const autoClose = v.autoCloseWaitingSeconds ? splitDuration(v.autoCloseWaitingSeconds) : { amount: '24', unit: 'hours' as const };
  return {
    name: v.name,
    channel: v.channel,
    mode: v.mode,
    fallbackQueueId: v.fallbackQueueId,
    capacityMode: v.capacityProfileId ? 'profile' : 'units',
    capacityPerConversation: String(v.capacityPerConversation),
    capacityProfileId: v.capacityProfileId ?? '',
    offerTimeoutSeconds: String(v.offerTimeoutSeconds),
    allowedPresences: v.allowedPresences ?? ['available', 'busy'],
    skillMatching: v.skillMatching ?? 'none',
    keepSameAgent: v.keepSameAgent ?? false,
    wrapUpBlocking: v.wrapUpBlocking ?? 'always',
    wrapUpBlockingSeconds: String(v.wrapUpBlockingSeconds ?? 120),
    autoClose: !!v.autoCloseWaitingSeconds,
    autoCloseAmount: autoClose.amount,
    autoCloseUnit: autoClose.unit,
    inactiveAfterMissedOffers: String(v.inactiveAfterMissedOffers ?? 3),
    wrapUpReasons: (v.wrapUpReasons ?? []).join('\n'),
    wrapUpReasonRequired: v.wrapUpReasonRequired ?? false,
  };
}

/** The reasons typed one a line, blank lines left out. */
export const reasonLines = (text: string) => text.split('\n').map((r) => r.trim()).filter(Boolean);

const int = (s: string) => (/^\s*\d+\s*$/.test(s) ? Number(s) : NaN);

/** i18n keys (admin.errors.*) with their values, per field. */
export type FieldProblems = Partial<Record<keyof WorkstreamValues, { key: string; values?: Record<string, unknown> }>>;

export function workstreamProblems(v: WorkstreamValues): FieldProblems {
  const problems: FieldProblems = {};
  const range = (field: keyof WorkstreamValues, value: string, min: number, max: number) => {
    const n = int(value);
    if (Number.isNaN(n) || n < min || n > max) problems[field] = { key: 'admin.errors.range', values: { min, max } };
  };
  if (!v.name.trim()) problems.name = { key: 'admin.errors.required' };
  if (!v.fallbackQueueId) problems.fallbackQueueId = { key: 'admin.errors.chooseOne' };
  if (v.capacityMode === 'units') range('capacityPerConversation', v.capacityPerConversation, 0, 10000);
  if (v.capacityMode === 'profile' && !v.capacityProfileId) problems.capacityProfileId = { key: 'admin.errors.chooseOne' };
  if (v.mode === 'push') range('offerTimeoutSeconds', v.offerTimeoutSeconds, 10, 3600);
  if (v.allowedPresences.length === 0) problems.allowedPresences = { key: 'admin.errors.atLeastOne' };
  if (v.wrapUpBlocking === 'timed') range('wrapUpBlockingSeconds', v.wrapUpBlockingSeconds, 30, 3600);
  if (v.autoClose) {
    const seconds = int(v.autoCloseAmount) * TIME_UNITS[v.autoCloseUnit];
    if (Number.isNaN(seconds) || seconds < 60 || seconds > 90 * 86400) problems.autoCloseAmount = { key: 'admin.errors.autoCloseRange' };
  }
  range('inactiveAfterMissedOffers', v.inactiveAfterMissedOffers, 0, 100);
  if (v.wrapUpReasonRequired && reasonLines(v.wrapUpReasons).length === 0) problems.wrapUpReasons = { key: 'admin.errors.reasonNeeded' };
  if (reasonLines(v.wrapUpReasons).some((r) => r.length > 80)) problems.wrapUpReasons = { key: 'admin.errors.reasonTooLong' };
  return problems;
}

/** The distribution settings as the API takes them (create and update alike; mode only on create). */
export function workstreamBody(v: WorkstreamValues, creating: boolean) {
  return {
    name: v.name.trim(),
    ...(creating ? { channel: v.channel, mode: v.mode } : {}),
    fallbackQueueId: v.fallbackQueueId,
    capacityPerConversation: int(v.capacityPerConversation) || 0,
    capacityProfileId: v.capacityMode === 'profile' ? v.capacityProfileId : null,
    offerTimeoutSeconds: int(v.offerTimeoutSeconds) || 120,
    allowedPresences: v.allowedPresences,
    skillMatching: v.skillMatching,
    keepSameAgent: v.keepSameAgent,
    wrapUpBlocking: v.wrapUpBlocking,
    wrapUpBlockingSeconds: v.wrapUpBlocking === 'timed' ? int(v.wrapUpBlockingSeconds) : null,
    autoCloseWaitingSeconds: v.autoClose ? int(v.autoCloseAmount) * TIME_UNITS[v.autoCloseUnit] : null,
    inactiveAfterMissedOffers: int(v.inactiveAfterMissedOffers),
    wrapUpReasons: [...new Set(reasonLines(v.wrapUpReasons))],
    wrapUpReasonRequired: v.wrapUpReasonRequired,
  };
}

/** Server field names this form calls otherwise. */
export const workstreamAliases = { autoCloseWaitingSeconds: 'autoCloseAmount' };
