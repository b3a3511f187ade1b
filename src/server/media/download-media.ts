import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { AppContext } from '../context.js';
import type { Executor } from '../db/database.js';
import { PLAN_EACH_CALL } from '../db/statement-cache.js';
import { credentialsOf } from '../messaging-accounts/credentials.js';
import { isAllowedMediaUrl, mayReceiveCredentials } from './allowed-hosts.js';
import { baseContentType, extensionFor, MAX_MEDIA_BYTES, mediaProblem, sizeLimitFor } from './media-rules.js';
import { limited } from './media-store.js';
import { announceFileTooBig } from '../automation/announce-file-too-big.js';
import { messageEvent } from '../conversations/realtime-events.js';
import { randomToken } from '../crypto/tokens.js';
import { backoffMs } from '../outbox/backoff.js';

const MAX_ATTEMPTS = 5;
const MAX_REDIRECTS = 3;
/**
 * How long a claim keeps other workers (in this process or another) off a download: longer than
 * the download may take (30 s per hop) and the write to the store, so a live worker keeps its row;
 * a worker that died loses it when the time runs out.
 */
export const MEDIA_CLAIM_SECONDS = 180;
/** Who claims in this process: a claim names its worker, and only that worker may finish it. */
const THIS_PROCESS: string = randomUUID();

export type PendingMedia = { id: string; message_id: string; source_url: string; content_type: string; attempts: number; claimed_by: string };
type Claim = { now: Date; worker: string };

/** Claims pending inbound media (a lease each, so no two workers download the same item) and downloads each. */
export async function downloadPendingMedia(ctx: AppContext, limit = 10, worker = THIS_PROCESS): Promise<number> {
  const claimed = await ctx.db.transaction().execute((tx) => claimPendingMedia(tx, limit, { now: ctx.now(), worker }));
  await Promise.all(claimed.map((m) => downloadOne(ctx, m)));
  return claimed.length;
}

/**
 * Takes up to `limit` pending downloads whose claim is free (never claimed, ran out, or a failed
 * attempt's retry time came): FOR UPDATE SKIP LOCKED keeps two claims from taking the same row at
 * once, the lease keeps the next claim off it while the download runs.
 *
 * Planned on every call: retention can empty message_media, and a plan cached while it was empty
 * rescans the whole table once per pending row when a burst comes, and claims every pending
 * download at once, past the LIMIT.
 */
export async function claimPendingMedia(tx: Executor, limit: number, claim: Claim = { now: new Date(), worker: THIS_PROCESS }): Promise<PendingMedia[]> {
  const until = new Date(claim.now.getTime() + MEDIA_CLAIM_SECONDS * 1000);
  const rows = await sql<PendingMedia>`${sql.raw(PLAN_EACH_CALL)}
    UPDATE message_media SET attempts = attempts + 1, claimed_until = ${until}, claimed_by = ${claim.worker}
    WHERE id IN (
      SELECT id FROM message_media WHERE status = 'pending' AND attempts < ${MAX_ATTEMPTS}
        AND (claimed_until IS NULL OR claimed_until < ${claim.now})
      ORDER BY created_at LIMIT ${limit} FOR UPDATE SKIP LOCKED)
    RETURNING id, message_id, source_url, content_type, attempts, claimed_by`.execute(tx);
  return rows.rows;
}

/** Writes the outcome only while this worker still holds the claim (no one took the row over since). */
function settle(ctx: AppContext, media: PendingMedia, change: Record<string, unknown>) {
  return ctx.db
    .updateTable('message_media')
    .set(change)
    .where('id', '=', media.id)
    .where('claimed_by', '=', media.claimed_by)
    .where('attempts', '=', media.attempts)
    .returning('id')
    .executeTakeFirst();
}

class TooBig extends Error {}

