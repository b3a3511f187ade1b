import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { AccountLockedError, logIn } from './log-in.js';
import { createLoginThrottle } from './login-throttle.js';
import { DomainError, UnauthorizedError } from '../http/errors.js';
import { deleteSession, sessionHash } from './sessions.js';
import { refuseCrossSite } from '../http/same-origin.js';
import { CLOSE_SIGNED_OUT, endUserSockets } from '../realtime/end-sockets.js';
import type { FastifyRequest } from 'fastify';
import { SESSION_COOKIE, sessionTokenOf } from './plugin.js';
import { RoleSchema } from '../users/schema.js';

const LoginBody = Type.Object(
  { email: Type.String({ minLength: 3, maxLength: 254 }), password: Type.String({ minLength: 1, maxLength: 200 }) },
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
  const throttle = createLoginThrottle();
  const signIn = async (client: string, email: string, password: string) => {
    const now = app.ctx.now();
    throttle.assertAllowed(client, now);
    try {
      return await logIn(app.ctx.db, email, password, now);
    } catch (err) {
      if (err instanceof UnauthorizedError || err instanceof AccountLockedError) throttle.recordFailure(client, now);
      throw err;
    }
  };

  app.post('/auth/login', { config: { public: true }, onRequest: sameSiteJsonOnly, schema: { tags: ['auth'], body: LoginBody, response: { 200: LoginResponse } } }, async (request, reply) => {
    const { token, expiresAt, user } = await signIn(request.ip, request.body.email, request.body.password);
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
