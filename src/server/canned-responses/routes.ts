import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { requireUser } from '../auth/plugin.js';
import { CannedResponseView, CreateCannedResponseBody, UpdateCannedResponseBody } from './schema.js';
import { listCannedResponsesFor, presentCannedResponse } from './store.js';
import { createCannedResponse, deleteCannedResponse, updateCannedResponse } from './manage-canned-responses.js';

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const tags = ['canned-responses'];

/** Quick replies: the team's shared ones (admins and supervisors manage them) and each user's personal ones. */
export const cannedResponseRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { ctx } = app;
  app.get(
    '/canned-responses',
    { schema: { tags, description: "The shared quick replies and the caller's personal ones.", response: { 200: Type.Object({ items: Type.Array(CannedResponseView) }) } } },
    async (request) => {
      const user = requireUser(request);
      return { items: (await listCannedResponsesFor(ctx.db, user.id)).map(presentCannedResponse) };
    },
  );
  app.post('/canned-responses', { schema: { tags, body: CreateCannedResponseBody, response: { 201: CannedResponseView } } }, async (request, reply) =>
    reply.status(201).send(await createCannedResponse(ctx, requireUser(request), request.body)),
  );
  app.patch('/canned-responses/:id', { schema: { tags, params: IdParams, body: UpdateCannedResponseBody, response: { 200: CannedResponseView } } }, async (request) =>
    updateCannedResponse(ctx, requireUser(request), request.params.id, request.body),
  );
  app.delete('/canned-responses/:id', { schema: { tags, params: IdParams } }, async (request, reply) => {
    await deleteCannedResponse(ctx, requireUser(request), request.params.id);
    return reply.status(204).send();
  });
};
