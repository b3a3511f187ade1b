import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { logIn } from './log-in.js';
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
  app.post('/auth/login', { schema: { tags: ['auth'], body: LoginBody, response: { 200: LoginResponse } } }, async (request, reply) => {
    const { token, expiresAt, user } = await logIn(app.ctx.db, request.body.email, request.body.password, app.ctx.now());
    reply.setCookie(SESSION_COOKIE, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'strict',
      secure: app.ctx.config.secureCookies,
      expires: expiresAt,
    });
    return { token, user };
  });

  app.post('/auth/logout', { schema: { tags: ['auth'] } }, async (request, reply) => {
    const found = sessionTokenOf(request);
    if (found) await deleteSession(app.ctx.db, found.token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send();
  });
};
