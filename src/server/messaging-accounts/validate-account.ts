import type { AppContext } from '../context.js';
import { NotFoundError } from '../http/errors.js';
import { twilioErrorSentence } from '../channels/whatsapp/error-sentences.js';
import { credentialsOf } from './credentials.js';
import { findAccountRow } from './store.js';

/** Asks Twilio (GET /Accounts/{sid}.json) whether the credentials work, and says so in words. */
export async function validateAccount(ctx: AppContext, id: string) {
  const row = await findAccountRow(ctx.db, id);
  if (!row) throw new NotFoundError('The messaging account');
  const answer = await ctx.twilio.fetchAccount(credentialsOf(ctx, row));
  if (answer.ok) {
    return { ok: true, friendlyName: answer.friendlyName, message: `Twilio accepted the credentials for "${answer.friendlyName}" (status ${answer.status}).` };
  }
  return { ok: false, code: answer.code, message: `${twilioErrorSentence(answer.code, null)} Twilio said: ${answer.message}` };
}
