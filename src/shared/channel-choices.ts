/**
 * The channels the web app offers in its pickers (routing conditions, insights filters). The web app
 * cannot load the server's channel registry (its adapters need Node), so the names are repeated here;
 * src/server/routing/conditions.test.ts fails when they differ from CHANNEL_IDS.
 */
export const CHANNEL_CHOICES = ['whatsapp', 'sms'] as const;
export type ChannelChoice = (typeof CHANNEL_CHOICES)[number];
