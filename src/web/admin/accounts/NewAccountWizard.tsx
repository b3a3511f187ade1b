import { useEffect, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../../shell/api';
import { Stepper } from '../../shell/Stepper';
import { FormActions, Page } from '../ui';
import type { AccountView } from '../types';
import { ChannelStep, type ChannelDetails } from './ChannelStep';
import { CredentialsStep } from './CredentialsStep';
import { NumbersEditor } from './NumbersEditor';
import { CallbackInfo } from './CallbackInfo';
import { CancelWizard } from './CancelWizard';
import { WizardDone } from './WizardDone';

const STEPS = ['channel', 'account', 'numbers', 'callback', 'done'] as const;

/**
 * New messaging account, as a guided walk: name and provider → account details → numbers and their channels
 * → callback information → done. The account exists from page 2 on; its id and the page are
 * kept in the address, so a reload or the back button loses nothing.
 */
export function NewAccountWizard() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const step = Math.min(Math.max(Number(params.get('step') ?? 0), 0), STEPS.length - 1);
  const accountId = params.get('id');
  const [account, setAccount] = useState<AccountView | null>(null);
  const [details, setDetails] = useState<ChannelDetails>({ name: '', provider: 'simulator' });

  useEffect(() => {
    if (!accountId || account?.id === accountId) return;
    void api<AccountView>('GET', `/api/v1/messaging-accounts/${accountId}`).then((a) => {
      setAccount(a);
      setDetails({ name: a.name, provider: a.provider });
    });
  }, [accountId, account?.id]);

  // The account id may have been set by the page that is leaving: read it from the address, not from this render.
  const go = (next: number) =>
    setParams((current) => {
      const id = current.get('id');
      const params: Record<string, string> = { step: String(next) };
      if (id) params.id = id;
      return params;
    });
  const reload = async () => {
    if (account) setAccount(await api<AccountView>('GET', `/api/v1/messaging-accounts/${account.id}`));
  };
  const waitingForAccount = step >= 2 && !account;

  return (
    <Page title={t('admin.accounts.newTitle')}>
      <Stepper label={t('admin.wizard.progress')} steps={STEPS.map((s) => t(`admin.accounts.steps.${s}`))} current={step} />
      <div className="card wizard-page">
        <h2>{t(`admin.accounts.steps.${STEPS[step]}`)}</h2>
        {waitingForAccount && <p className="loading" role="status">{t('common.loading')}</p>}
        {step === 0 && <ChannelStep initial={details} accountId={accountId} onCancel={() => navigate('/admin/accounts')} onNext={(d) => { setDetails(d); go(1); }} />}
        {step === 1 && (
          <CredentialsStep details={details} account={account} onBack={() => go(0)} cancel={<CancelWizard account={account} />}
            onSaved={(a) => { setAccount(a); setParams({ id: a.id, step: '1' }, { replace: true }); }} onNext={(a) => setParams({ id: a.id, step: '2' })} />
        )}
        {step === 2 && account && (
          <>
            <p className="muted">{t('admin.numbers.intro')}</p>
            <NumbersEditor account={account} onChange={reload} />
            <FormActions>
              <CancelWizard account={account} />
              <button type="button" onClick={() => go(1)}>{t('admin.wizard.back')}</button>
              <button type="button" className="primary" disabled={account.numbers.length === 0} onClick={() => go(3)}
                aria-describedby={account.numbers.length === 0 ? 'numbers-needed' : undefined}>{t('admin.wizard.next')}</button>
            </FormActions>
            {account.numbers.length === 0 && <p id="numbers-needed" className="field-hint">{t('admin.numbers.needOne')}</p>}
          </>
        )}
        {step === 3 && account && (
          <>
            <CallbackInfo account={account} />
            <FormActions>
              <CancelWizard account={account} />
              <button type="button" onClick={() => go(2)}>{t('admin.wizard.back')}</button>
              <button type="button" className="primary" onClick={() => go(4)}>{t('admin.wizard.next')}</button>
            </FormActions>
          </>
        )}
        {step === 4 && account && <WizardDone account={account} />}
      </div>
    </Page>
  );
}
