import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../shell/api';
import { errorText } from './errors';

/** A private note for colleagues: stored on the conversation, never sent to the customer. */
export function NoteForm({ conversationId, onAdded, onCancel }: { conversationId: string; onAdded(): void; onCancel(): void }) {
  const { t } = useTranslation();
  const [body, setBody] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!body.trim()) return;
    setBusy(true);
    setError(null);
    try {
      await api('POST', `/api/v1/conversations/${conversationId}/notes`, { body: { body } });
      setBody('');
      onAdded();
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="note-form" onSubmit={(e) => void submit(e)} aria-label={t('agent.notes.form')}>
      <p className="muted">{t('agent.notes.hint')}</p>
      <textarea
        autoFocus
        value={body}
        maxLength={4000}
        rows={3}
        aria-label={t('agent.notes.body')}
        placeholder={t('agent.notes.placeholder')}
        onChange={(e) => setBody(e.target.value)}
        onKeyDown={(e) => e.key === 'Escape' && onCancel()}
      />
      {error && <p role="alert" className="error">{error}</p>}
      <div className="note-form-actions">
        <button type="submit" className="primary" disabled={busy || !body.trim()}>{t('agent.notes.save')}</button>
        <button type="button" onClick={onCancel}>{t('common.cancel')}</button>
      </div>
    </form>
  );
}
