import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../shell/api';
import { SelectField, TextField } from '../../shell/fields';
import { useLocale } from '../../shell/time';
import { Page } from '../ui';
import type { AuditEntryView, AuditPage } from '../types';
import { dayStart, fieldWords, valueText } from './audit-format';

const ENTITY_TYPES = [
  'messaging-account', 'whatsapp-number', 'workstream', 'routing-rule', 'classification-ruleset', 'capacity-profile', 'queue', 'user', 'template',
  'retention-setting', 'message-content', 'customer', 'canned-response',
] as const;

type Filters = { entityType: string; q: string; fromDay: string; toDay: string };
const NO_FILTERS: Filters = { entityType: '', q: '', fromDay: '', toDay: '' };

/** The query for a page of entries: the days are the admin's own, from the first day's start to the last day's end. */
function queryOf(f: Filters, before: string | null) {
  return new URLSearchParams({
    limit: '50',
    ...(f.entityType ? { entityType: f.entityType } : {}),
    ...(f.q.trim() ? { q: f.q.trim() } : {}),
    ...(f.fromDay ? { from: dayStart(f.fromDay) } : {}),
    ...(f.toDay ? { to: dayStart(f.toDay, 1) } : {}),
    ...(before ? { before } : {}),
  });
}

/** Who changed which setting when, newest first, in words: names instead of ids, each change as "field: before → after". */
export function AuditLogPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const [draft, setDraft] = useState<Filters>(NO_FILTERS);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [entries, setEntries] = useState<AuditEntryView[]>([]);
  const [names, setNames] = useState<Record<string, string>>({});
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const rangeError = draft.fromDay && draft.toDay && draft.toDay < draft.fromDay ? t('admin.audit.rangeBackwards') : undefined;

  const load = useCallback(async (before: string | null) => {
    setLoading(true);
    try {
      const page = await api<AuditPage>('GET', `/api/v1/audit-log?${queryOf(filters, before)}`);
      setEntries((old) => (before ? [...old, ...page.items] : page.items));
      setNames((old) => (before ? { ...old, ...page.names } : page.names));
      setNext(page.nextBefore);
      setError(null);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t('common.networkError'));
    } finally {
      setLoading(false);
    }
  }, [filters, t]);

  useEffect(() => void load(null), [load]);
  const when = (iso: string) => new Date(iso).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'medium' });
  const words = { yes: t('admin.yes'), no: t('admin.no'), none: '—' };
  // Values the admin center names in words: presences and roles.
  const shown = (field: string, value: unknown) => {
    if (typeof value === 'string' && /(^|\.)(defaultPresence|presence)$/.test(field)) return t(`common.presence.${value}`, { defaultValue: value });
    if (typeof value === 'string' && /(^|\.)role$/.test(field)) return t(`admin.roles.${value}`, { defaultValue: value });
    return valueText(value, names, words);
  };
  const filtered = filters.q.trim() !== '' || filters.fromDay !== '' || filters.toDay !== '';

  return (
    <Page title={t('admin.audit.title')} intro={t('admin.audit.intro')}>
      <form className="audit-filters" role="search" aria-label={t('admin.audit.searchLabel')} noValidate
        onSubmit={(e) => { e.preventDefault(); if (!rangeError) setFilters(draft); }}>
        <SelectField label={t('admin.audit.filter')} value={draft.entityType}
          onChange={(e) => { const entityType = e.target.value; setDraft((d) => ({ ...d, entityType })); setFilters((f) => ({ ...f, entityType })); }}>
          <option value="">{t('admin.audit.all')}</option>
          {ENTITY_TYPES.map((type) => <option key={type} value={type}>{t(`admin.audit.entities.${type}`)}</option>)}
        </SelectField>
        <TextField label={t('admin.audit.search')} hint={t('admin.audit.searchHint')} type="search" maxLength={100} value={draft.q}
          onChange={(e) => setDraft((d) => ({ ...d, q: e.target.value }))} />
        <TextField label={t('admin.audit.from')} type="date" value={draft.fromDay} onChange={(e) => setDraft((d) => ({ ...d, fromDay: e.target.value }))} />
        <TextField label={t('admin.audit.to')} type="date" value={draft.toDay} error={rangeError} onChange={(e) => setDraft((d) => ({ ...d, toDay: e.target.value }))} />
        <div className="audit-filter-actions">
          <button type="submit" className="primary">{t('admin.audit.apply')}</button>
          {filtered && <button type="button" onClick={() => { const cleared = { ...NO_FILTERS, entityType: draft.entityType }; setDraft(cleared); setFilters(cleared); }}>{t('admin.audit.clear')}</button>}
        </div>
      </form>
      {error && <p className="form-error" role="alert">{error}</p>}
      {!loading && !error && entries.length === 0 && <p className="empty">{filtered ? t('admin.audit.noMatch') : t('admin.audit.empty')}</p>}
      {entries.length > 0 && (
        <ol className="audit-list" aria-label={t('admin.audit.entriesLabel')}>
          {entries.map((e) => {
            const what = t(`admin.audit.entities.${e.entityType}`, { defaultValue: e.entityType });
            const action = t(`admin.audit.actions.${e.action}`, { defaultValue: e.action });
            return (
              <li key={e.id} className="audit-entry">
                <p className="audit-sentence">
                  {e.entityName ? t('admin.audit.sentence', { who: e.actor.name, action, what, name: e.entityName }) : t('admin.audit.sentenceNoName', { who: e.actor.name, action, what })}
                  {' '}<time className="muted small" dateTime={e.at}>{when(e.at)}</time>
                </p>
                {e.changes.length > 0 && (
                  <ul className="changes">
                    {e.changes.map((c, i) => (
                      <li key={i}>
                        <span className="change-field">{t(`admin.audit.fields.${c.field}`, { defaultValue: fieldWords(c.field) })}:</span>{' '}
                        {c.secret ? <span className="muted">{t('admin.audit.secretChanged')}</span>
                          : 'from' in c ? (
                            <span><del aria-label={t('admin.audit.before')}>{shown(c.field, c.from)}</del> → <ins aria-label={t('admin.audit.after')}>{shown(c.field, c.to)}</ins></span>
                          ) : <span>{shown(c.field, c.to)}</span>}
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            );
          })}
        </ol>
      )}
      {loading && <p className="loading" role="status">{t('common.loading')}</p>}
      {next && !loading && <button type="button" onClick={() => void load(next)}>{t('admin.audit.older')}</button>}
    </Page>
  );
}
