import type { ChannelId } from '../channels/registry.js';

/**
 * Pure rules behind the supervisor's numbers, over plain facts about conversations. The store
 * loads the facts; these functions decide what counts. Times are in seconds.
 */

/** What the numbers need to know about one conversation. */
export type ConversationFacts = {
  id: string;
  channel: ChannelId;
  queueId: string | null;
  createdAt: Date;
  state: string;
  /** The first time an agent took it (picked, accepted an offer, assigned), or null. */
  answeredAt: Date | null;
  firstInboundAt: Date | null;
  /** The first message an agent wrote (not automated). */
  firstAgentReplyAt: Date | null;
  wrapUpAt: Date | null;
  closedAt: Date | null;
  transfers: number;
};

export const SERVICE_LEVEL_THRESHOLDS = [20, 60, 120] as const;

export const secondsBetween = (from: Date, to: Date) => (to.getTime() - from.getTime()) / 1000;

export type Summary = { count: number; average: number | null; median: number | null };

export function summarize(values: number[]): Summary {
  if (!values.length) return { count: 0, average: null, median: null };
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { count: values.length, average: round(values.reduce((a, b) => a + b, 0) / values.length), median: round(median) };
}

const round = (n: number) => Math.round(n * 10) / 10;

/**
 * Share of conversations answered within the threshold. An unanswered conversation (still
 * waiting, or closed) counts as a miss once it waited longer than the threshold; one that ended
 * or is still waiting within it is not decided and left out. Null when nothing is decided.
 */
export function serviceLevel(facts: ConversationFacts[], thresholdSeconds: number, now: Date): number | null {
  let met = 0;
  let decided = 0;
  for (const f of facts) {
    if (f.answeredAt) {
      decided++;
      if (secondsBetween(f.createdAt, f.answeredAt) <= thresholdSeconds) met++;
    } else if (secondsBetween(f.createdAt, f.closedAt ?? now) > thresholdSeconds) {
      decided++;
    }
  }
  return decided ? Math.round((met / decided) * 1000) / 10 : null;
}

/** Average seconds from arrival to an agent taking it, over answered conversations. */
export function averageSpeedToAnswer(facts: ConversationFacts[]): number | null {
  return summarize(facts.filter((f) => f.answeredAt).map((f) => secondsBetween(f.createdAt, f.answeredAt!))).average;
}

/** Closed without an agent ever taking it: the customer was left or gave up. */
export const isAbandoned = (f: ConversationFacts) => f.state === 'closed' && f.answeredAt === null;

export type HistoricalFigures = {
  conversations: number;
  answered: number;
  abandoned: number;
  abandonmentRate: number | null;
  transfers: number;
  speedToAnswer: Summary;
  firstResponse: Summary;
  handle: Summary;
  wrapUp: Summary;
  serviceLevel: Record<`within${(typeof SERVICE_LEVEL_THRESHOLDS)[number]}s`, number | null>;
  volumeByHour: number[];
};

export function historicalFigures(facts: ConversationFacts[], now: Date): HistoricalFigures {
  const answered = facts.filter((f) => f.answeredAt);
  const abandoned = facts.filter(isAbandoned).length;
  const volumeByHour = Array.from({ length: 24 }, () => 0);
  for (const f of facts) volumeByHour[f.createdAt.getUTCHours()]++;
  return {
    conversations: facts.length,
    answered: answered.length,
    abandoned,
    abandonmentRate: facts.length ? Math.round((abandoned / facts.length) * 1000) / 10 : null,
    transfers: facts.reduce((sum, f) => sum + f.transfers, 0),
    speedToAnswer: summarize(answered.map((f) => secondsBetween(f.createdAt, f.answeredAt!))),
    firstResponse: summarize(facts.filter((f) => f.firstInboundAt && f.firstAgentReplyAt).map((f) => secondsBetween(f.firstInboundAt!, f.firstAgentReplyAt!))),
    // Handle: from an agent taking it to the agent ending it (or closing it without wrap-up).
    handle: summarize(answered.filter((f) => f.wrapUpAt ?? f.closedAt).map((f) => secondsBetween(f.answeredAt!, (f.wrapUpAt ?? f.closedAt)!))),
    wrapUp: summarize(facts.filter((f) => f.wrapUpAt && f.closedAt).map((f) => secondsBetween(f.wrapUpAt!, f.closedAt!))),
    serviceLevel: {
      within20s: serviceLevel(facts, 20, now),
      within60s: serviceLevel(facts, 60, now),
      within120s: serviceLevel(facts, 120, now),
    },
    volumeByHour,
  };
}

export type PresenceSegment = { presence: string; from: string; to: string };

/**
 * Presence changes as back-to-back segments over [start, now]: the presence held at the start
 * (the last change before it) fills the beginning.
 */
export function presenceSegments(before: string | null, changes: { presence: string; at: Date }[], start: Date, now: Date): PresenceSegment[] {
  const segments: PresenceSegment[] = [];
  let current = before;
  let since = start;
  for (const change of changes) {
    if (change.at < start) {
      current = change.presence;
      continue;
    }
    if (current !== null && change.at > since) segments.push({ presence: current, from: since.toISOString(), to: change.at.toISOString() });
    current = change.presence;
    since = change.at;
  }
  if (current !== null && now > since) segments.push({ presence: current, from: since.toISOString(), to: now.toISOString() });
  return segments;
}
