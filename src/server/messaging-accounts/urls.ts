import type { Config } from '../config.js';

export const inboundPath = (key: string) => `/webhooks/twilio/${key}/inbound`;
export const statusPath = (key: string) => `/webhooks/twilio/${key}/status`;

export const inboundUrl = (config: Config, key: string) => config.publicUrl + inboundPath(key);
export const statusCallbackUrl = (config: Config, key: string) => config.publicUrl + statusPath(key);

/** Where the Twilio REST API is for an account: the simulator inside this server, or Twilio (or TWILIO_API_BASE_URL). */
export function twilioBaseUrl(config: Config, provider: 'twilio' | 'simulator'): string {
  return provider === 'simulator' ? `${config.publicUrl}/simulator/twilio` : config.twilioApiBaseUrl;
}
