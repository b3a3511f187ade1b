import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../shell/api';
import { SelectField } from '../../shell/fields';
import { useLocale } from '../../shell/time';
import { Page } from '../ui';
import type { AuditEntryView, AuditPage } from '../types';

const ENTITY_TYPES = [
  'messaging-account', 'whatsapp-number', 'workstream', 'routing-rule', 'classification-ruleset', 'capacity-profile', 'queue', 'user', 'template',
  'retention-setting', 'message-content', 'customer', 'canned-response',
] as const;

/** Who changed which setting when, newest first, with the values before and after. */
export function AuditLogPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const [entityType, setEntityType] = useState('');
  const [entries, setEntries] = useState<AuditEntryView[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);

  const load = useCallback(async (before: string | null) => {
    setLoading(true);
    try {
      const query = new URLSearchParams({ limit: '50', ...(entityType ? { entityType } : {}), ...(before ? { before } : {}) });
      const page = await api<AuditPage>('GET', `/api/v1/audit-log?${query}`);
      setEntries((old) => (before ? [...old, ...page.items] : page.items));
      setNext(page.nextBefore);
      setError(null);
    } catch (err) {
      setError(err instanceof Error ? err.message : t('common.networkError'));
    } finally {
      setLoading(false);
    }
  }, [entityType, t]);

  useEffect(() => void load(null), [load]);
  const when = (iso: string) => new Date(iso).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'medium' });

  return (
    <Page title={t('admin.audit.title')} intro={t('admin.audit.intro')}>
      <div className="toolbar">
        <SelectField label={t('admin.audit.filter')} value={entityType} onChange={(e) => setEntityType(e.target.value)}>
          <option value="">{t('admin.audit.all')}</option>
          {ENTITY_TYPES.map((type) => <option key={type} value={type}>{t(`admin.audit.entities.${type}`)}</option>)}
        </SelectField>
      </div>
      {error && <p className="form-error" role="alert">{error}</p>}
      {!loading && entries.length === 0 && <p className="empty">{t('admin.audit.empty')}</p>}
      {entries.length > 0 && (
        <table className="table audit">
          <thead>
            <tr>
              <th scope="col">{t('admin.audit.when')}</th>
              <th scope="col">{t('admin.audit.who')}</th>
              <th scope="col">{t('admin.audit.what')}</th>
              <th scope="col">{t('admin.audit.changes')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id}>
                <td><time dateTime={e.at}>{when(e.at)}</time></td>
                <td>{e.actor.name}</td>
                <td>
                  <strong>{t(`admin.audit.actions.${e.action}`, { defaultValue: e.action })}</strong>{' '}
                  {t(`admin.audit.entities.${e.entityType}`, { defaultValue: e.entityType })}
                  {e.entityName && <div>{e.entityName}</div>}
                </td>
                <td>
                  {e.changes.length > 0 && (
                    <ul className="changes">
                      {e.changes.map((c, i) => (
                        <li key={i}>
                          <code>{c.field}</code>{' '}
                          {c.secret ? <span className="muted">{t('admin.audit.secretChanged')}</span> : <ChangeValues from={c.from} to={c.to} hasFrom={'from' in c} />}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {loading && <p className="loading" role="status">{t('common.loading')}</p>}
      {next && !loading && <button type="button" onClick={() => void load(next)}>{t('admin.audit.older')}</button>}
    </Page>
  );
}

function show(value: unknown): string {
  if (value === null || value === undefined) return '—';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function ChangeValues({ from, to, hasFrom }: { from: unknown; to: unknown; hasFrom: boolean }) {
  const { t } = useTranslation();
  return hasFrom ? (
    <span><del aria-label={t('admin.audit.before')}>{show(from)}</del> → <ins aria-label={t('admin.audit.after')}>{show(to)}</ins></span>
  ) : (
    <span>{show(to)}</span>
  );
}
