import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
import { findSessionUser, type SessionUser } from './sessions.js';
import { ForbiddenError, UnauthorizedError } from '../http/errors.js';
import type { Role } from '../db/schema.js';

export const SESSION_COOKIE = 'sb_session';
/** Cookie-authenticated writes must carry this header: a cross-site form cannot set it (CSRF). */
export const CSRF_HEADER = 'x-switchboard-csrf';

declare module 'fastify' {
  interface FastifyRequest {
    user: SessionUser | null;
    authVia: 'bearer' | 'cookie' | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function sessionTokenOf(request: FastifyRequest): { token: string; via: 'bearer' | 'cookie' } | null {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return { token: header.slice(7).trim(), via: 'bearer' };
  const cookie = request.cookies[SESSION_COOKIE];
  return cookie ? { token: cookie, via: 'cookie' } : null;
}

/** Resolves the caller from a Bearer token or the session cookie, on /api routes only. */
export const authPlugin = fp(async (app) => {
  app.decorateRequest('user', null);
  app.decorateRequest('authVia', null);
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    const found = sessionTokenOf(request);
    if (!found) return;
    const user = await findSessionUser(app.ctx.db, found.token, app.ctx.now());
    if (!user) return;
    if (found.via === 'cookie' && !SAFE_METHODS.has(request.method) && request.headers[CSRF_HEADER] !== '1') {
      throw new ForbiddenError(`Cookie-authenticated requests that change data must send the ${CSRF_HEADER} header.`);
    }
    request.user = user;
    request.authVia = found.via;
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
