import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../shell/api';
import { useForm } from '../../shell/use-form';
import { FormError, TextField } from '../../shell/fields';
import { FormActions, useProblemText } from '../ui';
import type { AccountView } from '../types';
import type { ChannelDetails } from './ChannelStep';
import { accountSidProblem, authTokenProblem } from './validation';
import { ValidateResult, type ValidateAnswer } from './ValidateResult';
import { createSimulatorCredentials } from './simulator-console';
import { SecretField } from './SecretField';

type Props = {
  details: ChannelDetails;
  account: AccountView | null;
  onSaved: (account: AccountView) => void;
  onBack: () => void;
  /** With the account as saved: on a first save the address does not carry its id yet. */
  onNext: (account: AccountView) => void;
  cancel: ReactNode;
};

/**
 * Wizard page 2: the Account SID and Auth Token. Saving creates the account (the token is
 * encrypted on the server and never shown again); Validate asks Twilio whether they work and
 * saves nothing, so trying credentials leaves no draft account behind.
 */
export function CredentialsStep({ details, account, onSaved, onBack, onNext, cancel }: Props) {
  const { t } = useTranslation();
  const problem = useProblemText();
  const [answer, setAnswer] = useState<ValidateAnswer | null>(null);
  const [creating, setCreating] = useState(false);
  const form = useForm({ accountSid: account?.accountSid ?? '', authToken: '' }, {
    networkMessage: t('common.networkError'),
    validate: (v) => ({
      accountSid: problem(accountSidProblem(v.accountSid)),
      // Once saved, an empty token field keeps the saved one.
      authToken: account && !v.authToken ? undefined : problem(authTokenProblem(v.authToken)),
    }),
  });
  const { values, set, errors } = form;

  async function save(v: typeof values): Promise<AccountView> {
    const accountSid = v.accountSid.trim();
    if (!account) {
      const created = await api<AccountView>('POST', '/api/v1/messaging-accounts', {
        body: { name: details.name, provider: details.provider, accountSid, authToken: v.authToken },
      });
      onSaved(created);
      set('authToken', '');
      return created;
    }
    const changes = {
      ...(details.name !== account.name ? { name: details.name } : {}),
      ...(details.provider !== account.provider ? { provider: details.provider } : {}),
      ...(accountSid !== account.accountSid ? { accountSid } : {}),
      ...(v.authToken ? { authToken: v.authToken } : {}),
    };
    if (Object.keys(changes).length === 0) return account;
    const updated = await api<AccountView>('PATCH', `/api/v1/messaging-accounts/${account.id}`, { body: changes });
    onSaved(updated);
    set('authToken', '');
    return updated;
  }

  // A typed token is checked as typed; an empty field (once saved) means the saved token.
  const validate = () =>
    form.submit(async (v) => {
      setAnswer(null);
      const typed = { provider: details.provider, accountSid: v.accountSid.trim(), authToken: v.authToken };
      setAnswer(
        account && !v.authToken
          ? await api<ValidateAnswer>('POST', `/api/v1/messaging-accounts/${account.id}/validate`)
          : await api<ValidateAnswer>('POST', '/api/v1/messaging-accounts/validate', { body: typed }),
      );
    });

  async function fillSimulatorCredentials() {
    setCreating(true);
    try {
      const credentials = await createSimulatorCredentials(details.name);
      set('accountSid', credentials.accountSid);
      set('authToken', credentials.authToken);
    } catch (err) {
      form.placeError(err);
    } finally {
      setCreating(false);
    }
  }

  return (
    <form className="form" noValidate onSubmit={(e) => { e.preventDefault(); void form.submit(async (v) => onNext(await save(v))); }}>
      {details.provider === 'twilio' ? (
        <p className="muted">{t('admin.accounts.credentialsWhere')}</p>
      ) : (
        <div className="callout">
          <p>{t('admin.accounts.simulatorCredentialsIntro')}</p>
          <button type="button" onClick={() => void fillSimulatorCredentials()} disabled={creating}>
            {creating ? t('common.working') : t('admin.accounts.createSimulatorCredentials')}
          </button>
        </div>
      )}
      <TextField label={t('admin.accounts.accountSid')} hint={t('admin.accounts.accountSidHint')} value={values.accountSid} error={errors.accountSid}
        onChange={(e) => set('accountSid', e.target.value)} autoComplete="off" spellCheck={false} className="mono-input" required />
      <SecretField label={t('admin.accounts.authToken')} value={values.authToken} error={errors.authToken} onChange={(v) => set('authToken', v)}
        hint={account ? t('admin.accounts.authTokenKeep') : t('admin.accounts.authTokenHint')} placeholder={account ? t('admin.accounts.authTokenSaved') : ''} />
      <div className="inline-actions">
        <button type="button" onClick={() => void validate()} disabled={form.submitting}>
          {form.submitting ? t('common.working') : t('admin.accounts.validate')}
        </button>
      </div>
      <ValidateResult answer={answer} />
      <FormError message={form.formError} />
      <FormActions>
        {cancel}
        <button type="button" onClick={onBack}>{t('admin.wizard.back')}</button>
        <button type="submit" className="primary" disabled={form.submitting}>{t('admin.wizard.saveAndNext')}</button>
      </FormActions>
    </form>
  );
}
