import type { ChannelId } from './registry.js';
import type { WebhookParams } from './twilio/webhook-params.js';

export type InboundMedia = { url: string; contentType: string };

/** A customer's message as Switchboard understands it, whichever channel carried it. */
export type InboundMessage = {
  channel: ChannelId;
  /** The provider's id for the message: a redelivery carries the same one. */
  messageSid: string;
  accountSid: string;
  messagingServiceSid: string | null;
  /** The customer's address as the provider wrote it: one sender's messages are stored in arrival order. */
  from: string;
  /** The business number the message was sent to, in E.164. */
  to: string;
  /** Who wrote: their address on this channel, their phone when the channel has one. */
  customer: { address: string; phone: string; profileName: string | null };
  body: string;
  kind: string;
  media: InboundMedia[];
  latitude: number | null;
  longitude: number | null;
  /** A shared place's name and street address, when the customer picked a place rather than a pin. */
  locationLabel: string | null;
  locationAddress: string | null;
  buttonText: string | null;
  buttonPayload: string | null;
  repliedToSid: string | null;
};

/** What a channel can carry, for the composer, the admin center and the checks before a send. */
export type ChannelCapabilities = {
  /** Business-initiated messages need an approved template (WhatsApp's Content API). */
  templates: boolean;
  /** Quick-reply buttons render as buttons; otherwise their options go as numbered text. */
  buttons: boolean;
  /** *bold* _italic_ ~strike~ render in the customer's app. */
  formatting: boolean;
  /** Text is billed and split in SMS segments (GSM-7 / UCS-2). */
  segments: boolean;
  /** Attachments per message at most, and their size. */
  maxMedia: number;
  maxMediaBytes: number;
};

/**
 * Everything that differs between channels. Conversations, routing, the outbox, the inbox,
 * automation, surveys and bots ask the adapter; they never test a channel's name.
 */
export type ChannelAdapter = {
  id: ChannelId;
  /** How long after the customer's last message free text may be sent; null: no such window. */
  sessionWindowMs: number | null;
  /** The window as sentences name it ("24-hour WhatsApp window"); null when there is none. */
  sessionWindowName: string | null;
  capabilities: ChannelCapabilities;
  /** Provider error codes of this channel, with a sentence a person can act on. */
  errorSentences: Record<number, string>;
  /** Channels carried by Twilio share the account's webhook URLs and its Messages API. */
  twilio?: {
    /** Whether a webhook's From address belongs to this channel. */
    ownsAddress(from: string): boolean;
    /** The address Twilio sends to or from for a phone number in E.164. */
    address(phone: string): string;
    parseInbound(params: WebhookParams): InboundMessage;
  };
  /** How the built-in Twilio simulator plays this channel's network and the customer's phone. */
  simulator?: ChannelSimulator;
};

/** A message the simulated customer's phone sends, as the channel's webhook fields need it. */
export type SimulatedInbound = {
  /** The customer's and the business's numbers in E.164. */
  customer: string;
  business: string;
  profileName: string | null;
  mediaContentTypes: string[];
  body: string;
  location: { latitude: number; longitude: number; label: string | null; address: string | null } | null;
  button: { text: string; payload: string | null } | null;
  /** The business message a button reply answers. */
  repliedToSid: string | null;
};

export type ChannelSimulator = {
  /** The phone can share a location on this channel. */
  location: boolean;
  /** The customer's phone reports reading a message (Twilio's "read" status). */
  readReceipts: boolean;
  /** Twilio's shared sandbox number ("join <keyword>") carries this channel. */
  sandbox: boolean;
  /** How many segments Twilio counts for this text (num_segments, NumSegments). */
  segments(body: string): number;
  /** The inbound webhook's fields this channel adds to those every Twilio channel sends (AccountSid, From, To, Body, MessageSid, media…). */
  inboundFields(message: SimulatedInbound): Record<string, string>;
  /** The status callback's fields this channel adds to those every Twilio channel sends (ErrorCode among them). */
  statusFields(callback: { customer: string; status: string; channelInstallSid: string; errorMessage: string | null }): Record<string, string>;
};
