import { describe, expect, it } from 'vitest';
import { mediaUrlProblem, webhookUrlProblem } from './own-urls.js';

const PUBLIC = 'https://support.example.com';

describe("the simulator's own URLs", () => {
  it("calls this Switchboard's Twilio webhooks and nothing else", () => {
    expect(webhookUrlProblem(PUBLIC, `${PUBLIC}/webhooks/twilio/k1/inbound`)).toBeNull();
    expect(webhookUrlProblem(PUBLIC, `${PUBLIC}/webhooks/twilio/k1/status?m=1`)).toBeNull();
    for (const elsewhere of [
      'http://169.254.169.254/latest/meta-data',
      'http://127.0.0.1:4000/webhooks/twilio/k1/inbound',
      'http://support.example.com/webhooks/twilio/k1/inbound',
      `${PUBLIC}/api/v1/users`,
      `${PUBLIC}/webhooks/twilio/../../api/v1/users`,
      'https://user:pass@support.example.com/webhooks/twilio/k1/inbound',
      'file:///etc/passwd',
      'not a url',
    ]) {
      expect(webhookUrlProblem(PUBLIC, elsewhere), elsewhere).toMatch(/^The simulator only calls this Switchboard's own Twilio webhooks \(https:\/\/support\.example\.com\/webhooks\/twilio\/…\)/);
    }
  });

  it('keeps a PUBLIC_URL with a path', () => {
    expect(webhookUrlProblem('https://example.com/sb', 'https://example.com/sb/webhooks/twilio/k/inbound')).toBeNull();
    expect(webhookUrlProblem('https://example.com/sb', 'https://example.com/webhooks/twilio/k/inbound')).not.toBeNull();
  });

  it('fetches media from its own origin only', () => {
    expect(mediaUrlProblem(PUBLIC, `${PUBLIC}/media/out/abcdefghijklmnopqrstuvwxyz`)).toBeNull();
    expect(mediaUrlProblem(PUBLIC, 'http://169.254.169.254/latest/meta-data?token=x')).toBe(
      'The simulator only fetches media from this Switchboard (https://support.example.com), not "http://169.254.169.254/latest/meta-data".',
    );
    expect(mediaUrlProblem(PUBLIC, 'https://support.example.com.evil.test/x')).not.toBeNull();
  });
});
