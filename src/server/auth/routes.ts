import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import rateLimit, { normalizeIP } from '@fastify/rate-limit';
import { logIn } from './log-in.js';
import { LoginThrottledError, SignInRefusedError } from './sign-in-limits.js';
import { DomainError } from '../http/errors.js';
import { deleteSession, sessionHash } from './sessions.js';
import { refuseCrossSite } from '../http/same-origin.js';
import { CLOSE_SIGNED_OUT, endUserSockets } from '../realtime/end-sockets.js';
import type { FastifyRequest } from 'fastify';
import { SESSION_COOKIE, sessionTokenOf } from './plugin.js';
import { RoleSchema } from '../users/schema.js';
import { applySignInPresence } from '../users/sign-in-presence.js';

const LoginBody = Type.Object(
  // No control characters: the e-mail is a key of the sign-in counters, and PostgreSQL text holds no NUL.
  { email: Type.String({ minLength: 3, maxLength: 254, pattern: '^[^\\u0000-\\u001f\\u007f]+$' }), password: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);
const LoginResponse = Type.Object({
  token: Type.String(),
  user: Type.Object({ id: Type.String(), email: Type.String(), name: Type.String(), role: RoleSchema, language: Type.String() }),
});

/**
 * Signing in from another site's page (a form posted cross-site, so the victim works in the
 * attacker's account) is refused: the body must be JSON, which a cross-site form cannot send
 * without a preflight, and a browser's Origin must be ours.
 */
async function sameSiteJsonOnly(request: FastifyRequest) {
  const type = request.headers['content-type']?.split(';')[0].trim().toLowerCase();
  if (type !== 'application/json') throw new DomainError('UNSUPPORTED_MEDIA_TYPE', 'Sign in with a JSON body (Content-Type: application/json).', 415);
  refuseCrossSite(request, request.server.ctx.config, 'Signing in');
}

export const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { config } = app.ctx;
  // Floods from one address stop here, in memory, before any database work; the limits that
  // count are the database's (log-in.ts), which hold across processes.
  await app.register(rateLimit, {
    global: false,
    addHeadersOnExceeding: { 'x-ratelimit-limit': false, 'x-ratelimit-remaining': false, 'x-ratelimit-reset': false },
    errorResponseBuilder: (_request, context) => new LoginThrottledError(new Date(Date.now() + context.ttl), new Date()),
  });
  const rateLimitConfig = config.loginRateLimit > 0 ? { rateLimit: { max: config.loginRateLimit, timeWindow: 60_000 } } : {};

  app.post('/auth/login', { config: { public: true, ...rateLimitConfig }, onRequest: sameSiteJsonOnly, schema: { tags: ['auth'], body: LoginBody, response: { 200: LoginResponse } } }, async (request, reply) => {
    // An IPv6 client usually holds a whole /64, so its addresses count as one (as in the flood guard).
    const attempt = { ...request.body, client: normalizeIP(request.ip), now: app.ctx.now(), addressLimit: config.loginAddressLimit };
    const { token, expiresAt, user } = await logIn(app.ctx.db, attempt).catch((err: unknown) => {
      if (err instanceof SignInRefusedError) reply.header('retry-after', String(err.retryAfterSeconds));
      throw err;
    });
    await applySignInPresence(app.ctx, user.id);
    reply.setCookie(SESSION_COOKIE, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'strict',
      secure: app.ctx.config.secureCookies,
      expires: expiresAt,
    });
    return { token, user };
  });

  app.post('/auth/logout', { config: { public: true }, schema: { tags: ['auth'] } }, async (request, reply) => {
    const found = sessionTokenOf(request);
    if (found) await deleteSession(app.ctx.db, found.token);
    // The session's open sockets stop streaming too, on whichever process holds them.
    if (found && request.user) endUserSockets(app.ctx.events, { userId: request.user.id, sessions: [sessionHash(found.token)], code: CLOSE_SIGNED_OUT, reason: 'Signed out.' });
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send();
  });
};
