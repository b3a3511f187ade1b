import type { FastifyRequest } from 'fastify';
import type { Config } from '../config.js';
import { ForbiddenError } from './errors.js';

/**
 * Is `origin` one our own pages are served from: PUBLIC_URL's, one of ALLOWED_ORIGINS, or the
 * address the request itself was sent to (its Host), as when the app is opened by a LAN address
 * PUBLIC_URL does not name? A page on another site cannot choose the Host its browser sends.
 */
export function isOwnOrigin(origin: string, request: FastifyRequest, config: Pick<Config, 'publicUrl' | 'allowedOrigins'>): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.origin === new URL(config.publicUrl).origin || config.allowedOrigins.includes(url.origin)) return true;
  return request.headers.host !== undefined && url.host === request.headers.host;
}

/**
 * Refuses a request a browser sent from another site's page: its Origin is not ours, or the
 * browser says so in Sec-Fetch-Site. Callers that are not browsers send neither and pass.
 */
export function refuseCrossSite(request: FastifyRequest, config: Pick<Config, 'publicUrl' | 'allowedOrigins'>, what: string): void {
  const origin = request.headers.origin;
  const fetchSite = request.headers['sec-fetch-site'];
  const foreign = origin !== undefined ? !isOwnOrigin(origin, request, config) : fetchSite === 'cross-site';
  if (foreign) throw new ForbiddenError(`${what} is only accepted from Switchboard's own pages (origin ${origin ?? 'of another site'} is not allowed; see ALLOWED_ORIGINS).`);
}
