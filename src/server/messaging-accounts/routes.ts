import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { requireRole } from '../auth/plugin.js';
import { AccountView, CreateAccountBody, CreateNumberBody, NumberView, UpdateAccountBody, UpdateNumberBody } from './schema.js';
import { createAccount, deleteAccount, getAccount, updateAccount } from './manage-accounts.js';
import { addNumber, removeNumber, updateNumber } from './manage-numbers.js';
import { listAccountRows, listNumbers, presentAccount } from './store.js';
import { validateAccount } from './validate-account.js';

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const NumberParams = Type.Object({ id: Type.String({ format: 'uuid' }), numberId: Type.String({ format: 'uuid' }) });
const tags = ['messaging accounts'];

export const messagingAccountRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { ctx } = app;

  app.get('/messaging-accounts', { schema: { tags, response: { 200: Type.Object({ items: Type.Array(AccountView) }) } } }, async (request) => {
    requireRole(request, 'admin', 'supervisor');
    const rows = await listAccountRows(ctx.db);
    const numbers = await listNumbers(ctx.db, rows.map((r) => r.id));
    return { items: rows.map((r) => presentAccount(ctx.config, r, numbers)) };
  });

  app.post('/messaging-accounts', { schema: { tags, body: CreateAccountBody, response: { 201: AccountView } } }, async (request, reply) => {
    requireRole(request, 'admin');
    return reply.status(201).send(await createAccount(ctx, request.body));
  });

  app.get('/messaging-accounts/:id', { schema: { tags, params: IdParams, response: { 200: AccountView } } }, async (request) => {
    requireRole(request, 'admin', 'supervisor');
    return getAccount(ctx, request.params.id);
  });

  app.patch('/messaging-accounts/:id', { schema: { tags, params: IdParams, body: UpdateAccountBody, response: { 200: AccountView } } }, async (request) => {
    requireRole(request, 'admin');
    return updateAccount(ctx, request.params.id, request.body);
  });

  app.delete('/messaging-accounts/:id', { schema: { tags, params: IdParams } }, async (request, reply) => {
    requireRole(request, 'admin');
    await deleteAccount(ctx, request.params.id);
    return reply.status(204).send();
  });

  app.post(
    '/messaging-accounts/:id/validate',
    {
      schema: {
        tags,
        params: IdParams,
        response: {
          200: Type.Object({
            ok: Type.Boolean(),
            message: Type.String(),
            code: Type.Optional(Type.Integer()),
            friendlyName: Type.Optional(Type.String()),
          }),
        },
      },
    },
    async (request) => {
      requireRole(request, 'admin');
      return validateAccount(ctx, request.params.id);
    },
  );

  app.post('/messaging-accounts/:id/numbers', { schema: { tags, params: IdParams, body: CreateNumberBody, response: { 201: NumberView } } }, async (request, reply) => {
    requireRole(request, 'admin');
    return reply.status(201).send(await addNumber(ctx, request.params.id, request.body));
  });

  app.patch('/messaging-accounts/:id/numbers/:numberId', { schema: { tags, params: NumberParams, body: UpdateNumberBody, response: { 200: NumberView } } }, async (request) => {
    requireRole(request, 'admin');
    return updateNumber(ctx, request.params.id, request.params.numberId, request.body);
  });

  app.delete('/messaging-accounts/:id/numbers/:numberId', { schema: { tags, params: NumberParams } }, async (request, reply) => {
    requireRole(request, 'admin');
    await removeNumber(ctx, request.params.id, request.params.numberId);
    return reply.status(204).send();
  });
};
