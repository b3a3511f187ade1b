import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../shell/api';
import { useForm } from '../../shell/use-form';
import { FormError, SelectField, TextField } from '../../shell/fields';
import { FormActions, useCanEdit, useProblemText } from '../ui';
import type { AccountView } from '../types';
import { accountSidProblem, required } from './validation';

export function AccountSettingsForm({ account, onSaved }: { account: AccountView; onSaved: (a: AccountView) => void }) {
  const { t } = useTranslation();
  const canEdit = useCanEdit();
  const problem = useProblemText();
  const [saved, setSaved] = useState(false);
  const form = useForm({ name: account.name, provider: account.provider, accountSid: account.accountSid }, {
    networkMessage: t('common.networkError'),
    validate: (v) => ({ name: problem(required(v.name)), accountSid: problem(accountSidProblem(v.accountSid)) }),
  });
  const { values, set, errors } = form;
  return (
    <form className="form" noValidate onChange={() => setSaved(false)}
      onSubmit={(e) => {
        e.preventDefault();
        void form.submit(async (v) => {
          onSaved(await api<AccountView>('PATCH', `/api/v1/messaging-accounts/${account.id}`, { body: { name: v.name.trim(), provider: v.provider, accountSid: v.accountSid.trim() } }));
          setSaved(true);
        });
      }}>
      <fieldset disabled={!canEdit} className="plain">
        <TextField label={t('admin.accounts.name')} value={values.name} error={errors.name} onChange={(e) => set('name', e.target.value)} maxLength={100} />
        <SelectField label={t('admin.accounts.provider')} value={values.provider} onChange={(e) => set('provider', e.target.value as AccountView['provider'])}>
          <option value="twilio">{t('admin.accounts.providers.twilio')}</option>
          <option value="simulator">{t('admin.accounts.providers.simulator')}</option>
        </SelectField>
        <TextField label={t('admin.accounts.accountSid')} value={values.accountSid} error={errors.accountSid} onChange={(e) => set('accountSid', e.target.value)} className="mono-input" autoComplete="off" />
      </fieldset>
      <FormError message={form.formError} />
      {canEdit && (
        <FormActions>
          {saved && <span className="ok" role="status">{t('admin.saved')}</span>}
          <button type="submit" className="primary" disabled={form.submitting}>{t('common.save')}</button>
        </FormActions>
      )}
    </form>
  );
}
