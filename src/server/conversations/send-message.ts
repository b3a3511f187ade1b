import type { AppContext } from '../context.js';
import type { SessionUser } from '../auth/sessions.js';
import { DomainError, NotFoundError, ValidationError, WindowClosedError } from '../http/errors.js';
import { randomToken } from '../crypto/tokens.js';
import { extensionFor, mediaProblem } from '../media/media-rules.js';
import { findWorkstream } from '../workstreams/store.js';
import { pickLocalization, renderTemplate } from '../templates/render.js';
import { loadTemplate } from '../templates/store.js';
import { assertCanAct, loadVisibleConversation } from './policy.js';
import { queueOutbound } from './queue-outbound.js';
import { isWindowOpen, windowExpiresAt, windowName } from './window.js';
import { messageEvent } from './realtime-events.js';
import type { ConversationRow } from './store.js';
import { bytesOf } from '../media/media-store.js';
import { conversationOptedOut, CustomerOptedOutError } from '../contacts/opt-outs.js';

export type UploadedFile = { filename: string; contentType: string; data: Buffer };
export type SendInput =
  | { body: string; files?: UploadedFile[] }
  | { templateId: string; variables?: Record<string, string>; language?: string };

/** Outbound media stays fetchable by Twilio for a day through an unguessable URL. */
export const PUBLIC_MEDIA_HOURS = 24;

export async function sendAgentMessage(ctx: AppContext, user: SessionUser, conversationId: string, input: SendInput): Promise<{ id: string; status: string }> {
  const conversation = await loadVisibleConversation(ctx.db, user, conversationId);
  assertCanAct(user, conversation);
  if (conversation.state === 'closed') throw new DomainError('CONVERSATION_CLOSED', 'This conversation is closed; the customer starts a new one by writing again.', 409, { state: 'closed' });
  // Said before the files are stored; queueOutbound checks again in the transaction.
  if (await conversationOptedOut(ctx.db, conversationId)) throw new CustomerOptedOutError();
  const now = ctx.now();
  const draft = 'templateId' in input ? await templateDraft(ctx, conversation, input, now) : await freeFormDraft(ctx, conversation, input, now);

  const stored = draft.files.length ? await storeFiles(ctx, draft.files) : [];
  const messageId = await ctx.db.transaction().execute(async (tx) => {
    const id = await queueOutbound(tx, { ...draft.outbound, conversationId, numberId: conversation.number_id, senderUserId: user.id, now });
    if (stored.length) {
      await tx
        .insertInto('message_media')
        .values(stored.map((f, position) => ({
          message_id: id,
          position,
          content_type: f.contentType,
          filename: f.filename,
          size_bytes: f.data.length,
          storage_key: f.key,
          status: 'stored' as const,
          public_token: randomToken(32),
          public_expires: new Date(now.getTime() + PUBLIC_MEDIA_HOURS * 3600_000),
        })))
        .execute();
    }
    return id;
  });
  ctx.signals.outboxQueued();
  ctx.events.publish(await messageEvent(ctx.db, messageId, 'message.created'));
  return { id: messageId, status: 'queued' };
}

type Draft = {
  outbound: { kind: 'text' | 'media' | 'template'; body: string; templateId?: string; contentSid?: string | null; contentVariables?: Record<string, string> | null };
  files: UploadedFile[];
};

async function freeFormDraft(ctx: AppContext, conversation: ConversationRow, input: { body: string; files?: UploadedFile[] }, now: Date): Promise<Draft> {
  if (!isWindowOpen(conversation.channel, conversation.last_inbound_at, now)) throw new WindowClosedError(windowExpiresAt(conversation.channel, conversation.last_inbound_at), windowName(conversation.channel));
  const files = input.files ?? [];
  if (!input.body.trim() && files.length === 0) throw new ValidationError('Write a message or attach a file.', 'body');
  if (files.length) {
    const workstream = conversation.workstream_id ? await findWorkstream(ctx.db, conversation.workstream_id) : undefined;
    if (workstream && !workstream.agent_attachments) throw new DomainError('ATTACHMENTS_NOT_ALLOWED', 'Agents may not send attachments on this workstream.', 422, { field: 'files' });
    for (const f of files) {
      const problem = mediaProblem(f.contentType, f.data.length);
      if (problem) throw new ValidationError(`${f.filename}: ${problem}`, 'files');
    }
  }
  return { outbound: { kind: files.length ? 'media' : 'text', body: input.body }, files };
}

async function templateDraft(
  ctx: AppContext,
  conversation: ConversationRow,
  input: { templateId: string; variables?: Record<string, string>; language?: string },
  now: Date,
): Promise<Draft> {
  const template = await loadTemplate(ctx.db, input.templateId);
  if (!template) throw new NotFoundError('The template');
  const contact = await ctx.db.selectFrom('contacts').select('language').where('id', '=', conversation.contact_id).executeTakeFirstOrThrow();
  const workstream = conversation.workstream_id ? await findWorkstream(ctx.db, conversation.workstream_id) : undefined;
  const localization = pickLocalization(template.localizations, [input.language, contact.language, workstream?.language], template.defaultLanguage);
  if (!localization) throw new ValidationError('The template has no localization to send.', 'templateId');
  const variables = input.variables ?? {};
  const body = renderTemplate(localization.text, variables);
  if (!localization.contentSid && !isWindowOpen(conversation.channel, conversation.last_inbound_at, now)) {
    throw new DomainError(
      'TEMPLATE_NOT_APPROVED',
      `The ${localization.language} version of "${template.name}" has no Content SID, so it can only be sent inside the ${windowName(conversation.channel)}. Add its approved Content SID (HX…) to send it any time.`,
      422,
      { field: 'templateId' },
    );
  }
  const usedVariables = Object.fromEntries(Object.entries(variables).filter(([k]) => localization.text.includes(`{{${k}}}`) || new RegExp(`\\{\\{\\s*${k}\\s*\\}\\}`).test(localization.text)));
  return {
    outbound: { kind: 'template', body, templateId: template.id, contentSid: localization.contentSid, contentVariables: localization.contentSid ? usedVariables : null },
    files: [],
  };
}

async function storeFiles(ctx: AppContext, files: UploadedFile[]) {
  const day = ctx.now().toISOString().slice(0, 10);
  return Promise.all(
    files.map(async (f) => {
      const key = `outbound/${day}/${randomToken(16)}.${extensionFor(f.contentType)}`;
      await ctx.media.put(key, bytesOf(f.data));
      return { ...f, key };
    }),
  );
}
