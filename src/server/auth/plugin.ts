import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
import { findSessionUser, type SessionUser } from './sessions.js';
import { ForbiddenError, UnauthorizedError } from '../http/errors.js';
import type { Role } from '../db/schema.js';

export const SESSION_COOKIE = 'sb_session';
/** Cookie-authenticated writes must carry this header: a cross-site form cannot set it (CSRF). */
export const CSRF_HEADER = 'x-switchboard-csrf';

/** Routes under this prefix need a session unless they are marked `config: { public: true }`. */
export const API_PREFIX = '/api/v1/';
/**
 * The simulator's customer phone and console: closed like the API. Its fake Twilio (Basic auth
 * with the simulated account) and media CDN (signed links) answer without a session.
 */
export const SIMULATOR_API_PREFIX = '/simulator/api/';
const SESSION_PREFIXES = [API_PREFIX, SIMULATOR_API_PREFIX];
/** Listed in `apiRoutes`, so the access matrix covers every route a caller can reach. */
const LISTED_PREFIXES = [API_PREFIX, SIMULATOR_API_PREFIX, '/simulator/twilio/', '/simulator/cdn/'];
const under = (url: string, prefixes: string[]) => prefixes.some((prefix) => url.startsWith(prefix));

export type ApiRoute = { method: string; url: string; public: boolean };

declare module 'fastify' {
  interface FastifyRequest {
    user: SessionUser | null;
    authVia: 'bearer' | 'cookie' | null;
  }
  interface FastifyInstance {
    /** Every API and simulator route as registered, with whether it answers without a session (the access matrix test walks it). */
    apiRoutes: ApiRoute[];
  }
  interface FastifyContextConfig {
    /** Answers callers without a session: signing in and out, and the WebSocket (which checks its own token). */
    public?: boolean;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function sessionTokenOf(request: FastifyRequest): { token: string; via: 'bearer' | 'cookie' } | null {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return { token: header.slice(7).trim(), via: 'bearer' };
  const cookie = request.cookies[SESSION_COOKIE];
  return cookie ? { token: cookie, via: 'cookie' } : null;
}

/**
 * Resolves the caller from a Bearer token or the session cookie, on /api routes only. API routes
 * are closed by default: without a session the answer is 401 before the body is even validated,
 * unless the route is marked public. Handlers still check roles (requireRole, the policies).
 */
export const authPlugin = fp(async (app) => {
  app.decorateRequest('user', null);
  app.decorateRequest('authVia', null);
  const apiRoutes: ApiRoute[] = [];
  app.decorate('apiRoutes', apiRoutes);
  app.addHook('onRoute', (route) => {
    if (!under(route.url, LISTED_PREFIXES)) return;
    const isPublic = route.config?.public === true || !under(route.url, SESSION_PREFIXES);
    for (const method of [route.method].flat()) apiRoutes.push({ method, url: route.url, public: isPublic });
  });
  app.addHook('onRequest', async (request) => {
    // By the route matched as well as the path asked for, so no spelling of a path slips past.
    const closed = !request.is404 && !request.routeOptions.config.public && [request.url, request.routeOptions.url ?? ''].some((url) => under(url, SESSION_PREFIXES));
    if (!request.url.startsWith('/api/') && !closed) return;
    const found = sessionTokenOf(request);
    const user = found ? await findSessionUser(app.ctx.db, found.token, app.ctx.now()) : null;
    if (found && user) {
      if (found.via === 'cookie' && !SAFE_METHODS.has(request.method) && request.headers[CSRF_HEADER] !== '1') {
        throw new ForbiddenError(`Cookie-authenticated requests that change data must send the ${CSRF_HEADER} header.`);
      }
      request.user = user;
      request.authVia = found.via;
      return;
    }
    if (closed) throw new UnauthorizedError();
  });
});

export function requireUser(request: FastifyRequest): SessionUser {
  if (!request.user) throw new UnauthorizedError();
  return request.user;
}

export function requireRole(request: FastifyRequest, ...roles: Role[]): SessionUser {
  const user = requireUser(request);
  if (!roles.includes(user.role)) throw new ForbiddenError(`This needs the role ${roles.join(' or ')}.`);
  return user;
}

export const isSupervisorOrAdmin = (user: SessionUser) => user.role === 'admin' || user.role === 'supervisor';
