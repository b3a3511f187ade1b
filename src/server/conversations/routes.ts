import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { requireUser } from '../auth/plugin.js';
import { ValidationError } from '../http/errors.js';
import { AddNoteBody, ConversationListView, ConversationView, EventView, NoteView, ListConversationsQuery, MessageView, ReadMarkBody, ReadMarkView, SendMessageBody, WrapUpBody } from './schema.js';
import { loadConversationViews, loadMessageViews } from './present.js';
import { listConversations } from './list-conversations.js';
import { loadVisibleConversation } from './policy.js';
import { sendAgentMessage, type SendInput, type UploadedFile } from './send-message.js';
import { changeConversationState, pickConversation } from './change-state.js';
import { addNote, listNotes } from './add-note.js';
import { retryMessage } from './retry-message.js';
import { markConversationRead } from './mark-read.js';
import { assertStorableText } from '../http/text-guard.js';

const uploads = new WeakMap<FastifyRequest, UploadedFile[]>();
const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const MessageParams = Type.Object({ id: Type.String({ format: 'uuid' }), messageId: Type.String({ format: 'uuid' }) });
const tags = ['conversations'];

export const conversationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { ctx } = app;

  app.get(
    '/conversations',
    {
      schema: {
        tags,
        querystring: ListConversationsQuery,
        description: 'Conversations the caller may see, filtered by state, queue, channel, assignee or participant; q searches names, numbers and message text (each result names its matching message); view=closed pages through closed conversations.',
        response: { 200: ConversationListView },
      },
    },
    async (request) => listConversations(ctx, requireUser(request), request.query),
  );

  app.get('/conversations/:id', { schema: { tags, params: IdParams, response: { 200: ConversationView } } }, async (request) => {
    const user = requireUser(request);
    await loadVisibleConversation(ctx.db, user, request.params.id);
    const [view] = await loadConversationViews(ctx.db, { ids: [request.params.id], viewerId: user.id }, ctx.now());
    return view;
  });

  app.post(
    '/conversations/:id/read',
    {
      schema: { tags, params: IdParams, body: ReadMarkBody, description: 'The caller has seen the conversation up to a message (the newest when none is named); unread counts start after it. The mark never moves back.', response: { 200: ReadMarkView } },
      // The body is optional: no body marks the newest message.
      preValidation: async (request) => {
        request.body ??= {};
      },
    },
    async (request) => markConversationRead(ctx, requireUser(request), request.params.id, request.body.messageId),
  );

  app.get('/conversations/:id/messages', { schema: { tags, params: IdParams, response: { 200: Type.Object({ items: Type.Array(MessageView) }) } } }, async (request) => {
    const user = requireUser(request);
    await loadVisibleConversation(ctx.db, user, request.params.id);
    return { items: await loadMessageViews(ctx.db, { conversationId: request.params.id }) };
  });

  app.get('/conversations/:id/timeline', { schema: { tags, params: IdParams, response: { 200: Type.Object({ items: Type.Array(EventView) }) } } }, async (request) => {
    const user = requireUser(request);
    await loadVisibleConversation(ctx.db, user, request.params.id);
    const rows = await ctx.db.selectFrom('conversation_events').selectAll().where('conversation_id', '=', request.params.id).orderBy('id').execute();
    return { items: rows.map((r) => ({ id: Number(r.id), type: r.type, actorUserId: r.actor_user_id, data: r.data, createdAt: r.created_at.toISOString() })) };
  });

  app.post(
    '/conversations/:id/messages',
    {
      schema: {
        tags,
        params: IdParams,
        description: 'Send text ({body}), a template ({templateId, variables}), or attachments as multipart/form-data with a "body" field and file parts.',
        body: SendMessageBody,
        response: { 201: Type.Object({ id: Type.String(), status: Type.String() }) },
      },
      // Multipart forms are read before validation: the text becomes {body}, the files wait on the request.
      preValidation: async (request) => {
        requireUser(request);
        if (request.isMultipart()) {
          const { body, files } = await readMultipartMessage(request);
          request.body = { body };
          uploads.set(request, files);
        }
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const files = uploads.get(request);
      const input: SendInput = files ? { body: (request.body as { body: string }).body, files } : request.body;
      return reply.status(201).send(await sendAgentMessage(ctx, user, request.params.id, input));
    },
  );

  for (const action of ['end', 'close'] as const) {
    app.post(
      `/conversations/:id/${action}`,
      {
        schema: {
          tags,
          params: IdParams,
          body: WrapUpBody,
          description: "Wrap-up: a reason (one of the workstream's; 422 naming \"reason\" when the workstream requires one and none was given before), labels and a summary, all optional otherwise.",
          response: { 200: ConversationView },
        },
        // The body is optional: no body is a wrap-up without reason, labels or summary.
        preValidation: async (request) => {
          request.body ??= {};
        },
      },
      async (request) => changeConversationState(ctx, requireUser(request), request.params.id, action, request.body),
    );
  }
  for (const action of ['wait', 'resume'] as const) {
    app.post(`/conversations/:id/${action}`, { schema: { tags, params: IdParams, response: { 200: ConversationView } } }, async (request) =>
      changeConversationState(ctx, requireUser(request), request.params.id, action),
    );
  }

  app.get('/conversations/:id/notes', { schema: { tags, params: IdParams, response: { 200: Type.Object({ items: Type.Array(NoteView) }) } } }, async (request) => {
    const user = requireUser(request);
    await loadVisibleConversation(ctx.db, user, request.params.id);
    return { items: await listNotes(ctx.db, request.params.id) };
  });

  app.post(
    '/conversations/:id/notes',
    { schema: { tags, params: IdParams, body: AddNoteBody, description: 'A private note for colleagues; never sent to the customer.', response: { 201: NoteView } } },
    async (request, reply) => reply.status(201).send(await addNote(ctx, requireUser(request), request.params.id, request.body.body)),
  );

  app.post(
    '/conversations/:id/messages/:messageId/retry',
    {
      schema: {
        tags,
        params: MessageParams,
        description: 'Queue a failed or undelivered outbound message again (free-form only inside the 24-hour window; approved templates any time).',
        response: { 200: Type.Object({ id: Type.String(), status: Type.String() }) },
      },
    },
    async (request) => retryMessage(ctx, requireUser(request), request.params.id, request.params.messageId),
  );

  app.post('/conversations/:id/pick', { schema: { tags, params: IdParams, response: { 200: ConversationView } } }, async (request) =>
    pickConversation(ctx, requireUser(request), request.params.id),
  );
};

async function readMultipartMessage(request: FastifyRequest): Promise<{ body: string; files: UploadedFile[] }> {
  let body = '';
  const files: UploadedFile[] = [];
  for await (const part of request.parts()) {
    if (part.type === 'file') {
      const data = await part.toBuffer();
      assertStorableText(part.filename, 'files');
      files.push({ filename: part.filename || 'attachment', contentType: part.mimetype, data });
    } else if (part.fieldname === 'body') {
      body = String(part.value ?? '');
    }
  }
  if (body.length > 4096) throw new ValidationError('The message is longer than 4096 characters.', 'body');
  return { body, files };
}
