import { useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../shell/api';
import { Dialog } from '../../shell/Dialog';
import { SelectField } from '../../shell/fields';
import { useResource } from '../../shell/use-resource';
import type { AccountView, ContentTemplateView, Items, TemplateView } from '../types';

type ImportResult = { imported: TemplateView[]; skipped: { contentSid: string; reason: string }[] };

/** Lists a messaging account's Content templates in Twilio (Content API) and imports the chosen ones. */
export function ImportFromTwilio({ onClose, onImported }: { onClose: () => void; onImported: () => void }) {
  const { t } = useTranslation();
  const accounts = useResource<Items<AccountView>>('/api/v1/messaging-accounts');
  const [accountId, setAccountId] = useState('');
  const chosenAccount = accountId || accounts.data?.items[0]?.id || '';
  const contents = useResource<Items<ContentTemplateView>>(chosenAccount ? `/api/v1/messaging-accounts/${chosenAccount}/content-templates` : null);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [result, setResult] = useState<ImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const toggle = (sid: string, on: boolean) => setChosen((c) => { const next = new Set(c); if (on) next.add(sid); else next.delete(sid); return next; });

  async function importChosen() {
    setBusy(true);
    setError(null);
    try {
      setResult(await api<ImportResult>('POST', '/api/v1/templates/import', { body: { accountId: chosenAccount, contentSids: [...chosen] } }));
      setChosen(new Set());
      onImported();
      await contents.reload();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t('common.networkError'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog open title={t('admin.templates.importTitle')} onClose={onClose} className="wide">
      <p className="muted">{t('admin.templates.importIntro')}</p>
      {accounts.data && accounts.data.items.length === 0 && <p>{t('admin.templates.importNoAccount')} <Link to="/admin/accounts/new">{t('admin.accounts.new')}</Link></p>}
      {accounts.data && accounts.data.items.length > 1 && (
        <SelectField label={t('admin.templates.importAccount')} value={chosenAccount} onChange={(e) => { setAccountId(e.target.value); setChosen(new Set()); setResult(null); }}>
          {accounts.data.items.map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
        </SelectField>
      )}
      {contents.loading && <p className="loading" role="status">{t('admin.templates.importLoading')}</p>}
      {contents.error && <p className="form-error" role="alert">{contents.error.message}</p>}
      {contents.data && !contents.loading && (
        contents.data.items.length === 0 ? (
          <p className="empty">{t('admin.templates.importEmpty')}</p>
        ) : (
          <div className="import-list">
            <table className="table compact">
              <thead>
                <tr>
                  <th scope="col"><span className="visually-hidden">{t('admin.templates.importChoose')}</span></th>
                  <th scope="col">{t('admin.templates.name')}</th>
                  <th scope="col">{t('admin.templates.language')}</th>
                  <th scope="col">{t('admin.templates.text')}</th>
                  <th scope="col">{t('admin.templates.contentSid')}</th>
                </tr>
              </thead>
              <tbody>
                {contents.data.items.map((c) => (
                  <tr key={c.contentSid} className={c.importable ? '' : 'muted'}>
                    <td>
                      <input type="checkbox" checked={chosen.has(c.contentSid)} disabled={!c.importable} onChange={(e) => toggle(c.contentSid, e.target.checked)}
                        aria-label={t('admin.templates.importPick', { name: c.name, language: c.language })} />
                    </td>
                    <td>{c.name}{c.importedAs && <div className="small ok">{t('admin.templates.importedAs', { name: c.importedAs.name })}</div>}</td>
                    <td>{c.language}</td>
                    <td>{c.text ?? '—'}{c.problem && <div className="small error">{c.problem}</div>}</td>
                    <td className="mono small">{c.contentSid}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
      )}
      {result && (
        <div className="import-result" role="status">
          <p>{t('admin.templates.importDone', { count: result.imported.length })} {result.imported.map((x) => x.name).join(', ')}</p>
          {result.skipped.length > 0 && (
            <ul>
              {result.skipped.map((s) => <li key={s.contentSid}><span className="mono">{s.contentSid}</span>: {s.reason}</li>)}
            </ul>
          )}
        </div>
      )}
      {error && <p className="form-error" role="alert">{error}</p>}
      <div className="form-actions">
        <button type="button" onClick={onClose}>{t('common.close')}</button>
        <button type="button" className="primary" disabled={chosen.size === 0 || busy} onClick={() => void importChosen()}>
          {busy ? t('common.working') : t('admin.templates.importSelected', { count: chosen.size })}
        </button>
      </div>
    </Dialog>
  );
}
