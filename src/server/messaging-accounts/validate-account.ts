import type { AppContext } from '../context.js';
import type { TwilioCredentials } from '../channels/twilio/twilio-client.js';
import { NotFoundError } from '../http/errors.js';
import { twilioErrorSentence } from '../channels/twilio/error-sentences.js';
import { credentialsOf } from './credentials.js';
import { findAccountRow } from './store.js';
import { twilioBaseUrl } from './urls.js';
import { recordCredentialCheck } from './account-health.js';

export type CredentialsAnswer =
  | { ok: true; friendlyName: string; message: string }
  /** refused: Twilio answered and said no; otherwise Twilio could not be asked (unreachable, or its own trouble). */
  | { ok: false; refused: boolean; code: number; message: string };

/** Asks Twilio (GET /Accounts/{sid}.json) whether credentials work, and says so in words. */
export async function checkCredentials(ctx: AppContext, creds: TwilioCredentials): Promise<CredentialsAnswer> {
  const answer = await ctx.twilio.fetchAccount(creds);
  if (answer.ok) {
    return { ok: true, friendlyName: answer.friendlyName, message: `Twilio accepted the credentials for "${answer.friendlyName}" (status ${answer.status}).` };
  }
  const refused = answer.httpStatus >= 400 && answer.httpStatus < 500;
  const sentence = refused ? `${twilioErrorSentence(answer.code, null)} Twilio said: ${answer.message}` : answer.message;
  return { ok: false, refused, code: answer.code, message: sentence };
}

/** The "Validate" button on a saved account: checks its saved credentials. */
export async function validateAccount(ctx: AppContext, id: string) {
  const row = await findAccountRow(ctx.db, id);
  if (!row) throw new NotFoundError('The messaging account');
  const answer = await checkCredentials(ctx, credentialsOf(ctx, row));
  // An unreachable Twilio says nothing about the credentials: the last real answer stands.
  if (answer.ok || answer.refused) await recordCredentialCheck(ctx.db, id, { refused: !answer.ok, message: answer.message, code: answer.ok ? null : answer.code }, ctx.now());
  return answerOf(answer);
}

/** The setup wizard's "Validate": checks typed credentials before anything is saved. */
export async function validateUnsavedCredentials(ctx: AppContext, input: { provider?: 'twilio' | 'simulator'; accountSid: string; authToken: string }) {
  return answerOf(await checkCredentials(ctx, { accountSid: input.accountSid, authToken: input.authToken, baseUrl: twilioBaseUrl(ctx.config, input.provider ?? 'twilio') }));
}

/** refused tells "Twilio said no" apart from "Twilio could not be asked", which the person fixes differently. */
function answerOf(answer: CredentialsAnswer) {
  return answer.ok ? answer : { ok: false, refused: answer.refused, code: answer.code, message: answer.message };
}
