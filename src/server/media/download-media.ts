import { sql } from 'kysely';
import type { AppContext } from '../context.js';
import type { Executor } from '../db/database.js';
import { PLAN_EACH_CALL } from '../db/statement-cache.js';
import { credentialsOf } from '../messaging-accounts/credentials.js';
import { isAllowedMediaUrl, mayReceiveCredentials } from './allowed-hosts.js';
import { baseContentType, extensionFor, MAX_MEDIA_BYTES, mediaProblem } from './media-rules.js';
import { announceFileTooBig } from '../automation/announce-file-too-big.js';
import { messageEvent } from '../conversations/realtime-events.js';
import { randomToken } from '../crypto/tokens.js';

const MAX_ATTEMPTS = 5;
const MAX_REDIRECTS = 3;

export type PendingMedia = { id: string; message_id: string; source_url: string; content_type: string; attempts: number };

/** Claims pending inbound media (SKIP LOCKED, so several workers share the work) and downloads each. */
export async function downloadPendingMedia(ctx: AppContext, limit = 10): Promise<number> {
  const claimed = await ctx.db.transaction().execute((tx) => claimPendingMedia(tx, limit));
  await Promise.all(claimed.map((m) => downloadOne(ctx, m)));
  return claimed.length;
}

/**
 * Retention can empty message_media. A plan cached while it was empty rescanned the whole table
 * once per pending row when a burst came, and its LIMIT no longer held: it claimed all 2,000
 * pending downloads at once instead of 10.
 */
export async function claimPendingMedia(tx: Executor, limit: number): Promise<PendingMedia[]> {
  const rows = await sql<PendingMedia>`${sql.raw(PLAN_EACH_CALL)}
    UPDATE message_media SET attempts = attempts + 1
    WHERE id IN (
      SELECT id FROM message_media WHERE status = 'pending' AND attempts < ${MAX_ATTEMPTS}
      ORDER BY created_at LIMIT ${limit} FOR UPDATE SKIP LOCKED)
    RETURNING id, message_id, source_url, content_type, attempts`.execute(tx);
  return rows.rows;
}

async function downloadOne(ctx: AppContext, media: PendingMedia): Promise<void> {
  const account = await ctx.db
    .selectFrom('messages as m')
    .innerJoin('conversations as c', 'c.id', 'm.conversation_id')
    .innerJoin('whatsapp_numbers as n', 'n.id', 'c.number_id')
    .innerJoin('messaging_accounts as a', 'a.id', 'n.account_id')
    .select(['a.account_sid', 'a.auth_token_encrypted', 'a.provider'])
    .where('m.id', '=', media.message_id)
    .executeTakeFirstOrThrow();
  let result: { data: Buffer; contentType: string } | { error: string; retry: boolean; tooBig?: boolean };
  try {
    result = await fetchTwilioMedia(ctx, account, media.source_url);
  } catch (err) {
    result = { error: `Download failed: ${(err as Error).message}`, retry: true };
  }
  if ('error' in result) {
    const final = !result.retry || media.attempts >= MAX_ATTEMPTS;
    await ctx.db.updateTable('message_media').set({ status: final ? 'failed' : 'pending', error: result.error }).where('id', '=', media.id).execute();
    if (result.tooBig) await announceFileTooBig(ctx, media.message_id);
  } else {
    const problem = mediaProblem(result.contentType, result.data.length);
    const key = `inbound/${new Date().toISOString().slice(0, 10)}/${randomToken(16)}.${extensionFor(result.contentType)}`;
    if (!problem) await ctx.media.put(key, result.data);
    await ctx.db
      .updateTable('message_media')
      .set({
        status: problem ? 'failed' : 'stored',
        error: problem,
        storage_key: problem ? null : key,
        size_bytes: result.data.length,
        content_type: baseContentType(result.contentType) || media.content_type,
      })
      .where('id', '=', media.id)
      .execute();
    // Refused for its size alone (its type would pass): tell the customer.
    if (problem && !mediaProblem(result.contentType, 0)) await announceFileTooBig(ctx, media.message_id);
  }
  ctx.events.publish(await messageEvent(ctx.db, media.message_id, 'message.updated'));
}

/**
 * GET with Basic auth from Twilio, then follow redirects by hand: the signed CDN URL gets no
 * credentials, and every hop must be a Twilio host (never a private address or another site).
 */
async function fetchTwilioMedia(
  ctx: AppContext,
  account: { account_sid: string; auth_token_encrypted: string; provider: 'twilio' | 'simulator' },
  sourceUrl: string,
): Promise<{ data: Buffer; contentType: string } | { error: string; retry: boolean; tooBig?: boolean }> {
  const creds = credentialsOf(ctx, account);
  const authorization = 'Basic ' + Buffer.from(`${creds.accountSid}:${creds.authToken}`).toString('base64');
  let url = sourceUrl;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    if (!isAllowedMediaUrl(ctx.config, account.provider, url)) return { error: `Refused to fetch media from ${new URL(url).host}: not a Twilio host.`, retry: false };
    const response = await ctx.fetch(url, {
      redirect: 'manual',
      headers: hop === 0 && mayReceiveCredentials(ctx.config, account.provider, url) ? { authorization } : {},
      signal: AbortSignal.timeout(30_000),
    });
    if (response.status >= 300 && response.status < 400) {
      const location = response.headers.get('location');
      if (!location) return { error: 'Twilio redirected without a location.', retry: true };
      url = new URL(location, url).toString();
      continue;
    }
    if (!response.ok) return { error: `Twilio answered ${response.status} for the media.`, retry: response.status >= 500 || response.status === 429 };
    const declared = Number(response.headers.get('content-length') ?? 0);
    if (declared > MAX_MEDIA_BYTES) return { error: `The media is ${declared} bytes, over the 16 MB limit.`, retry: false, tooBig: true };
    const data = await readLimited(response, MAX_MEDIA_BYTES);
    if (!data) return { error: 'The media is over the 16 MB limit.', retry: false, tooBig: true };
    return { data, contentType: response.headers.get('content-type') ?? 'application/octet-stream' };
  }
  return { error: 'Too many redirects fetching the media.', retry: false };
}

async function readLimited(response: Response, limit: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    total += chunk.length;
    if (total > limit) return null;
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}
