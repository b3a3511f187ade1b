import { describe, expect, it } from 'vitest';
import { urlForLogs } from './log-safety.js';

describe('URLs in the logs', () => {
  it.each([
    ['/api/v1/realtime?token=abc123', '/api/v1/realtime?token=[redacted]'],
    ['/api/v1/realtime?lang=en&token=abc123&x=1', '/api/v1/realtime?lang=en&token=[redacted]&x=1'],
    ['/media/out/Zx9_secretToken-123', '/media/out/[redacted]'],
    ['/survey/eyJhbGciOi.sig?lang=ko', '/survey/[redacted]?lang=ko'],
    ['/api/v1/conversations?state=open', '/api/v1/conversations?state=open'],
    ['/api/v1/transcripts?text=my%20parcel&customer=Ada&number=%2B1555&state=any', '/api/v1/transcripts?text=[redacted]&customer=[redacted]&number=[redacted]&state=any'],
    ['/webhooks/twilio/k3y/inbound', '/webhooks/twilio/k3y/inbound'],
  ])('%s is logged as %s', (url, logged) => {
    expect(urlForLogs(url)).toBe(logged);
  });
});
