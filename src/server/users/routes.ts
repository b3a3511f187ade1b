import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { requireRole, requireUser, sessionTokenOf } from '../auth/plugin.js';
import { ChangePasswordBody, CreateUserBody, PresenceSchema, UpdateUserBody, UserView } from './schema.js';
import { findUser, listUsers } from './store.js';
import { createUser } from './create-user.js';
import { updateUser } from './update-user.js';
import { removeUser, userImpact } from './remove-user.js';
import { Impact, Removal } from '../lifecycle/impact.js';
import { changeOwnPassword } from './change-password.js';
import { NotFoundError } from '../http/errors.js';
import { setPresence } from './set-presence.js';
import { assignForAgent, assignSafely } from '../routing/assign-work.js';
import { recordAudit } from '../audit/record-audit.js';
import { changesBetween, settingsOf } from '../audit/changes.js';
import { loadWorkItems } from '../routing/store.js';
import { capacityInUse } from '../routing/capacity.js';

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

export const userRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.ctx;

  app.get('/users', { schema: { tags: ['users'], response: { 200: Type.Object({ items: Type.Array(UserView) }) } } }, async (request) => {
    requireRole(request, 'admin', 'supervisor');
    return { items: await listUsers(db) };
  });

  app.post('/users', { schema: { tags: ['users'], body: CreateUserBody, response: { 201: UserView } } }, async (request, reply) => {
    const me = requireRole(request, 'admin');
    const user = await createUser(db, request.body);
    await recordAudit(db, me, { verb: 'created', entityType: 'user', entityId: user.id, entityName: user.email, changes: settingsOf(request.body) });
    return reply.status(201).send(user);
  });

  app.get('/users/:id', { schema: { tags: ['users'], params: IdParams, response: { 200: UserView } } }, async (request) => {
    const me = requireUser(request);
    if (me.id !== request.params.id) requireRole(request, 'admin', 'supervisor');
    const user = await findUser(db, request.params.id);
    if (!user) throw new NotFoundError('The user');
    return user;
  });

  app.patch(
    '/users/:id',
    {
      schema: {
        tags: ['users'],
        params: IdParams,
        body: UpdateUserBody,
        description: 'Change a user. The last active admin cannot be demoted or deactivated (409 LAST_ADMIN).',
        response: { 200: UserView },
      },
    },
    async (request) => {
      const me = requireRole(request, 'admin');
      const { before, after } = await updateUser(app.ctx, { ...me, token: sessionTokenOf(request)?.token }, request.params.id, request.body);
      // Reactivated, more capacity or new skills: waiting work may now reach this agent.
      if (!after.disabled && (request.body.capacity !== undefined || request.body.skills || request.body.capacityProfiles || before.disabled)) {
        const reason = before.disabled ? 'agent reactivated' : 'capacity or skills changed';
        await assignSafely(app.ctx, () => assignForAgent(app.ctx, after.id, reason));
      }
      const verb = after.disabled === before.disabled ? 'updated' : after.disabled ? 'deactivated' : 'reactivated';
      await recordAudit(db, me, { verb, entityType: 'user', entityId: after.id, entityName: after.email, changes: changesBetween(before, after, request.body) });
      return after;
    },
  );

  app.get(
    '/users/:id/impact',
    { schema: { tags: ['users'], params: IdParams, description: 'What removing the user would do: deactivate (people stay named in history) or refused (the last active admin), and what it affects.', response: { 200: Impact } } },
    async (request) => {
      requireRole(request, 'admin');
      return userImpact(db, request.params.id);
    },
  );

  app.delete(
    '/users/:id',
    {
      schema: {
        tags: ['users'],
        params: IdParams,
        description: 'Deactivates the user: sign-in refused, sessions ended, no new work, held conversations back to their queues. 409 LAST_ADMIN or USER_DEACTIVATED.',
        response: { 200: Removal },
      },
    },
    async (request) => {
      const me = requireRole(request, 'admin');
      const { before, after } = await removeUser(app.ctx, { ...me, token: sessionTokenOf(request)?.token }, request.params.id);
      await recordAudit(db, me, { verb: 'deactivated', entityType: 'user', entityId: after.id, entityName: after.email, changes: changesBetween(before, after, { disabled: true }) });
      return { outcome: 'deactivated' as const };
    },
  );

  app.post(
    '/me/password',
    {
      schema: {
        tags: ['users'],
        body: ChangePasswordBody,
        description: 'Change your own password (the current one must be right; the new one follows the rules of a first password). Every other session of yours ends.',
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      const me = requireUser(request);
      await changeOwnPassword(app.ctx, me, sessionTokenOf(request)!.token, request.body);
      return reply.status(204).send(null);
    },
  );

  app.get('/me', { schema: { tags: ['users'], response: { 200: UserView } } }, async (request) => {
    const me = requireUser(request);
    return (await findUser(db, me.id))!;
  });

  app.get(
    '/people',
    {
      schema: {
        tags: ['users'],
        description:
          'Colleagues any signed-in user may name in a transfer or a consult: id, name, role, presence and load (capacity units held now and in total), so the one handing over can see who has room. No emails.',
        response: {
          200: Type.Object({
            items: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), role: Type.String(), presence: Type.String(), used: Type.Integer(), capacity: Type.Integer() })),
          }),
        },
      },
    },
    async (request) => {
      requireUser(request);
      const users = await listUsers(db, { activeOnly: true });
      const work = await loadWorkItems(db, users.map((u) => u.id));
      const now = app.ctx.now();
      return { items: users.map(({ id, name, role, presence, capacity }) => ({ id, name, role, presence, used: capacityInUse(work.get(id) ?? [], now).units, capacity })) };
    },
  );

  app.get(
    '/me/capacity',
    { schema: { tags: ['users'], description: 'Capacity units the caller holds now (Active, Wrap-up per the workstream, pending offers) and their total.', response: { 200: Type.Object({ used: Type.Integer(), total: Type.Integer() }) } } },
    async (request) => {
      const me = requireUser(request);
      const [user, items] = await Promise.all([findUser(db, me.id), loadWorkItems(db, [me.id])]);
      return { used: capacityInUse(items.get(me.id) ?? [], app.ctx.now()).units, total: user!.capacity };
    },
  );

  app.put(
    '/me/presence',
    { schema: { tags: ['users'], body: Type.Object({ presence: PresenceSchema }, { additionalProperties: false }), response: { 200: UserView } } },
    async (request) => {
      const me = requireUser(request);
      return setPresence(app.ctx, me.id, request.body.presence);
    },
  );
};
