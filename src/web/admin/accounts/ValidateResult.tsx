import { useTranslation } from 'react-i18next';

/** refused is false when Twilio could not be reached or asked: a network matter, not the credentials. */
export type ValidateAnswer = { ok: boolean; refused?: boolean; message: string; code?: number; friendlyName?: string };

/** Twilio's answer to "are these credentials right?", as Twilio gave it. */
export function ValidateResult({ answer }: { answer: ValidateAnswer | null }) {
  const { t } = useTranslation();
  if (!answer) return null;
  const title = answer.ok ? t('admin.accounts.validateOk') : answer.refused === false ? t('admin.accounts.validateUnreachable') : t('admin.accounts.validateFailed');
  return (
    <div className={`validate-result ${answer.ok ? 'ok' : 'failed'}`} role="status">
      <strong>{title}</strong>
      <span>{answer.message}</span>
      {answer.code ? <span className="muted">{t('admin.accounts.twilioCode', { code: answer.code })}</span> : null}
    </div>
  );
}
