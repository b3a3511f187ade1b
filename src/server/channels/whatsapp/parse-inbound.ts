import { ValidationError } from '../../http/errors.js';
import { storableText } from '../../http/text-guard.js';

export type WebhookParams = Record<string, string | string[] | undefined>;

export type InboundMedia = { url: string; contentType: string };

/** A customer's WhatsApp message as Switchboard understands it, whatever fields Twilio added. */
export type InboundMessage = {
  messageSid: string;
  accountSid: string;
  messagingServiceSid: string | null;
  from: string;
  to: string;
  waId: string;
  profileName: string | null;
  body: string;
  kind: string;
  media: InboundMedia[];
  latitude: number | null;
  longitude: number | null;
  buttonText: string | null;
  buttonPayload: string | null;
  repliedToSid: string | null;
};

const MAX_MEDIA = 10; // WhatsApp sends at most one; Twilio's MMS at most ten.
const SID = /^(SM|MM)[0-9a-fA-F]{32}$/;
const WHATSAPP_ADDRESS = /^whatsapp:\+[1-9]\d{6,14}$/;

export function first(params: WebhookParams, key: string): string | undefined {
  const value = params[key];
  return Array.isArray(value) ? value[0] : value;
}

function finiteOrNull(value: string | undefined): number | null {
  if (value === undefined || value.trim() === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

export function parseInbound(params: WebhookParams): InboundMessage {
  const messageSid = first(params, 'MessageSid') ?? first(params, 'SmsMessageSid') ?? '';
  if (!SID.test(messageSid)) throw new ValidationError('MessageSid is missing or not a Twilio message sid.', 'MessageSid');
  const from = first(params, 'From') ?? '';
  const to = first(params, 'To') ?? '';
  if (!WHATSAPP_ADDRESS.test(from)) throw new ValidationError('From must be a WhatsApp address such as whatsapp:+15551234567.', 'From');
  if (!WHATSAPP_ADDRESS.test(to)) throw new ValidationError('To must be a WhatsApp address such as whatsapp:+14155238886.', 'To');
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
    messageSid,
    accountSid: first(params, 'AccountSid') ?? '',
    messagingServiceSid: first(params, 'MessagingServiceSid') || null,
    from,
    to,
    waId: first(params, 'WaId') || from.replace(/^whatsapp:\+/, ''),
    profileName: first(params, 'ProfileName') || null,
    body: first(params, 'Body') ?? '',
    kind: kind.slice(0, 40),
    media,
    latitude,
    longitude,
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
