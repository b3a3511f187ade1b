import type { AppContext } from '../context.js';
import type { TwilioCredentials } from '../channels/twilio/twilio-client.js';
import type { AccountRow } from './store.js';
import { twilioBaseUrl } from './urls.js';

export function credentialsOf(ctx: AppContext, account: Pick<AccountRow, 'account_sid' | 'auth_token_encrypted' | 'provider'>): TwilioCredentials {
  return {
    accountSid: account.account_sid,
    authToken: ctx.secrets.open(account.auth_token_encrypted),
    baseUrl: twilioBaseUrl(ctx.config, account.provider),
  };
}
