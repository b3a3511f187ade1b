import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { requireUser } from '../auth/plugin.js';
import { ContactView, UpdateContactBody } from './schema.js';
import { loadContact, updateContact } from './update-contact.js';

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const tags = ['contacts'];

export const contactRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { ctx } = app;

  app.get('/contacts/:id', { schema: { tags, params: IdParams, response: { 200: ContactView } } }, async (request) =>
    loadContact(ctx.db, requireUser(request), request.params.id),
  );

  app.patch(
    '/contacts/:id',
    { schema: { tags, params: IdParams, body: UpdateContactBody, description: "Edit the customer's name, language and attributes.", response: { 200: ContactView } } },
    async (request) => updateContact(ctx, requireUser(request), request.params.id, request.body),
  );
};
