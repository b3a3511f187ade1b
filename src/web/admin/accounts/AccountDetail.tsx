import { useState } from 'react';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../../shell/api';
import { useResource } from '../../shell/use-resource';
import { Loaded, Page, useCanEdit } from '../ui';
import type { AccountView } from '../types';
import { NumbersEditor } from './NumbersEditor';
import { CallbackInfo } from './CallbackInfo';
import { ValidateResult, type ValidateAnswer } from './ValidateResult';
import { AccountSettingsForm } from './AccountSettingsForm';
import { RotateTokenForm } from './RotateTokenForm';
import { DeleteAccount } from './DeleteAccount';

/** One messaging account: its settings, token rotation, numbers, callback information and deletion. */
export function AccountDetail() {
  const { id } = useParams();
  const { t } = useTranslation();
  const account = useResource<AccountView>(`/api/v1/messaging-accounts/${id}`);
  return (
    <Loaded resource={account}>
      {(a) => (
        <Page title={a.name} intro={t(`admin.accounts.providers.${a.provider}`)} actions={<ValidateButton account={a} />}>
          <div className="stack">
            <section className="card" aria-labelledby="settings-title">
              <h2 id="settings-title">{t('admin.accounts.settings')}</h2>
              <AccountSettingsForm account={a} onSaved={account.setData} />
            </section>
            <section className="card" aria-labelledby="token-title">
              <h2 id="token-title">{t('admin.accounts.rotateTitle')}</h2>
              <RotateTokenForm account={a} />
            </section>
            <section className="card" aria-labelledby="numbers-title">
              <h2 id="numbers-title">{t('admin.numbers.title')}</h2>
              <NumbersEditor account={a} onChange={account.reload} />
            </section>
            <section className="card" aria-labelledby="callback-title">
              <h2 id="callback-title">{t('admin.accounts.steps.callback')}</h2>
              <CallbackInfo account={a} />
            </section>
            <DeleteAccount account={a} />
          </div>
        </Page>
      )}
    </Loaded>
  );
}

function ValidateButton({ account }: { account: AccountView }) {
  const { t } = useTranslation();
  const canEdit = useCanEdit();
  const [answer, setAnswer] = useState<ValidateAnswer | null>(null);
  const [busy, setBusy] = useState(false);
  async function validate() {
    setBusy(true);
    setAnswer(null);
    try {
      setAnswer(await api<ValidateAnswer>('POST', `/api/v1/messaging-accounts/${account.id}/validate`));
    } catch (err) {
      setAnswer({ ok: false, message: err instanceof Error ? err.message : t('common.networkError') });
    } finally {
      setBusy(false);
    }
  }
  if (!canEdit) return null;
  return (
    <div className="validate-box">
      <button type="button" onClick={() => void validate()} disabled={busy}>{busy ? t('common.working') : t('admin.accounts.validate')}</button>
      <ValidateResult answer={answer} />
    </div>
  );
}
