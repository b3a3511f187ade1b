import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { approvalResource, contentResource } from './resources.js';
import type { Simulator } from './simulator.js';
import { findContent, listContents } from './store.js';
import { authenticate, notFound } from './twilio-auth.js';
import { TwilioError } from './twilio-errors.js';
import { createContent } from './provision.js';

const tags = ['simulator: Twilio Content API'];
const SidParams = Type.Object({ Sid: Type.String() });
const ContentTypes = Type.Record(Type.String({ pattern: '^(twilio|whatsapp)/[a-z-]+$' }), Type.Object({}, { additionalProperties: true }), {
  description: 'Content types, e.g. {"twilio/text": {"body": "Hello {{1}}"}}',
});
const ContentCreateRequest = Type.Object({
  friendly_name: Type.Optional(Type.String({ maxLength: 200 })),
  language: Type.String({ minLength: 2, maxLength: 10 }),
  variables: Type.Optional(Type.Record(Type.String(), Type.String())),
  types: ContentTypes,
});

/** Twilio's Content API (content.twilio.com/v1 for real accounts) under /simulator/twilio/v1. */
export function contentRoutes(sim: Simulator): FastifyPluginAsyncTypebox {
  return async (app) => {
    const owned = async (request: Parameters<typeof authenticate>[1], sid: string) => {
      const account = await authenticate(sim, request);
      const content = await findContent(sim.db, sid);
      if (!content || content.account_sid !== account.sid) throw notFound(request);
      return content;
    };

    app.get('/v1/Content', { schema: { tags, summary: 'List Content templates', querystring: Type.Object({ PageSize: Type.Optional(Type.String()), Page: Type.Optional(Type.String()), PageToken: Type.Optional(Type.String()) }) } }, async (request) => {
      const account = await authenticate(sim, request);
      const size = Number(request.query.PageSize ?? 50);
      const page = Number(request.query.Page ?? 0);
      if (!Number.isInteger(size) || size < 1 || size > 1000 || !Number.isInteger(page) || page < 0) {
        throw new TwilioError(20422, 400, 'Invalid Parameter: PageSize must be 1 to 1000 and Page 0 or more.');
      }
      const rows = await listContents(sim.db, account.sid, { size, offset: page * size });
      const pageUrl = (n: number) => `${sim.apiBase()}/v1/Content?PageSize=${size}&Page=${n}${n > 0 ? `&PageToken=PT${n}` : ''}`;
      return {
        contents: rows.slice(0, size).map((c) => contentResource(sim.apiBase(), c)),
        meta: {
          first_page_url: pageUrl(0),
          key: 'contents',
          next_page_url: rows.length > size ? pageUrl(page + 1) : null,
          page,
          page_size: size,
          previous_page_url: page > 0 ? pageUrl(page - 1) : null,
          url: pageUrl(page),
        },
      };
    });

    app.post('/v1/Content', { schema: { tags, summary: 'Create a Content template (approved at once in the simulator)', body: ContentCreateRequest } }, async (request, reply) => {
      const account = await authenticate(sim, request);
      const { friendly_name, language, variables, types } = request.body;
      if (!Object.keys(types).length) throw new TwilioError(20422, 400, 'Invalid Parameter: types needs at least one content type.');
      const content = await createContent(sim.db, { accountSid: account.sid, friendlyName: friendly_name ?? '', language, variables: variables ?? {}, types });
      return reply.status(201).send(contentResource(sim.apiBase(), content));
    });

    app.get('/v1/Content/:Sid', { schema: { tags, summary: 'Fetch a Content template', params: SidParams } }, async (request) =>
      contentResource(sim.apiBase(), await owned(request, request.params.Sid)),
    );

    app.delete('/v1/Content/:Sid', { schema: { tags, summary: 'Delete a Content template', params: SidParams } }, async (request, reply) => {
      const content = await owned(request, request.params.Sid);
      await sim.db.deleteFrom('sim_contents').where('sid', '=', content.sid).execute();
      return reply.status(204).send();
    });

    app.get('/v1/Content/:Sid/ApprovalRequests', { schema: { tags, summary: 'WhatsApp approval status', params: SidParams } }, async (request) =>
      approvalResource(sim.apiBase(), await owned(request, request.params.Sid)),
    );
  };
}
