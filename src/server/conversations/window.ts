/** WhatsApp's customer-service window: 24 hours after the customer's most recent message. */
export const WINDOW_MS = 24 * 60 * 60 * 1000;

export function windowExpiresAt(lastInboundAt: Date | null): Date | null {
  return lastInboundAt ? new Date(lastInboundAt.getTime() + WINDOW_MS) : null;
}

export function isWindowOpen(lastInboundAt: Date | null, now: Date): boolean {
  const expires = windowExpiresAt(lastInboundAt);
  return expires !== null && now.getTime() < expires.getTime();
}