async function downloadOne(ctx: AppContext, media: PendingMedia): Promise<void> {
  const account = await ctx.db
    .selectFrom('messages as m')
    .innerJoin('conversations as c', 'c.id', 'm.conversation_id')
    .innerJoin('numbers as n', 'n.id', 'c.number_id')
    .innerJoin('messaging_accounts as a', 'a.id', 'n.account_id')
    .select(['a.account_sid', 'a.auth_token_encrypted', 'a.provider'])
    .where('m.id', '=', media.message_id)
    .executeTakeFirstOrThrow();
  let result: { stored: { key: string; size: number; contentType: string } } | { problem: string; size: number; contentType: string } | { error: string; retry: boolean; tooBig?: boolean };
  try {
    result = await fetchTwilioMedia(ctx, account, media.source_url, async (body, contentType) => {
      // Checked before any byte is stored: a type we refuse is never kept.
      const problem = mediaProblem(contentType, 0);
      if (problem) return { problem, size: 0, contentType };
      const key = `inbound/${new Date().toISOString().slice(0, 10)}/${randomToken(16)}.${extensionFor(contentType)}`;
      const limit = sizeLimitFor(contentType);
      const size = await ctx.media.put(key, limited(body, limit, () => new TooBig(mediaProblem(contentType, limit + 1) ?? 'The media is too big.')));
      return { stored: { key, size, contentType } };
    });
  } catch (err) {
    result = err instanceof TooBig ? { error: err.message, retry: false, tooBig: true } : { error: `Download failed: ${(err as Error).message}`, retry: true };
  }
  let settled;
  if ('error' in result) {
    const final = !result.retry || media.attempts >= MAX_ATTEMPTS;
    // A retry waits its backoff: the claim stays on the row until then.
    const retryAt = new Date(ctx.now().getTime() + backoffMs(media.attempts));
    settled = await settle(ctx, media, { status: final ? 'failed' : 'pending', error: result.error, claimed_until: final ? null : retryAt, claimed_by: null });
    if (settled && result.tooBig) await announceFileTooBig(ctx, media.message_id);
  } else if ('problem' in result) {
    settled = await settle(ctx, media, { status: 'failed', error: result.problem, content_type: baseContentType(result.contentType) || media.content_type, claimed_until: null, claimed_by: null });
  } else {
    const { key, size, contentType } = result.stored;
    settled = await settle(ctx, media, { status: 'stored', error: null, storage_key: key, size_bytes: size, content_type: baseContentType(contentType) || media.content_type, claimed_until: null, claimed_by: null });
    // Another worker took the row over (this one outlived its claim): its copy is the one kept.
    if (!settled) await ctx.media.remove(key);
  }
  if (settled) ctx.events.publish(await messageEvent(ctx.db, media.message_id, 'message.updated'));
}

/**
 * GET with Basic auth from Twilio, then follow redirects by hand: the signed CDN URL gets no
 * credentials, and every hop must be a Twilio host (never a private address or another site).
 * The answer's body goes to `store` as it arrives.
 */
async function fetchTwilioMedia<T>(
  ctx: AppContext,
  account: { account_sid: string; auth_token_encrypted: string; provider: 'twilio' | 'simulator' },
  sourceUrl: string,
  store: (body: AsyncIterable<Uint8Array>, contentType: string) => Promise<T>,
): Promise<T | { error: string; retry: boolean; tooBig?: boolean }> {
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
      await response.body?.cancel();
      const location = response.headers.get('location');
      if (!location) return { error: 'Twilio redirected without a location.', retry: true };
      url = new URL(location, url).toString();
      continue;
    }
    if (!response.ok) {
      await response.body?.cancel();
      return { error: `Twilio answered ${response.status} for the media.`, retry: response.status >= 500 || response.status === 429 };
    }
    const declared = Number(response.headers.get('content-length') ?? 0);
    if (declared > MAX_MEDIA_BYTES) {
      await response.body?.cancel();
      return { error: `The media is ${declared} bytes, over the 16 MB limit.`, retry: false, tooBig: true };
    }
    const body = (response.body ?? (async function* () {})()) as unknown as AsyncIterable<Uint8Array>;
    return store(body, response.headers.get('content-type') ?? 'application/octet-stream');
  }
  return { error: 'Too many redirects fetching the media.', retry: false };
}
