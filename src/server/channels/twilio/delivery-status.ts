/**
 * Twilio's message statuses in the order a message moves through them. Callbacks can arrive out
 * of order, so a status only ever replaces one of a lower rank. failed and undelivered rank
 * with delivered: a message that was delivered cannot fail afterwards, and the reverse.
 */
const RANK: Record<string, number> = {
  queued: 0,
  accepted: 0,
  scheduled: 0,
  sending: 1,
  sent: 2,
  failed: 3,
  undelivered: 3,
  delivered: 3,
  read: 4,
};

export const FAILED_STATUSES = new Set(['failed', 'undelivered']);

export function statusRank(status: string): number {
  return RANK[status] ?? -1;
}

/** True when `next` moves the message forward from `current`. */
export function isStatusForward(current: string, next: string): boolean {
  if (!(next in RANK)) return false;
  if (FAILED_STATUSES.has(current) || current === 'read') return false;
  return statusRank(next) > statusRank(current);
}
