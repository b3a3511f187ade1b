/** Twilio error codes with a sentence a person can act on. */
const SENTENCES: Record<number, string> = {
  63016: 'The 24-hour WhatsApp window is closed: send an approved template until the customer writes again.',
  63015: 'This sandbox customer has not sent the join code, or joined more than 3 days ago.',
  63018: 'The WhatsApp rate or tier limit was reached; the message was not sent.',
  63024: 'The recipient is not a valid WhatsApp user.',
  63021: 'WhatsApp rejected the content of the message.',
  63005: 'WhatsApp rejected the media of the message.',
  63019: 'The media could not be downloaded by WhatsApp.',
  63003: 'The recipient is not reachable on WhatsApp.',
  21211: 'The customer’s phone number is not valid.',
  21610: 'The customer replied STOP and has opted out of messages.',
  20429: 'Twilio is receiving too many requests; the message will be retried.',
  20003: 'Twilio refused the credentials: check the Account SID and Auth Token.',
  20404: 'Twilio does not know this resource: check the Account SID.',
  30003: 'The handset is unreachable.',
  30005: 'The number is unknown or no longer exists.',
  30006: 'The number cannot receive this message (landline or unreachable carrier).',
  30007: 'The carrier filtered the message.',
  30008: 'Twilio could not deliver the message for an unknown reason.',
};

export function twilioErrorSentence(code: number | null | undefined, fallback?: string | null): string {
  if (code && SENTENCES[code]) return SENTENCES[code];
  return fallback?.trim() || (code ? `Twilio reported error ${code}.` : 'The message could not be delivered.');
}
