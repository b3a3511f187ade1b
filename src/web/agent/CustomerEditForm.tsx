import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Static } from '@sinclair/typebox';
import { api } from '../shell/api';
import type { ContactView } from '../../server/contacts/schema';
import { errorText } from './errors';

export type Contact = Static<typeof ContactView>;
type Row = { key: string; value: string };

/** Edits the name agents know the customer by, their language and free attributes (plan, city…). */
export function CustomerEditForm({ contact, suggestedLanguage, onSaved, onCancel }: { contact: Contact; suggestedLanguage?: string | null; onSaved(contact: Contact): void; onCancel(): void }) {
  const { t } = useTranslation();
  const [name, setName] = useState(contact.name ?? '');
  const [language, setLanguage] = useState(contact.language ?? '');
  const [rows, setRows] = useState<Row[]>(Object.entries(contact.attributes).map(([key, value]) => ({ key, value })));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const setRow = (i: number, patch: Partial<Row>) => setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const attributes = Object.fromEntries(rows.filter((r) => r.key.trim()).map((r) => [r.key.trim(), r.value]));
      const body = { name: name.trim() || null, language: language.trim() || null, attributes };
      onSaved(await api<Contact>('PATCH', `/api/v1/contacts/${contact.id}`, { body }));
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="customer-edit" onSubmit={(e) => void submit(e)} aria-label={t('agent.customer.editTitle')}>
      <label>
        {t('agent.customer.name')}
        <input value={name} maxLength={200} onChange={(e) => setName(e.target.value)} />
      </label>
      <label>
        {t('agent.customer.language')}
        <input value={language} maxLength={12} placeholder={suggestedLanguage ?? 'en, ko, pt-BR'} pattern="[a-z]{2,3}(-[A-Za-z]{2,4})?" title={t('agent.customer.languageHint')} onChange={(e) => setLanguage(e.target.value)} />
      </label>
      <fieldset>
        <legend>{t('agent.customer.attributes')}</legend>
        {rows.map((r, i) => (
          <div className="attribute-row" key={i}>
            <input aria-label={t('agent.customer.attributeKey')} value={r.key} maxLength={60} onChange={(e) => setRow(i, { key: e.target.value })} />
            <input aria-label={t('agent.customer.attributeValue')} value={r.value} maxLength={500} onChange={(e) => setRow(i, { value: e.target.value })} />
            <button type="button" aria-label={t('agent.customer.removeAttribute', { key: r.key })} onClick={() => setRows(rows.filter((_, j) => j !== i))}>✕</button>
          </div>
        ))}
        <button type="button" onClick={() => setRows([...rows, { key: '', value: '' }])}>{t('agent.customer.addAttribute')}</button>
      </fieldset>
      {error && <p role="alert" className="error">{error}</p>}
      <div className="customer-edit-actions">
        <button type="submit" className="primary" disabled={busy}>{t('agent.customer.save')}</button>
        <button type="button" onClick={onCancel}>{t('common.cancel')}</button>
      </div>
    </form>
  );
}
