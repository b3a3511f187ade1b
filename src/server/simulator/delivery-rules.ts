import type { Settings } from './schema.js';

/** What the channel's network decides about a business message: pure rules over plain data. */

export const SANDBOX_JOIN_MS = 3 * 24 * 60 * 60 * 1000;

/**
 * Why the channel would refuse to deliver this message, as Twilio's code: 63015 when the sender is
 * the sandbox and the customer has not joined it in the last 3 days, 63016 when a session
 * message (not a template) goes out longer than the channel's window (`windowMs`, WhatsApp's
 * 24 hours; null: the channel has none) after the customer last wrote.
 */
export function deliveryRefusal(input: {
  now: Date;
  windowMs: number | null;
  isTemplate: boolean;
  sandbox: boolean;
  joinedAt: Date | null;
  lastCustomerMessageAt: Date | null;
}): 63015 | 63016 | null {
  const age = (d: Date | null) => (d ? input.now.getTime() - d.getTime() : Infinity);
  if (input.sandbox && age(input.joinedAt) > SANDBOX_JOIN_MS) return 63015;
  if (input.windowMs !== null && !input.isTemplate && age(input.lastCustomerMessageAt) > input.windowMs) return 63016;
  return null;
}

export type DeliveryStatus = 'sent' | 'delivered' | 'read' | 'failed' | 'undelivered';
/** force: report the step even when the message is already further (an out-of-order fault asked for it). */
export type DeliveryStep = { status: DeliveryStatus; atMs: number; errorCode?: number; errorMessage?: string; force?: true };
export type Failure = { status: 'failed' | 'undelivered'; code: number; message?: string };

/**
 * The callbacks a message will get, with when (ms after the send was accepted); "read" only on a
 * channel whose phones report reading.
 */
export function planDelivery(settings: Settings, failure: Failure | null, immediate = false, readReceipts = true): DeliveryStep[] {
  const at = (ms: number) => (immediate ? 0 : ms);
  const error = failure && { errorCode: failure.code, ...(failure.message ? { errorMessage: failure.message } : {}) };
  let steps: DeliveryStep[];
  if (failure?.status === 'failed') steps = [{ status: 'failed', atMs: at(settings.sentAfterMs), ...error }];
  else if (failure) steps = [{ status: 'sent', atMs: at(settings.sentAfterMs) }, { status: 'undelivered', atMs: at(settings.deliveredAfterMs), ...error }];
  else {
    steps = [
      { status: 'sent', atMs: at(settings.sentAfterMs) },
      { status: 'delivered', atMs: at(Math.max(settings.sentAfterMs, settings.deliveredAfterMs)) },
    ];
    if (settings.autoRead && readReceipts) steps.push({ status: 'read', atMs: at(Math.max(settings.deliveredAfterMs, settings.readAfterMs)) });
  }
  if (settings.callbackOrder === 'reversed' && steps.length > 1) {
    // Same moments, statuses swapped: the later status is reported first.
    const statuses = steps.map((s) => ({ ...s })).reverse();
    steps = steps.map((s, i) => ({ ...statuses[i], atMs: s.atMs, force: true }));
  }
  return steps;
}

const RANK: Record<string, number> = { accepted: 0, queued: 0, sending: 1, sent: 2, delivered: 3, read: 4, undelivered: 5, failed: 5 };

/** Twilio's own record only moves forward; failed and undelivered are final. */
export function isForward(current: string, next: string): boolean {
  const from = RANK[current] ?? 0;
  if (from >= 5) return false;
  // A message fails on its way; once on the customer's phone it can no longer fail.
  if (next === 'undelivered' || next === 'failed') return from < RANK.delivered;
  return (RANK[next] ?? 0) > from;
}

/** Statuses a message may be in for `next` to apply. */
export function statusesBefore(next: string): string[] {
  return Object.keys(RANK).filter((s) => isForward(s, next));
}
