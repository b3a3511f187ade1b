import type { ChannelAdapter } from '../types.js';
import { parseTwilioMessage, type WebhookParams } from '../twilio/webhook-params.js';
import { smsSimulator } from './simulator.js';

/** SMS (and MMS) through Twilio: plain E.164 addresses, no session window, text billed in segments. */
export const smsChannel: ChannelAdapter = {
  id: 'sms',
  sessionWindowMs: null,
  sessionWindowName: null,
  capabilities: { templates: false, buttons: false, formatting: false, segments: true, maxMedia: 10, maxMediaBytes: 5 * 1024 * 1024 },
  errorSentences: {
    21408: 'SMS to this customer’s country is not enabled on the Twilio account.',
    21612: 'Twilio cannot send SMS between these two numbers.',
    21614: 'The customer’s number is not a mobile number and cannot receive SMS.',
    30034: 'The sending number is not registered for US A2P 10DLC messaging.',
  },
  twilio: {
    ownsAddress: (from: string) => from.startsWith('+'),
    address: (phone: string) => phone,
    parseInbound: (params: WebhookParams) => parseTwilioMessage(params, 'sms', ''),
  },
  simulator: smsSimulator,
};
