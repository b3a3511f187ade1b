import { randomBytes } from 'node:crypto';
import type { Db } from '../db/database.js';
import { NotFoundError } from '../http/errors.js';
import { newSid } from './sids.js';
import { findAccount, type SimContent } from './store.js';
import { simDb, type SimDb } from './tables.js';

/**
 * The simulator's "Twilio console": create a simulated Twilio account (like signing up) and set a
 * number's "When a message comes in" webhook (like pasting the inbound URL into Twilio).
 */
export async function createSimulatorAccount(db: Db, input: { friendlyName: string }): Promise<{ accountSid: string; authToken: string }> {
  const account = { sid: newSid('AC'), auth_token: randomBytes(16).toString('hex'), friendly_name: input.friendlyName, channel_install_sid: newSid('XE') };
  await simDb(db).insertInto('sim_accounts').values(account).execute();
  return { accountSid: account.sid, authToken: account.auth_token };
}

const KEYWORDS_A = ['bright', 'quiet', 'rapid', 'silver', 'gentle', 'bold', 'lucky', 'sunny', 'clever', 'brave'];
const KEYWORDS_B = ['river', 'falcon', 'meadow', 'harbor', 'forest', 'comet', 'canyon', 'maple', 'island', 'breeze'];
const pick = (words: string[]) => words[randomBytes(1)[0] % words.length];

/** Adds or updates a number of the account; a sandbox number gets a join keyword ("join bright-river"). */
export async function configureSimulatorNumber(
  db: Db,
  input: { accountSid: string; phoneNumber: string; smsUrl: string | null; sandbox?: boolean; friendlyName?: string },
): Promise<void> {
  const sim = simDb(db);
  if (!(await findAccount(sim, input.accountSid))) throw new NotFoundError(`The simulated Twilio account ${input.accountSid}`);
  const sandbox = input.sandbox ?? false;
  const friendlyName = input.friendlyName ?? (sandbox ? 'WhatsApp Sandbox' : input.phoneNumber);
  const keyword = sandbox ? `${pick(KEYWORDS_A)}-${pick(KEYWORDS_B)}` : null;
  await sim
    .insertInto('sim_numbers')
    .values({ phone_number: input.phoneNumber, account_sid: input.accountSid, friendly_name: friendlyName, sms_url: input.smsUrl, sandbox, sandbox_keyword: keyword })
    .onConflict((oc) =>
      oc.column('phone_number').doUpdateSet((eb) => ({
        account_sid: input.accountSid,
        sms_url: input.smsUrl,
        sandbox,
        // A number that stays a sandbox keeps its keyword: customers who learnt it can still join.
        sandbox_keyword: sandbox ? eb.fn.coalesce('sim_numbers.sandbox_keyword', eb.val(keyword)) : null,
        ...(input.friendlyName ? { friendly_name: input.friendlyName } : {}),
        date_updated: new Date(),
      })),
    )
    .execute();
}

/** A Content template, approved for WhatsApp at once (the simulator has no review queue). */
export async function createContent(
  db: SimDb,
  input: { accountSid: string; friendlyName: string; language: string; variables: Record<string, string>; types: Record<string, unknown> },
): Promise<SimContent> {
  return db
    .insertInto('sim_contents')
    .values({
      sid: newSid('HX'),
      account_sid: input.accountSid,
      friendly_name: input.friendlyName,
      language: input.language,
      variables: JSON.stringify(input.variables),
      types: JSON.stringify(input.types),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A plain-text WhatsApp template ("twilio/text"), as the console's Content Template Builder makes it. */
export async function createSimulatorContent(
  db: Db,
  input: { accountSid: string; friendlyName: string; language: string; body: string; variables?: Record<string, string> },
): Promise<{ sid: string }> {
  const sim = simDb(db);
  if (!(await findAccount(sim, input.accountSid))) throw new NotFoundError(`The simulated Twilio account ${input.accountSid}`);
  const placeholders = [...input.body.matchAll(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g)].map((m) => m[1]);
  const variables = input.variables ?? Object.fromEntries(placeholders.map((p) => [p, `sample ${p}`]));
  const content = await createContent(sim, { ...input, variables, types: { 'twilio/text': { body: input.body } } });
  return { sid: content.sid };
}
