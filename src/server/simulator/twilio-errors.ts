/**
 * Twilio's error codes as the simulator answers them: REST errors as {code, message, more_info,
 * status}, delivery failures as ErrorCode/ErrorMessage in status callbacks. The sentences are
 * Twilio's own, so Switchboard sees exactly what it would see from Twilio.
 */
const MESSAGES: Record<number, string> = {
  20422: 'Invalid Parameter',
  20003: 'Authenticate',
  20404: 'The requested resource was not found',
  20429: 'Too Many Requests',
  20500: 'An internal server error has occurred',
  21211: "Invalid 'To' Phone Number",
  21602: 'Message body is required.',
  21603: "A 'From' phone number is required.",
  21604: "A 'To' phone number is required.",
  21606: "The 'From' phone number provided is not a valid message-capable Twilio phone number for this destination/account.",
  21609: "Invalid 'StatusCallback'",
  21610: 'Attempt to send to unsubscribed recipient',
  21617: 'The concatenated message body exceeds the 1600 character limit.',
  21620: 'Invalid media URL(s)',
  21623: 'Number of media files exceeds allowed limit',
  21654: 'ContentSid Required',
  21655: 'The ContentSid is Invalid',
  21656: 'The ContentVariables Parameter is invalid',
  21659: "'From' is not a Twilio phone number or Short Code country mismatch",
  21701: 'The Messaging Service Sid is invalid',
  21704: 'The Messaging Service contains no phone numbers',
  21910: 'Invalid From and To pair. From and To should be of the same channel',
  30003: 'Unreachable destination handset',
  30008: 'Unknown error',
  63005: 'Channel did not accept given content. Please see Channel specific error message for more information',
  63015: 'Channel Sandbox can only send messages to phone numbers that have joined the Sandbox',
  63016: 'Failed to send freeform message because you are outside the allowed window. If you are using WhatsApp, please use a Message Template.',
  63018: 'Rate limit exceeded for Channel',
  63019: 'Media failed to download',
  63021: 'Channel invalid content error',
  63024: 'Invalid message recipient',
};

export function twilioMessageFor(code: number): string {
  return MESSAGES[code] ?? `Twilio error ${code}`;
}

export class TwilioError extends Error {
  constructor(
    readonly code: number,
    readonly status = 400,
    message = twilioMessageFor(code),
  ) {
    super(message);
    this.name = 'TwilioError';
  }
}

export type TwilioErrorBody = { code: number; message: string; more_info: string; status: number };

export function twilioErrorBody(err: TwilioError): TwilioErrorBody {
  return { code: err.code, message: err.message, more_info: `https://www.twilio.com/docs/errors/${err.code}`, status: err.status };
}
