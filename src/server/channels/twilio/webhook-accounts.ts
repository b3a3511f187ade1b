import type { AppContext } from '../../context.js';
import { findAccountByInboundKey, type AccountRow } from '../../messaging-accounts/store.js';

export type WebhookAccount = { account: AccountRow; authToken: string };

const FRESH_FOR_MS = 5000;

/**
 * The messaging account behind a webhook URL with its decrypted auth token, remembered for a few
 * seconds: a burst of webhooks would otherwise read and decrypt the same account for each one.
 * A signature that fails against a remembered token is checked again against a fresh read, so a
 * rotated token works at once; a deleted account stops answering within FRESH_FOR_MS.
 */
export function createWebhookAccounts(ctx: AppContext) {
  const remembered = new Map<string, { value: WebhookAccount; until: number }>();

  async function read(key: string): Promise<WebhookAccount | null> {
    const account = await findAccountByInboundKey(ctx.db, key);
    if (!account) {
      remembered.delete(key);
      return null;
    }
    const value = { account, authToken: ctx.secrets.open(account.auth_token_encrypted) };
    remembered.set(key, { value, until: Date.now() + FRESH_FOR_MS });
    return value;
  }

  /** The account whose token `accepts`, or null (unknown URL) or 'rejected' (no token accepts). */
  return async function verify(key: string, accepts: (authToken: string) => boolean): Promise<AccountRow | null | 'rejected'> {
    const cached = remembered.get(key);
    if (cached && cached.until > Date.now() && accepts(cached.value.authToken)) return cached.value.account;
    const fresh = await read(key);
    if (!fresh) return null;
    return accepts(fresh.authToken) ? fresh.account : 'rejected';
  };
}
