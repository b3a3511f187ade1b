import twilio from 'twilio';
import type { WebhookParams } from './webhook-params.js';

/**
 * Checks X-Twilio-Signature the way Twilio computes it: over the URL Twilio called (rebuilt from
 * PUBLIC_URL, since a proxy may sit in between) and every form field that arrived.
 */
export function isValidTwilioSignature(authToken: string, signature: string | undefined, url: string, params: WebhookParams): boolean {
  if (!signature) return false;
  return twilio.validateRequest(authToken, signature, url, params);
}
