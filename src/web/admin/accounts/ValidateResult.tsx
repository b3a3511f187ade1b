import { useTranslation } from 'react-i18next';

export type ValidateAnswer = { ok: boolean; message: string; code?: number; friendlyName?: string };

/** Twilio's answer to "are these credentials right?", as Twilio gave it. */
export function ValidateResult({ answer }: { answer: ValidateAnswer | null }) {
  const { t } = useTranslation();
  if (!answer) return null;
  return (
    <div className={`validate-result ${answer.ok ? 'ok' : 'failed'}`} role="status">
      <strong>{answer.ok ? t('admin.accounts.validateOk') : t('admin.accounts.validateFailed')}</strong>
      <span>{answer.message}</span>
      {answer.code ? <span className="muted">{t('admin.accounts.twilioCode', { code: answer.code })}</span> : null}
    </div>
  );
}
