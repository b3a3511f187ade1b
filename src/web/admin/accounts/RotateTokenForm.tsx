import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../shell/api';
import { useForm } from '../../shell/use-form';
import { CheckboxField, FormError } from '../../shell/fields';
import { FormActions, useCanEdit, useProblemText } from '../ui';
import type { AccountView } from '../types';
import { authTokenProblem } from './validation';
import { SecretField } from './SecretField';
import { ValidateResult, type ValidateAnswer } from './ValidateResult';

type Saved = AccountView & { credentials?: { status: 'accepted' | 'saved-unvalidated'; message: string } };

/**
 * Rotating the Auth Token: after the admin creates a new token in Twilio (or a secondary one is
 * promoted), it is pasted here; the server saves it only once Twilio accepts it. When Twilio cannot
 * be reached, the admin may choose to save it unchecked.
 */
export function RotateTokenForm({ account }: { account: AccountView }) {
  const { t } = useTranslation();
  const canEdit = useCanEdit();
  const problem = useProblemText();
  const [answer, setAnswer] = useState<ValidateAnswer | null>(null);
  const [unvalidated, setUnvalidated] = useState<string | null>(null);
  const [unreachable, setUnreachable] = useState(false);
  const form = useForm({ authToken: '', saveUnvalidated: false }, { networkMessage: t('common.networkError'), validate: (v) => ({ authToken: problem(authTokenProblem(v.authToken)) }) });
  if (!canEdit) return <p className="muted">{t('admin.accounts.tokenHidden')}</p>;
  return (
    <form className="form" noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void form.submit(async (v) => {
          setAnswer(null);
          setUnvalidated(null);
          try {
            const saved = await api<Saved>('PATCH', `/api/v1/messaging-accounts/${account.id}`, { body: { authToken: v.authToken, ...(v.saveUnvalidated ? { saveUnvalidated: true } : {}) } });
            form.setValues({ authToken: '', saveUnvalidated: false });
            setUnreachable(false);
            if (saved.credentials?.status === 'saved-unvalidated') setUnvalidated(saved.credentials.message);
            else setAnswer({ ok: true, message: saved.credentials?.message ?? '' });
          } catch (err) {
            if (!(err instanceof ApiError)) throw err;
            if (err.code === 'CREDENTIALS_REFUSED') {
              setAnswer({ ok: false, message: err.message, code: Number(err.details.twilioCode) || undefined });
              return;
            }
            if (err.code === 'CREDENTIALS_NOT_CHECKED') setUnreachable(true);
            throw err;
          }
        });
      }}>
      <p className="muted">{t('admin.accounts.rotateIntro')}</p>
      <SecretField label={t('admin.accounts.newAuthToken')} value={form.values.authToken} error={form.errors.authToken} onChange={(v) => form.set('authToken', v)} />
      {unreachable ? (
        <CheckboxField label={t('admin.accounts.saveUnvalidated')} hint={t('admin.accounts.saveUnvalidatedHint')} checked={form.values.saveUnvalidated} onChange={(e) => form.set('saveUnvalidated', e.target.checked)} />
      ) : null}
      <FormError message={form.formError} />
      <ValidateResult answer={answer} />
      {unvalidated ? (
        <div className="validate-result failed" role="status">
          <strong>{t('admin.accounts.savedUnvalidated')}</strong>
          <span>{unvalidated}</span>
        </div>
      ) : null}
      <FormActions>
        <button type="submit" className="primary" disabled={form.submitting}>{t('admin.accounts.rotate')}</button>
      </FormActions>
    </form>
  );
}
