import type { TFunction } from 'i18next';
import { ApiError } from '../shell/api';

/** A server refusal in the agent's language when we know its code, else the server's own sentence. */
export function errorText(err: unknown, t: TFunction): string {
  if (err instanceof ApiError) {
    if (err.status === 0) return t('common.networkError');
    return t(`agent.errors.${err.code}`, { defaultValue: err.message });
  }
  return t('common.networkError');
}
