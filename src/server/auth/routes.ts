import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { AccountLockedError, logIn } from './log-in.js';
import { createLoginThrottle } from './login-throttle.js';
import { UnauthorizedError } from '../http/errors.js';
import { deleteSession } from './sessions.js';
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

  app.post('/auth/login', { config: { public: true }, schema: { tags: ['auth'], body: LoginBody, response: { 200: LoginResponse } } }, async (request, reply) => {
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
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send();
  });
};
