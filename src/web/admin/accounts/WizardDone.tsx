import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../../shell/api';
import { FormActions } from '../ui';
import type { AccountView, Items } from '../types';
import { HealthList, type HealthWarning } from './HealthList';

/**
 * The wizard's last page. It says "ready" only when nothing stops messages: the saved credentials
 * are checked with Twilio again and the account's health findings are listed with their fixes.
 * A number without a workstream is left out, since creating one is the next step offered here.
 */
export function WizardDone({ account }: { account: AccountView }) {
  const { t } = useTranslation();
  const [findings, setFindings] = useState<HealthWarning[] | null>(null);

  useEffect(() => {
    let live = true;
    async function check() {
      // Validating records Twilio's answer, so refused credentials are among the findings below.
      await api('POST', `/api/v1/messaging-accounts/${account.id}/validate`).catch(() => undefined);
      const all = await api<Items<HealthWarning>>('GET', '/api/v1/configuration-warnings');
      return all.items.filter((w) => w.accountId === account.id && w.code !== 'NUMBER_WITHOUT_WORKSTREAM');
    }
    check().then((items) => live && setFindings(items), () => live && setFindings([]));
    return () => {
      live = false;
    };
  }, [account.id]);

  if (!findings) return <p className="loading" role="status">{t('admin.accounts.doneChecking')}</p>;
  const blocked = findings.some((f) => f.severity !== 'todo');
  const count = account.numbers.length;
  return (
    <div className="done">
      {blocked ? (
        <p role="alert" className="not-ready">{t('admin.accounts.notReadyText', { name: account.name, count })}</p>
      ) : (
        <p role="status">{t('admin.accounts.doneText', { name: account.name, count })}</p>
      )}
      <ul className="plain-list">
        {account.numbers.map((n) => <li key={n.id}><strong>{n.name}</strong> <span className="mono">{n.number}</span></li>)}
      </ul>
      {findings.length > 0 && (
        <section className="card warnings" aria-labelledby="done-findings">
          <h3 id="done-findings">{blocked ? t('admin.accounts.doneFix') : t('admin.accounts.doneLastCheck')}</h3>
          <HealthList items={findings} linkAccounts={false} />
        </section>
      )}
      <p>{t('admin.accounts.doneNext')}</p>
      <FormActions>
        <Link to={`/admin/accounts/${account.id}`} className="button">{t('admin.accounts.openAccount')}</Link>
        <Link to={`/admin/workstreams/new?numberId=${account.numbers[0]?.id ?? ''}`} className="button primary">{t('admin.accounts.createWorkstream')}</Link>
      </FormActions>
    </div>
  );
}
