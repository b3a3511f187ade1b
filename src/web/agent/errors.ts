import type { TFunction } from 'i18next';
import { ApiError } from '../shell/api';

/** A server refusal in the agent's language when we know its code, else the server's own sentence. */
export function errorText(err: unknown, t: TFunction): string {
  if (err instanceof ApiError) {
    if (err.status === 0) return t('common.networkError');
    // A refusal naming the conversation's state says it with the glossary's word.
    const state = typeof err.details.state === 'string' ? t(`common.state.${err.details.state}`, { defaultValue: err.details.state }) : undefined;
    return t(`agent.errors.${err.code}`, { defaultValue: err.message, state });
  }
  return t('common.networkError');
}
