import type { Config } from '../config.js';

const TWILIO_HOST = /(^|\.)(twilio\.com|twiliocdn\.com)$/i;
// Twilio's media redirects land on its CDN, sometimes through this S3 endpoint.
const TWILIO_S3 = new Set(['s3-external-1.amazonaws.com']);

/** Media is fetched only from Twilio (or the simulator / TWILIO_API_BASE_URL this server is set up with). */
export function isAllowedMediaUrl(config: Config, provider: 'twilio' | 'simulator', raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (provider === 'simulator') return url.origin === new URL(config.publicUrl).origin;
  if (url.protocol !== 'https:' && url.origin !== new URL(config.twilioApiBaseUrl).origin) return false;
  return TWILIO_HOST.test(url.hostname) || TWILIO_S3.has(url.hostname) || url.origin === new URL(config.twilioApiBaseUrl).origin;
}

/** Twilio's credentials go to Twilio's API (or the simulator / TWILIO_API_BASE_URL) only: never to its CDN, S3 or anyone else. */
export function mayReceiveCredentials(config: Config, provider: 'twilio' | 'simulator', raw: string): boolean {
  if (!isAllowedMediaUrl(config, provider, raw)) return false;
  const url = new URL(raw);
  if (provider === 'simulator' || url.origin === new URL(config.twilioApiBaseUrl).origin) return true;
  return /(^|\.)twilio\.com$/i.test(url.hostname);
}
