import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../shell/api';
import { useForm } from '../../shell/use-form';
import { FormError } from '../../shell/fields';
import { FormActions, useCanEdit, useProblemText } from '../ui';
import type { AccountView } from '../types';
import { authTokenProblem } from './validation';
import { SecretField } from './SecretField';
import { ValidateResult, type ValidateAnswer } from './ValidateResult';

/**
 * Rotating the Auth Token: after the admin creates a new token in Twilio (or a secondary one is
 * promoted), it is saved here and checked against Twilio at once.
 */
export function RotateTokenForm({ account }: { account: AccountView }) {
  const { t } = useTranslation();
  const canEdit = useCanEdit();
  const problem = useProblemText();
  const [answer, setAnswer] = useState<ValidateAnswer | null>(null);
  const form = useForm({ authToken: '' }, { networkMessage: t('common.networkError'), validate: (v) => ({ authToken: problem(authTokenProblem(v.authToken)) }) });
  if (!canEdit) return <p className="muted">{t('admin.accounts.tokenHidden')}</p>;
  return (
    <form className="form" noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void form.submit(async (v) => {
          setAnswer(null);
          await api('PATCH', `/api/v1/messaging-accounts/${account.id}`, { body: { authToken: v.authToken } });
          form.setValues({ authToken: '' });
          setAnswer(await api<ValidateAnswer>('POST', `/api/v1/messaging-accounts/${account.id}/validate`));
        });
      }}>
      <p className="muted">{t('admin.accounts.rotateIntro')}</p>
      <SecretField label={t('admin.accounts.newAuthToken')} value={form.values.authToken} error={form.errors.authToken} onChange={(v) => form.set('authToken', v)} />
      <FormError message={form.formError} />
      <ValidateResult answer={answer} />
      <FormActions>
        <button type="submit" className="primary" disabled={form.submitting}>{t('admin.accounts.rotate')}</button>
      </FormActions>
    </form>
  );
}
