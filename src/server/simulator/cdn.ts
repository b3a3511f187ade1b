import { createHmac } from 'node:crypto';
import { safeEqual } from '../crypto/tokens.js';

/**
 * The simulated media CDN: Twilio redirects an authenticated media request to a signed,
 * expiring URL that needs no credentials. The signature covers the media sid and the expiry.
 */
export const CDN_PREFIX = '/simulator/cdn';

const signature = (key: string, mediaSid: string, expires: number) => createHmac('sha256', key).update(`${mediaSid}.${expires}`).digest('base64url');

export function signedCdnUrl(publicUrl: string, key: string, mediaSid: string, now: Date, ttlSeconds: number): string {
  const expires = Math.floor(now.getTime() / 1000) + ttlSeconds;
  return `${publicUrl}${CDN_PREFIX}/${mediaSid}?Expires=${expires}&Signature=${signature(key, mediaSid, expires)}`;
}

export function isValidCdnSignature(key: string, mediaSid: string, expires: string | undefined, given: string | undefined, now: Date): boolean {
  const at = Number(expires);
  if (!given || !Number.isInteger(at) || at * 1000 < now.getTime()) return false;
  return safeEqual(signature(key, mediaSid, at), given);
}
