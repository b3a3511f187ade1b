import { ValidationError } from '../../http/errors.js';
import { storableText } from '../../http/text-guard.js';
import type { ChannelId } from '../registry.js';
import { twilioChannelOf } from '../registry.js';
import type { InboundMedia, InboundMessage } from '../types.js';

export type WebhookParams = Record<string, string | string[] | undefined>;

const MAX_MEDIA = 10; // WhatsApp sends at most one; Twilio's MMS at most ten.
const SID = /^(SM|MM)[0-9a-fA-F]{32}$/;
const E164 = /^\+[1-9]\d{6,14}$/;

export function first(params: WebhookParams, key: string): string | undefined {
  const value = params[key];
  return Array.isArray(value) ? value[0] : value;
}

function finiteOrNull(value: string | undefined): number | null {
  if (value === undefined || value.trim() === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

/** A message Twilio delivered to the account's inbound URL, parsed by the channel its From belongs to. */
export function parseTwilioInbound(params: WebhookParams): InboundMessage {
  const from = first(params, 'From') ?? '';
  const channel = twilioChannelOf(from);
  if (!channel?.twilio) throw new ValidationError('From must be a phone number such as +15551234567 or whatsapp:+15551234567.', 'From');
  return channel.twilio.parseInbound(params);
}

/**
 * The fields every Twilio channel sends alike. `prefix` is the channel's address prefix
 * ('whatsapp:' or none): From and To must carry it around an E.164 number.
 */
export function parseTwilioMessage(params: WebhookParams, channel: ChannelId, prefix: string): InboundMessage {
  const messageSid = first(params, 'MessageSid') ?? first(params, 'SmsMessageSid') ?? '';
  if (!SID.test(messageSid)) throw new ValidationError('MessageSid is missing or not a Twilio message sid.', 'MessageSid');
  const from = first(params, 'From') ?? '';
  const to = first(params, 'To') ?? '';
  const phoneOf = (address: string) => (address.startsWith(prefix) && E164.test(address.slice(prefix.length)) ? address.slice(prefix.length) : null);
  const phone = phoneOf(from);
  const toNumber = phoneOf(to);
  if (!phone) throw new ValidationError(`From must be an address such as ${prefix}+15551234567.`, 'From');
  if (!toNumber) throw new ValidationError(`To must be an address such as ${prefix}+14155238886.`, 'To');
  const numMedia = Number(first(params, 'NumMedia') ?? '0');
  if (!Number.isInteger(numMedia) || numMedia < 0) throw new ValidationError('NumMedia must be a whole number.', 'NumMedia');
  const media: InboundMedia[] = [];
  for (let i = 0; i < Math.min(numMedia, MAX_MEDIA); i++) {
    const url = first(params, `MediaUrl${i}`);
    if (url) media.push({ url, contentType: first(params, `MediaContentType${i}`) ?? 'application/octet-stream' });
  }
  const latitude = finiteOrNull(first(params, 'Latitude'));
  const longitude = finiteOrNull(first(params, 'Longitude'));
  const buttonText = first(params, 'ButtonText') ?? null;
  const kind = first(params, 'MessageType') ?? (media.length ? 'media' : latitude !== null ? 'location' : buttonText ? 'button' : 'text');
  return {
    channel,
    messageSid,
    accountSid: first(params, 'AccountSid') ?? '',
    messagingServiceSid: first(params, 'MessagingServiceSid') || null,
    from,
    to: toNumber,
    customer: { address: phone, phone, profileName: null },
    body: first(params, 'Body') ?? '',
    kind: kind.slice(0, 40),
    media,
    latitude,
    longitude,
    locationLabel: latitude !== null ? first(params, 'Label') || null : null,
    locationAddress: latitude !== null ? first(params, 'Address') || null : null,
    buttonText,
    buttonPayload: first(params, 'ButtonPayload') ?? null,
    repliedToSid: first(params, 'OriginalRepliedMessageSid') ?? null,
  };
}

/**
 * Twilio's form with every name and value made storable (NUL bytes removed, broken characters
 * replaced), once its signature is checked: a customer's message is kept, never refused, since
 * Twilio would only send the same bytes again.
 */
export function storableParams(params: WebhookParams): WebhookParams {
  const clean: WebhookParams = {};
  for (const [key, value] of Object.entries(params)) {
    clean[storableText(key)] = Array.isArray(value) ? value.map(storableText) : value === undefined ? undefined : storableText(value);
  }
  return clean;
}
