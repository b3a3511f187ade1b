import { describe, expect, it } from 'vitest';
import { buildSendParams, type OutboundContext } from './build-send-params.js';

const base: OutboundContext = {
  messageId: 'm1',
  channel: 'whatsapp',
  body: 'Hello',
  contentSid: null,
  contentVariables: null,
  customerPhone: '+15551234567',
  senderNumber: '+14155238886',
  messagingServiceSid: null,
  mediaUrls: [],
  statusCallbackUrl: 'https://sb.example/webhooks/twilio/k/status',
};

describe('Messages.json parameters', () => {
  it('sends a session message from the WhatsApp number with a per-message status callback', () => {
    expect(buildSendParams(base)).toEqual({
      To: 'whatsapp:+15551234567',
      From: 'whatsapp:+14155238886',
      Body: 'Hello',
      StatusCallback: 'https://sb.example/webhooks/twilio/k/status?m=m1',
    });
  });

  it('uses the Messaging Service instead of From when the number has one', () => {
    const params = buildSendParams({ ...base, messagingServiceSid: 'MG' + '0'.repeat(32) });
    expect(params.From).toBeUndefined();
    expect(params.MessagingServiceSid).toBe('MG' + '0'.repeat(32));
  });

  it('sends a template as ContentSid + ContentVariables with no Body', () => {
    const params = buildSendParams({ ...base, contentSid: 'HX' + 'a'.repeat(32), contentVariables: { '1': 'Ada' } });
    expect(params.Body).toBeUndefined();
    expect(params.ContentVariables).toBe('{"1":"Ada"}');
  });

  it('repeats MediaUrl for each attachment', () => {
    expect(buildSendParams({ ...base, body: '', mediaUrls: ['https://a/1', 'https://a/2'] }).MediaUrl).toEqual(['https://a/1', 'https://a/2']);
  });

  it('sends SMS between plain E.164 numbers', () => {
    expect(buildSendParams({ ...base, channel: 'sms' })).toEqual({
      To: '+15551234567',
      From: '+14155238886',
      Body: 'Hello',
      StatusCallback: 'https://sb.example/webhooks/twilio/k/status?m=m1',
    });
  });
});
