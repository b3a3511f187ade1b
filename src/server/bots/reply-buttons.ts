import type { AppContext } from '../context.js';
import type { TwilioCredentials } from '../channels/twilio/twilio-client.js';
import { createContentTemplate, twilioContentBaseUrl } from '../channels/twilio/twilio-content-client.js';
import { credentialsOf } from '../messaging-accounts/credentials.js';
import { channelAdapter } from '../channels/registry.js';
import { quickReplyContent } from './quick-reply-content.js';
import type { BotReply } from './rule-bot.js';

/** A bot reply's buttons as the channel will show them: a Content SID, or why they go as numbered text (no reason on a channel without buttons). */
export type PreparedButtons = { contentSid: string } | { contentSid: null; reason: string | null };

type ContentAccount = { accountId: string; creds: TwilioCredentials; language: string; buttons: boolean };

// Well inside the bot job's lease (bot-jobs.ts), so a slow Twilio cannot make two workers answer.
const CREATE_TIMEOUT_MS = 10_000;

/**
 * The Content SID for each reply's buttons, at the conversation's Twilio account: from the cache,
 * else created with `POST /v1/Content` and remembered. Replies without buttons need none; a reply
 * whose buttons WhatsApp would refuse, or that Twilio did not create, carries the reason instead.
 */
export async function prepareReplyButtons(ctx: AppContext, conversationId: string, replies: BotReply[]): Promise<PreparedButtons[]> {
  const account = replies.some((r) => r.buttons.length) ? await contentAccountOf(ctx, conversationId) : null;
  const prepared: PreparedButtons[] = [];
  for (const reply of replies) {
    if (!reply.buttons.length || !account) prepared.push({ contentSid: null, reason: reply.buttons.length ? 'the conversation has no messaging account' : null });
    // A channel without buttons (SMS) always shows the options as numbered text: nothing to explain.
    else if (!account.buttons) prepared.push({ contentSid: null, reason: null });
    else prepared.push(await contentFor(ctx, account, reply));
  }
  return prepared;
}

async function contentFor(ctx: AppContext, account: ContentAccount, reply: BotReply): Promise<PreparedButtons> {
  const built = quickReplyContent(reply, account.language);
  if (!built.ok) return { contentSid: null, reason: built.reason };
  const { hash, request } = built.content;
  const cached = await findContentSid(ctx, account.accountId, hash);
  if (cached) return { contentSid: cached };
  const outcome = await createContentTemplate(ctx.fetch, account.creds, request, CREATE_TIMEOUT_MS);
  if (!outcome.ok) return { contentSid: null, reason: `Twilio did not create the buttons${outcome.code ? ` (error ${outcome.code})` : ''}: ${outcome.message}` };
  await ctx.db
    .insertInto('bot_contents')
    .values({ account_id: account.accountId, content_hash: hash, content_sid: outcome.sid })
    .onConflict((oc) => oc.columns(['account_id', 'content_hash']).doNothing())
    .execute();
  // Two workers may have created it at once: everyone uses the one stored first.
  return { contentSid: (await findContentSid(ctx, account.accountId, hash)) ?? outcome.sid };
}

async function findContentSid(ctx: AppContext, accountId: string, hash: string): Promise<string | undefined> {
  const row = await ctx.db.selectFrom('bot_contents').select('content_sid').where('account_id', '=', accountId).where('content_hash', '=', hash).executeTakeFirst();
  return row?.content_sid;
}

async function contentAccountOf(ctx: AppContext, conversationId: string): Promise<ContentAccount | null> {
  const row = await ctx.db
    .selectFrom('conversations as c')
    .innerJoin('contacts as ct', 'ct.id', 'c.contact_id')
    .innerJoin('numbers as n', 'n.id', 'c.number_id')
    .innerJoin('messaging_accounts as a', 'a.id', 'n.account_id')
    .leftJoin('workstreams as w', 'w.id', 'c.workstream_id')
    .select(['c.channel', 'a.id', 'a.account_sid', 'a.auth_token_encrypted', 'a.provider', 'ct.language', 'w.language as workstreamLanguage'])
    .where('c.id', '=', conversationId)
    .executeTakeFirst();
  if (!row) return null;
  const creds = { ...credentialsOf(ctx, row), baseUrl: twilioContentBaseUrl(ctx.config, row.provider) };
  return { accountId: row.id, creds, language: row.language ?? row.workstreamLanguage ?? 'en', buttons: channelAdapter(row.channel).capabilities.buttons };
}
