import type { FastifyRequest } from 'fastify';
import { safeEqual } from '../crypto/tokens.js';
import type { Simulator } from './simulator.js';
import type { SimAccount } from './store.js';
import { TwilioError } from './twilio-errors.js';

/** HTTP Basic auth with Account SID and Auth Token, as Twilio's REST API takes it; 20003 otherwise. */
export async function authenticate(sim: Simulator, request: FastifyRequest, accountSidInUrl?: string): Promise<SimAccount> {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(request.headers.authorization ?? '');
  if (!match) throw new TwilioError(20003, 401);
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const [username, password] = colon < 0 ? [decoded, ''] : [decoded.slice(0, colon), decoded.slice(colon + 1)];
  const account = /^AC[0-9a-f]{32}$/.test(username) ? await sim.account(username) : undefined;
  if (!account || !safeEqual(account.auth_token, password)) throw new TwilioError(20003, 401);
  if (accountSidInUrl !== undefined && accountSidInUrl !== account.sid) throw new TwilioError(20003, 401);
  return account;
}

/** "AC….json" → "AC…" when the name is a sid of that kind with Twilio's suffix. */
export function sidFromFile(file: string, prefix: string, suffix = '.json'): string | null {
  if (!file.endsWith(suffix)) return null;
  const sid = file.slice(0, file.length - suffix.length);
  return new RegExp(`^${prefix}[0-9a-f]{32}$`).test(sid) ? sid : null;
}

export const notFound = (request: FastifyRequest) =>
  new TwilioError(20404, 404, `The requested resource ${request.url.split('?')[0].replace(/^\/simulator\/twilio/, '')} was not found`);
