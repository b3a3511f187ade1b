import { CHANNELS } from '../registry.js';

/** Twilio error codes any of its channels can meet, with a sentence a person can act on. */
const TWILIO_SENTENCES: Record<number, string> = {
  21211: 'The customer’s phone number is not valid.',
  21610: 'The customer replied STOP and has opted out of messages from this number.',
  20429: 'Twilio is receiving too many requests; the message will be retried.',
  20003: 'Twilio refused the credentials: check the Account SID and Auth Token.',
  20404: 'Twilio does not know this resource: check the Account SID.',
  30003: 'The handset is unreachable.',
  30005: 'The number is unknown or no longer exists.',
  30006: 'The number cannot receive this message (landline or unreachable carrier).',
  30007: 'The carrier filtered the message.',
  30008: 'Twilio could not deliver the message for an unknown reason.',
};

let sentences: Record<number, string> | undefined;

/** Read on first use: the channels register after this module loads. */
function allSentences(): Record<number, string> {
  sentences ??= Object.assign({}, TWILIO_SENTENCES, ...Object.values(CHANNELS).map((c) => c.errorSentences));
  return sentences!;
}

export function twilioErrorSentence(code: number | null | undefined, fallback?: string | null): string {
  if (code && allSentences()[code]) return allSentences()[code];
  return fallback?.trim() || (code ? `Twilio reported error ${code}.` : 'The message could not be delivered.');
}

/** What a Twilio error code means for the conversation, beyond the failed message. */
export type TwilioErrorMeaning = 'window-closed' | 'opted-out';

const MEANINGS: Record<number, TwilioErrorMeaning> = {
  63016: 'window-closed', // WhatsApp: outside the 24-hour window.
  21610: 'opted-out', // The recipient replied STOP to this sender.
};

export function twilioErrorMeaning(code: number | null | undefined): TwilioErrorMeaning | null {
  return (code && MEANINGS[code]) || null;
}
