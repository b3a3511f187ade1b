import { useTranslation } from 'react-i18next';
import { useForm } from '../../shell/use-form';
import { FieldSet, TextField } from '../../shell/fields';
import { useResource } from '../../shell/use-resource';
import { FormActions, useProblemText } from '../ui';
import type { AccountView, Items } from '../types';
import { required } from './validation';

export type Provider = 'twilio' | 'simulator';
export type ChannelDetails = { name: string; provider: Provider };

/** Wizard page 1: what the account is called and who provides it (each number then says which channels it carries). */
export function ChannelStep({ initial, accountId, onNext, onCancel }: { initial: ChannelDetails; accountId: string | null; onNext: (details: ChannelDetails) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const problem = useProblemText();
  // The server refuses a name in use too; saying so here keeps the person on the page where the name is.
  const accounts = useResource<Items<AccountView>>('/api/v1/messaging-accounts');
  const taken = (name: string) => accounts.data?.items.some((a) => a.id !== accountId && a.name.toLowerCase() === name.trim().toLowerCase()) ?? false;
  const form = useForm(initial, {
    networkMessage: t('common.networkError'),
    validate: (v) => ({
      name: problem(required(v.name)) ?? (v.name.length > 100 ? t('admin.errors.tooLong', { max: 100 }) : taken(v.name) ? t('admin.errors.accountNameTaken') : undefined),
    }),
  });
  const { values, set, errors } = form;
  return (
    <form className="form" noValidate onSubmit={(e) => { e.preventDefault(); void form.submit(async (v) => onNext({ name: v.name.trim(), provider: v.provider })); }}>
      <TextField label={t('admin.accounts.name')} hint={t('admin.accounts.nameHint')} value={values.name} error={errors.name} onChange={(e) => set('name', e.target.value)} autoFocus required maxLength={100} />
      <FieldSet legend={t('admin.accounts.provider')}>
        {(['twilio', 'simulator'] as const).map((p) => (
          <label key={p} className="radio">
            <input type="radio" name="provider" value={p} checked={values.provider === p} onChange={() => set('provider', p)} />
            <span>
              <strong>{t(`admin.accounts.providers.${p}`)}</strong>
              <span className="muted"> — {t(`admin.accounts.providerHints.${p}`)}</span>
            </span>
          </label>
        ))}
      </FieldSet>
      <FormActions>
        <button type="button" onClick={onCancel}>{t('common.cancel')}</button>
        <button type="submit" className="primary">{t('admin.wizard.next')}</button>
      </FormActions>
    </form>
  );
}
