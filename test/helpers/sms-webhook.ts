import { randomMessageSid } from './scenario.js';

/** Twilio's inbound SMS webhook parameters: bare E.164 addresses and none of WhatsApp's fields. */
export function smsInboundParams(opts: { accountSid: string; from: string; to: string; body: string; sid?: string }): Record<string, string> {
  const sid = opts.sid ?? randomMessageSid();
  return {
    ToCountry: 'US', SmsMessageSid: sid, NumMedia: '0', SmsSid: sid, SmsStatus: 'received', Body: opts.body, To: opts.to, NumSegments: '1',
    MessageSid: sid, AccountSid: opts.accountSid, From: opts.from, ApiVersion: '2010-04-01',
  };
}
