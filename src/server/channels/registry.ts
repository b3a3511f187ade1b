import type { ChannelAdapter } from './types.js';
import { whatsappChannel } from './whatsapp/adapter.js';
import { smsChannel } from './sms/adapter.js';

import type { ChannelId } from '../../shared/channel-ids.js';

/** The registered channels: a new channel is its folder, its migration, its name in src/shared/channel-ids.ts and its adapter below. */
export { CHANNEL_IDS, type ChannelId } from '../../shared/channel-ids.js';

export const CHANNELS: Record<ChannelId, ChannelAdapter> = {
  whatsapp: whatsappChannel,
  sms: smsChannel,
};

export function channelAdapter(id: ChannelId): ChannelAdapter {
  return CHANNELS[id];
}

/** The Twilio channel a webhook's From address belongs to. */
export function twilioChannelOf(from: string): ChannelAdapter | undefined {
  return Object.values(CHANNELS).find((c) => c.twilio?.ownsAddress(from));
}
