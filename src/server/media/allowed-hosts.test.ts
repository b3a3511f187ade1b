import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { isAllowedMediaUrl, mayReceiveCredentials } from './allowed-hosts.js';

const config = loadConfig({ PUBLIC_URL: 'https://support.example.com', DATA_DIR: '/tmp/unused' });
const twilio = (url: string) => isAllowedMediaUrl(config, 'twilio', url);

describe('which media URLs Switchboard fetches', () => {
  it("fetches Twilio's API and CDN over HTTPS", () => {
    expect(twilio('https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1')).toBe(true);
    expect(twilio('https://media.twiliocdn.com/AC1/abc?Expires=1')).toBe(true);
    expect(twilio('https://s3-external-1.amazonaws.com/media.twiliocdn.com/AC1/abc')).toBe(true);
  });

  it.each([
    ['plain HTTP to Twilio', 'http://api.twilio.com/media'],
    ['the cloud metadata address', 'http://169.254.169.254/latest/meta-data/'],
    ['loopback', 'https://127.0.0.1/media'],
    ['loopback as one number', 'https://2130706433/media'],
    ['IPv6 loopback', 'https://[::1]/media'],
    ['a private network', 'https://10.0.0.7/media'],
    ['a private network by name', 'https://db.internal/media'],
    ['a look-alike host', 'https://api.twilio.com.evil.example/media'],
    ['a look-alike suffix', 'https://eviltwilio.com/media'],
    ['Twilio as userinfo of another host', 'https://api.twilio.com@10.0.0.7/media'],
    ['another scheme', 'file:///etc/passwd'],
    ['not a URL', 'twilio.com/media'],
  ])('refuses %s', (_what, url) => {
    expect(twilio(url)).toBe(false);
  });

  it('fetches from the configured Twilio base (a contract mock) and, for the simulator, from this server only', () => {
    const mocked = loadConfig({ TWILIO_API_BASE_URL: 'http://127.0.0.1:4010', DATA_DIR: '/tmp/unused' });
    expect(isAllowedMediaUrl(mocked, 'twilio', 'http://127.0.0.1:4010/media')).toBe(true);
    expect(isAllowedMediaUrl(mocked, 'twilio', 'http://127.0.0.1:4011/media')).toBe(false);
    expect(isAllowedMediaUrl(config, 'simulator', 'https://support.example.com/simulator/cdn/ME1')).toBe(true);
    expect(isAllowedMediaUrl(config, 'simulator', 'https://api.twilio.com/media')).toBe(false);
  });
});

describe('where Twilio credentials may go', () => {
  it("sends them to Twilio's API only, never to the CDN, S3 or a refused host", () => {
    expect(mayReceiveCredentials(config, 'twilio', 'https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1')).toBe(true);
    expect(mayReceiveCredentials(config, 'twilio', 'https://media.twiliocdn.com/AC1/abc')).toBe(false);
    expect(mayReceiveCredentials(config, 'twilio', 'https://s3-external-1.amazonaws.com/bucket/abc')).toBe(false);
    expect(mayReceiveCredentials(config, 'twilio', 'http://169.254.169.254/')).toBe(false);
  });
});
