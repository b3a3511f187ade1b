import { randomBytes } from 'node:crypto';

/** A Twilio-style sid: two letters and 32 lowercase hex digits (SM…, MM…, ME…, HX…, AC…). */
export const newSid = (prefix: 'AC' | 'SM' | 'MM' | 'ME' | 'HX' | 'XE') => prefix + randomBytes(16).toString('hex');

/** Twilio's REST dates: RFC 2822 in GMT, "Thu, 24 Aug 2023 05:01:45 +0000". */
export const rfc2822 = (date: Date) => date.toUTCString().replace('GMT', '+0000');

export const E164 = /^\+[1-9]\d{6,14}$/;

/** "whatsapp:+15551234567" → { channel: "whatsapp", number: "+15551234567" }; a bare number is SMS. */
export function parseAddress(address: string): { channel: string; number: string } {
  const at = address.indexOf(':');
  return at < 0 ? { channel: 'sms', number: address } : { channel: address.slice(0, at).toLowerCase(), number: address.slice(at + 1) };
}
