import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Carrier } from './carrier.js';
import { createMessage, type MessageForm } from './create-message.js';
import { signedCdnUrl } from './cdn.js';
import { accountResource, mediaResource, messageResource } from './resources.js';
import { pause, type Simulator } from './simulator.js';
import { deleteMedia, findMessage, listMessages, mediaOf, redactMessageBody, type MessageFilter } from './store.js';
import { authenticate, notFound, sidFromFile } from './twilio-auth.js';
import { TwilioError } from './twilio-errors.js';

const tags = ['simulator: Twilio REST API'];
const Text = Type.Optional(Type.String());
const MessageCreateForm = Type.Object({
  To: Text,
  From: Text,
  MessagingServiceSid: Text,
  Body: Text,
  MediaUrl: Type.Optional(Type.Union([Type.String(), Type.Array(Type.String(), { maxItems: 50 })])),
  ContentSid: Text,
  ContentVariables: Text,
  StatusCallback: Text,
});
const MessageListQuery = Type.Object({
  To: Text,
  From: Text,
  DateSent: Text,
  'DateSent<': Text,
  'DateSent>': Text,
  PageSize: Text,
  Page: Text,
  PageToken: Text,
});
const AccountParams = Type.Object({ AccountSid: Type.String() });
const MessageUpdateForm = Type.Object({ Body: Text, Status: Text });
const MessageParams = Type.Object({ AccountSid: Type.String(), messageFile: Type.String() });
const MediaParams = Type.Object({ AccountSid: Type.String(), MessageSid: Type.String(), mediaFile: Type.String() });
const MediaListQuery = Type.Object({ PageSize: Text, Page: Text, PageToken: Text, DateCreated: Text, 'DateCreated<': Text, 'DateCreated>': Text });

/**
 * The fake Twilio's REST API (Accounts, Messages, Media) under /simulator/twilio/2010-04-01:
 * Basic auth, Twilio's validation and error codes, answers shaped as Twilio's OpenAPI documents
 * say, and the faults the settings ask for.
 */
