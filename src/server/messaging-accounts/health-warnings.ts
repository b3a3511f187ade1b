import { sql } from 'kysely';
import type { Config } from '../config.js';
import type { Executor } from '../db/database.js';
import type { ConfigurationWarning } from './configuration-warnings.js';
import { RECENT_MS } from './account-health.js';
import { inboundUrl } from './urls.js';

/** Twilio's error for credentials it does not accept, as a send answers it. */
const AUTHENTICATION_FAILED = 20003;

/**
 * Whether each account can actually receive and send: credentials Twilio refuses, webhooks refused
 * for their signature, an inbound URL Twilio cannot reach, numbers no message ever reached. Each
 * says what is wrong and what to do about it; `severity: 'problem'` means messages are being lost
 * or cannot flow, `'todo'` a step not done yet.
 */
export async function accountHealthWarnings(ctx: { db: Executor; config: Config; now: () => Date }): Promise<ConfigurationWarning[]> {
  const { db, config } = ctx;
  const since = new Date(ctx.now().getTime() - RECENT_MS);
  const accounts = await db
    .selectFrom('messaging_accounts as a')
    .leftJoin('account_credential_checks as c', 'c.account_id', 'a.id')
    .select(['a.id', 'a.name', 'a.provider', 'a.inbound_key', 'c.refused', 'c.message as checkMessage', 'c.checked_at'])
    .select((eb) =>
      eb
        .selectFrom('messages as m')
        .innerJoin('conversations as v', 'v.id', 'm.conversation_id')
        .innerJoin('numbers as n', 'n.id', 'v.number_id')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('n.account_id', '=', 'a.id')
        .where('m.direction', '=', 'outbound')
        .where('m.error_code', '=', AUTHENTICATION_FAILED)
        .where('m.status_at', '>', since)
        // Sends refused before the credentials were last accepted are history, not news.
        .where((w) => w.or([w('c.refused', 'is', null), w('c.refused', '=', true), w('m.status_at', '>', w.ref('c.checked_at'))]))
        .as('refusedSends'),
    )
    .select((eb) =>
      eb.selectFrom('webhook_signature_failures as f').select(sql<number>`coalesce(sum(f.failures), 0)::int`.as('n')).whereRef('f.account_id', '=', 'a.id').where('f.hour', '>', new Date(since.getTime() - 3_600_000)).as('signatureFailures'),
    )
    .where('a.deleted_at', 'is', null)
    .orderBy('a.created_at')
    .execute();

  const warnings: ConfigurationWarning[] = [];
  const unreachableHost = localHostOf(config.publicUrl);
  for (const a of accounts) {
    const refusedSends = a.refusedSends ?? 0;
    if (a.refused || refusedSends > 0) {
      warnings.push({
        code: 'CREDENTIALS_REFUSED',
        severity: 'problem',
        accountId: a.id,
        count: refusedSends,
        params: { account: a.name, count: refusedSends },
        message:
          `Twilio refuses the credentials of "${a.name}"` +
          (refusedSends ? `: ${refusedSends} message(s) in the last 24 hours failed with error ${AUTHENTICATION_FAILED}.` : ` (last checked ${a.checked_at?.toISOString()}: ${a.checkMessage})`),
        fix: `Copy the Account SID and the current Auth Token from the Twilio Console (Account info) and save the token under the account's Auth Token ("Save the new token"), then press Validate.`,
      });
    }
    const signatureFailures = a.signatureFailures ?? 0;
    if (signatureFailures > 0) {
      warnings.push({
        code: 'SIGNATURE_FAILURES',
        severity: 'problem',
        accountId: a.id,
        count: signatureFailures,
        params: { account: a.name, count: signatureFailures },
        message: `${signatureFailures} webhook(s) to "${a.name}" in the last 24 hours were refused: their X-Twilio-Signature does not match the saved Auth Token, so those messages were not received.`,
        fix: `If the Auth Token was changed in Twilio, save the new one under the account's Auth Token ("Save the new token"). If the Inbound URL was pasted into another Twilio account, use that account here. Behind a proxy, PUBLIC_URL must be the exact address Twilio calls.`,
      });
    }
    if (unreachableHost && a.provider === 'twilio') {
      const url = inboundUrl(config, a.inbound_key);
      warnings.push({
        code: 'INBOUND_URL_NOT_PUBLIC',
        severity: 'problem',
        accountId: a.id,
        params: { account: a.name, host: unreachableHost, url },
        message: `The Inbound URL of "${a.name}" is on ${unreachableHost}, which Twilio cannot reach from the internet: no message will arrive.`,
        fix: 'Set PUBLIC_URL to the public https address of this server (during a trial, a tunnel such as ngrok or cloudflared), restart Switchboard, and paste the new Inbound URL into Twilio.',
      });
    }
  }

  const silent = await db
    .selectFrom('numbers as n')
    .innerJoin('messaging_accounts as a', 'a.id', 'n.account_id')
    .select(['n.id', 'n.number', 'n.account_id', 'a.name', 'a.provider'])
    .where('n.deleted_at', 'is', null)
    .where('a.deleted_at', 'is', null)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('conversations as c').select('c.id').whereRef('c.number_id', '=', 'n.id').where('c.last_inbound_at', 'is not', null))))
    .orderBy('n.created_at')
    .execute();
  for (const n of silent) {
    warnings.push({
      code: 'NUMBER_NEVER_CONNECTED',
      severity: 'todo',
      accountId: n.account_id,
      numberId: n.id,
      params: { account: n.name, number: n.number, provider: n.provider },
      message: `No message has ever arrived at ${n.number} ("${n.name}").`,
      fix:
        n.provider === 'simulator'
          ? 'Press "Connect in the simulator" under the account\'s callback information, then send a message from the simulated phone.'
          : 'In Twilio, set the number\'s "A message comes in" webhook to the account\'s Inbound URL (HTTP POST), then send it a WhatsApp message from a phone.',
    });
  }
  return warnings;
}

/** The host of PUBLIC_URL when Twilio cannot reach it (this machine, a private network), else null. */
export function localHostOf(publicUrl: string): string | null {
  let host: string;
  try {
    host = new URL(publicUrl).hostname.replace(/^\[|\]$/g, '').toLowerCase();
  } catch {
    return null;
  }
  const local =
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host.endsWith('.local') ||
    host === '::1' ||
    host === '0.0.0.0' ||
    /^127\./.test(host) ||
    /^10\./.test(host) ||
    /^192\.168\./.test(host) ||
    /^172\.(1[6-9]|2\d|3[01])\./.test(host) ||
    /^169\.254\./.test(host) ||
    /^f[cd][0-9a-f]{2}:/.test(host);
  return local ? host : null;
}
