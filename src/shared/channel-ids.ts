/**
 * The registered channels' names, a plain list the web app can read too (the adapters in
 * src/server/channels/ need Node). A new channel adds its name here and its adapter to the
 * server's registry.
 */
export const CHANNEL_IDS = ['whatsapp', 'sms'] as const;
export type ChannelId = (typeof CHANNEL_IDS)[number];