export function twilioRestRoutes(sim: Simulator, carrier: Carrier): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get('/2010-04-01/Accounts/:accountFile', { schema: { tags, summary: 'Fetch an account', params: Type.Object({ accountFile: Type.String() }) } }, async (request) => {
      const sid = sidFromFile(request.params.accountFile, 'AC');
      if (!sid) throw notFound(request);
      return accountResource(await authenticate(sim, request, sid));
    });

    app.post('/2010-04-01/Accounts/:AccountSid/Messages.json', { schema: { tags, summary: 'Send a message', params: AccountParams, body: MessageCreateForm } }, async (request, reply) => {
      const account = await authenticate(sim, request, request.params.AccountSid);
      const created = await createMessage(sim, account, request.body as MessageForm);
      await sim.publish(created.message);
      const delivery = carrier.deliver(created.message, created.steps);
      if (sim.settings.get().callbacksBeforeAnswer) await delivery;
      const fault = created.afterAccept;
      if (fault?.kind === 'error-after-accept') throw new TwilioError(20500, 500, fault.message);
      if (fault?.kind === 'drop-after-accept' || fault?.kind === 'timeout-after-accept') {
        // The message exists, but the caller never learns it: exactly what reconciliation is for.
        reply.hijack();
        if (fault.kind === 'timeout-after-accept') await pause(fault.hangMs ?? 20_000, sim.signal);
        request.raw.socket.destroy();
        return reply;
      }
      return reply.status(201).send(messageResource(created.message));
    });

    app.get('/2010-04-01/Accounts/:AccountSid/Messages.json', { schema: { tags, summary: 'List messages', params: AccountParams, querystring: MessageListQuery } }, async (request) => {
      const account = await authenticate(sim, request, request.params.AccountSid);
      const q = request.query;
      const size = pageNumber(q.PageSize, 50, 1, 1000, 'PageSize');
      const page = pageNumber(q.Page, 0, 0, 100_000, 'Page');
      const filter: MessageFilter = {
        to: q.To,
        from: q.From,
        sentOn: dateFilter(q.DateSent, 'DateSent'),
        sentBefore: dateFilter(q['DateSent<'], 'DateSent<'),
        sentAfter: dateFilter(q['DateSent>'], 'DateSent>'),
      };
      const rows = await listMessages(sim.db, account.sid, filter, { size, offset: page * size });
      const messages = rows.slice(0, size).map(messageResource);
      const path = `/2010-04-01/Accounts/${account.sid}/Messages.json`;
      const pageUri = (n: number) => {
        const params = new URLSearchParams();
        for (const key of ['To', 'From', 'DateSent', 'DateSent<', 'DateSent>'] as const) if (q[key]) params.set(key, q[key]!);
        params.set('PageSize', String(size));
        params.set('Page', String(n));
        if (n > 0) params.set('PageToken', `PA${rows[0]?.sid ?? ''}`);
        return `${path}?${params}`;
      };
      return {
        end: page * size + Math.max(messages.length - 1, 0),
        first_page_uri: pageUri(0),
        messages,
        next_page_uri: rows.length > size ? pageUri(page + 1) : null,
        page,
        page_size: size,
        previous_page_uri: page > 0 ? pageUri(page - 1) : null,
        start: page * size,
        uri: pageUri(page),
      };
    });

    app.get('/2010-04-01/Accounts/:AccountSid/Messages/:messageFile', { schema: { tags, summary: 'Fetch a message', params: Type.Object({ AccountSid: Type.String(), messageFile: Type.String() }) } }, async (request) => {
      const account = await authenticate(sim, request, request.params.AccountSid);
      const sid = sidFromFile(request.params.messageFile, '(SM|MM)');
      const message = sid ? await findMessage(sim.db, sid) : undefined;
      if (!message || message.account_sid !== account.sid) throw notFound(request);
      return messageResource(message);
    });

    app.get(
      '/2010-04-01/Accounts/:AccountSid/Messages/:MessageSid/Media/:mediaFile',
      {
        schema: {
          tags,
          summary: 'Fetch media: ME….json is the Media resource; ME… redirects (302) to a signed CDN URL that needs no credentials',
          params: Type.Object({ AccountSid: Type.String(), MessageSid: Type.String(), mediaFile: Type.String() }),
        },
      },
      async (request, reply) => {
        const account = await authenticate(sim, request, request.params.AccountSid);
        const { mediaFile, MessageSid } = request.params;
        const asJson = mediaFile.endsWith('.json');
        const sid = asJson ? sidFromFile(mediaFile, 'ME') : sidFromFile(mediaFile, 'ME', '');
        const message = await findMessage(sim.db, MessageSid);
        const media = message?.account_sid === account.sid ? (await mediaOf(sim.db, [MessageSid])).get(MessageSid)?.find((m) => m.sid === sid) : undefined;
        if (!media) throw notFound(request);
        if (asJson) return mediaResource(account.sid, media);
        if (!media.has_data) throw notFound(request);
        return reply.redirect(signedCdnUrl(sim.ctx.config.publicUrl, sim.settings.cdnKey, media.sid, sim.ctx.now(), 300), 302);
      },
    );

    app.post('/2010-04-01/Accounts/:AccountSid/Messages/:messageFile', { schema: { tags, summary: "Update a message: Body='' redacts its text", params: MessageParams, body: MessageUpdateForm } }, async (request) => {
      const account = await authenticate(sim, request, request.params.AccountSid);
      const message = await ownMessage(sim, account.sid, sidFromFile(request.params.messageFile, '(SM|MM)'));
      if (!message) throw notFound(request);
      const form = request.body as { Body?: string; Status?: string };
      if (form.Status !== undefined) throw new TwilioError(20422, 400, 'Invalid Parameter: Status=canceled applies to scheduled messages, which the simulator does not have.');
      if (form.Body === undefined) throw new TwilioError(20422, 400, 'Invalid Parameter: Body or Status is required.');
      if (form.Body !== '') throw new TwilioError(20422, 400, "Invalid Parameter: Body can only be set to '' (redaction).");
      return messageResource(await redactMessageBody(sim.db, message.sid, sim.ctx.now()));
    });

    app.get('/2010-04-01/Accounts/:AccountSid/Messages/:MessageSid/Media.json', { schema: { tags, summary: "List a message's media", params: Type.Object({ AccountSid: Type.String(), MessageSid: Type.String() }), querystring: MediaListQuery } }, async (request) => {
      const account = await authenticate(sim, request, request.params.AccountSid);
      const message = await ownMessage(sim, account.sid, request.params.MessageSid);
      if (!message) throw notFound(request);
      const size = pageNumber(request.query.PageSize, 50, 1, 1000, 'PageSize');
      const page = pageNumber(request.query.Page, 0, 0, 100_000, 'Page');
      const all = (await mediaOf(sim.db, [message.sid])).get(message.sid) ?? [];
      const media = all.slice(page * size, page * size + size).map((m) => mediaResource(account.sid, m));
      const path = `/2010-04-01/Accounts/${account.sid}/Messages/${message.sid}/Media.json`;
      const pageUri = (n: number) => `${path}?PageSize=${size}&Page=${n}`;
      return {
        end: page * size + Math.max(media.length - 1, 0),
        first_page_uri: pageUri(0),
        media_list: media,
        next_page_uri: all.length > (page + 1) * size ? pageUri(page + 1) : null,
        page,
        page_size: size,
        previous_page_uri: page > 0 ? pageUri(page - 1) : null,
        start: page * size,
        uri: pageUri(page),
      };
    });

    app.delete('/2010-04-01/Accounts/:AccountSid/Messages/:MessageSid/Media/:mediaFile', { schema: { tags, summary: 'Delete a media file of a message', params: MediaParams } }, async (request, reply) => {
      const account = await authenticate(sim, request, request.params.AccountSid);
      const message = await ownMessage(sim, account.sid, request.params.MessageSid);
      const sid = sidFromFile(request.params.mediaFile, 'ME');
      if (!message || !sid || !(await deleteMedia(sim.db, message.sid, sid))) throw notFound(request);
      return reply.status(204).send();
    });

    // Twilio answers any other path under its API with its JSON 404, never a web page (its API
    // takes GET, POST and DELETE only); a caller without the account's credentials learns nothing.
    app.route({ method: ['GET', 'POST', 'DELETE'], url: '/*', schema: { hide: true }, handler: async (request) => {
      await authenticate(sim, request);
      throw notFound(request);
    } });
  };
}

/** The message, when it exists and belongs to this account (another account's is as good as missing). */
async function ownMessage(sim: Simulator, accountSid: string, sid: string | null) {
  const message = sid ? await findMessage(sim.db, sid) : undefined;
  return message?.account_sid === accountSid ? message : undefined;
}

function pageNumber(raw: string | undefined, fallback: number, min: number, max: number, name: string): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new TwilioError(20422, 400, `Invalid Parameter: ${name} must be a whole number from ${min} to ${max}.`);
  return n;
}

/** DateSent filters take a day (YYYY-MM-DD, in GMT) or a full date and time. */
function dateFilter(raw: string | undefined, name: string): Date | undefined {
  if (!raw) return undefined;
  const value = /^\d{4}-\d{2}-\d{2}$/.test(raw) ? `${raw}T00:00:00Z` : raw;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new TwilioError(20422, 400, `Invalid Parameter: ${name} must be a date such as 2025-01-31.`);
  return date;
}
