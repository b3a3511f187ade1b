import { api } from '../../shell/api';

/**
 * The built-in simulator's "Twilio console": what an admin would otherwise do on twilio.com,
 * signing up for credentials and pasting the inbound URL into a number's webhook.
 */
export function createSimulatorCredentials(friendlyName: string) {
  return api<{ accountSid: string; authToken: string }>('POST', '/simulator/api/accounts', { body: { friendlyName } });
}

export function connectSimulatorNumber(phoneNumber: string, settings: { accountSid: string; smsUrl: string; sandbox?: boolean }) {
  return api<unknown>('PUT', `/simulator/api/numbers/${encodeURIComponent(phoneNumber)}`, { body: settings });
}
