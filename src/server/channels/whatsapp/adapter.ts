import type { ChannelAdapter } from '../types.js';
import { first, parseTwilioMessage, type WebhookParams } from '../twilio/webhook-params.js';
import { whatsappSimulator } from './simulator.js';

const PREFIX = 'whatsapp:';

/** WhatsApp through Twilio: a 24-hour customer-service window, approved templates, buttons. */
export const whatsappChannel: ChannelAdapter = {
  id: 'whatsapp',
  // Free text only within 24 hours of the customer's last message; templates any time.
  sessionWindowMs: 24 * 60 * 60 * 1000,
  sessionWindowName: '24-hour WhatsApp window',
  capabilities: { templates: true, buttons: true, formatting: true, segments: false, maxMedia: 1, maxMediaBytes: 16 * 1024 * 1024 },
  errorSentences: {
    63016: 'The 24-hour WhatsApp window is closed: send an approved template until the customer writes again.',
    63015: 'This sandbox customer has not sent the join code, or joined more than 3 days ago.',
    63018: 'The WhatsApp rate or tier limit was reached; the message was not sent.',
    63024: 'The recipient is not a valid WhatsApp user.',
    63021: 'WhatsApp rejected the content of the message.',
    63005: 'WhatsApp rejected the media of the message.',
    63019: 'The media could not be downloaded by WhatsApp.',
    63003: 'The recipient is not reachable on WhatsApp.',
  },
  twilio: {
    ownsAddress: (from: string) => from.startsWith(PREFIX),
    address: (phone: string) => `${PREFIX}${phone}`,
    parseInbound(params: WebhookParams) {
      const message = parseTwilioMessage(params, 'whatsapp', PREFIX);
      // WhatsApp's own id for the person (WaId) is their number without the plus.
      const address = first(params, 'WaId') || message.customer.phone.slice(1);
      return { ...message, customer: { ...message.customer, address, profileName: first(params, 'ProfileName') || null } };
    },
  },
  simulator: whatsappSimulator,
};
