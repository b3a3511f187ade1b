import { channelAdapter, type ChannelId } from '../channels/registry.js';

/**
 * The channel's customer-service window (WhatsApp: 24 hours after the customer's most recent
 * message), or null when the channel has none or the customer never wrote.
 */
export function windowExpiresAt(channel: ChannelId, lastInboundAt: Date | null): Date | null {
  const windowMs = channelAdapter(channel).sessionWindowMs;
  return windowMs !== null && lastInboundAt ? new Date(lastInboundAt.getTime() + windowMs) : null;
}

/** The channel's window as sentences name it; a channel without one never has it closed. */
export function windowName(channel: ChannelId): string {
  return channelAdapter(channel).sessionWindowName ?? 'customer-service window';
}

/** Whether free text may be sent now: always on a channel without a window. */
export function isWindowOpen(channel: ChannelId, lastInboundAt: Date | null, now: Date): boolean {
  if (channelAdapter(channel).sessionWindowMs === null) return true;
  const expires = windowExpiresAt(channel, lastInboundAt);
  return expires !== null && now.getTime() < expires.getTime();
}
