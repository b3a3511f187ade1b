import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { ChannelSimulator } from '../types.js';
import { smsSegments } from '../../../shared/sms-segments.js';

/** The country Twilio names for a number: its own, or the first its calling code serves (+1 555… is "US"). */
function countryOf(phone: string): string | undefined {
  const parsed = parsePhoneNumberFromString(phone);
  return parsed?.country ?? parsed?.getPossibleCountries()[0];
}

/**
 * A simulated phone on SMS/MMS: no read receipts, no locations, no sandbox; Twilio's inbound
 * fields as in test/contract/twilio-fixtures/sms-webhooks.json (the city, state and zip fields
 * Twilio adds for some US numbers are left out, as Twilio itself does for most countries).
 */
export const smsSimulator: ChannelSimulator = {
  location: false,
  readReceipts: false,
  sandbox: false,
  segments: (body) => smsSegments(body).segments,
  inboundFields(message) {
    const fields: Record<string, string> = { NumSegments: String(smsSegments(message.body).segments) };
    const fromCountry = countryOf(message.customer);
    const toCountry = countryOf(message.business);
    if (fromCountry) fields.FromCountry = fromCountry;
    if (toCountry) fields.ToCountry = toCountry;
    return fields;
  },
  // A failed SMS carries its ErrorCode only, no sentence.
  statusFields: () => ({}),
};
