import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../shell/api';
import { BODY_MAX, normalizeShortcut, TITLE_MAX } from '../../shared/quick-reply-text';
import { useQuickReplies } from './quick-replies';
import { errorText } from './errors';

/** An agent's own quick replies: add one (only they see it) or remove one; the team's shared ones are listed for reference. */
export function MyQuickReplies({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const { replies, refresh } = useQuickReplies();
  const [draft, setDraft] = useState({ shortcut: '', title: '', body: '' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  const mine = replies.filter((r) => r.scope === 'personal');
  const shared = replies.filter((r) => r.scope === 'shared');

  async function run(action: () => Promise<unknown>) {
    setBusy(true);
    setError(null);
    try {
      await action();
      refresh();
      return true;
    } catch (err) {
      setError(errorText(err, t));
      return false;
    } finally {
      setBusy(false);
    }
  }

  async function add(e: FormEvent) {
    e.preventDefault();
    const body = { shortcut: normalizeShortcut(draft.shortcut), title: draft.title.trim(), body: draft.body, scope: 'personal' };
    if (await run(() => api('POST', '/api/v1/canned-responses', { body }))) setDraft({ shortcut: '', title: '', body: '' });
  }

  return (
    <div className="modal-backdrop" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <div className="modal card my-quick-replies" role="dialog" aria-modal="true" aria-labelledby="my-replies-title">
        <h2 id="my-replies-title">{t('agent.myReplies.title')}</h2>
        <p className="muted">{t('agent.myReplies.explain')}</p>
        <ul className="participants" aria-label={t('agent.myReplies.mine')}>
          {mine.length === 0 && <li className="muted">{t('agent.myReplies.none')}</li>}
          {mine.map((r) => (
            <li key={r.id}>
              <span><strong>/{r.shortcut}</strong> {r.title}</span>
              <button type="button" disabled={busy} aria-label={t('agent.myReplies.remove', { shortcut: `/${r.shortcut}` })} onClick={() => void run(() => api('DELETE', `/api/v1/canned-responses/${r.id}`))}>✕</button>
            </li>
          ))}
        </ul>
        <form onSubmit={add} className="my-replies-form">
          <label>
            {t('agent.myReplies.shortcut')}
            <input ref={first} required value={draft.shortcut} maxLength={33} placeholder="refund" onChange={(e) => setDraft({ ...draft, shortcut: e.target.value })} />
          </label>
          <label>
            {t('agent.myReplies.replyTitle')}
            <input required value={draft.title} maxLength={TITLE_MAX} onChange={(e) => setDraft({ ...draft, title: e.target.value })} />
          </label>
          <label>
            {t('agent.myReplies.text')}
            <textarea required rows={3} value={draft.body} maxLength={BODY_MAX} onChange={(e) => setDraft({ ...draft, body: e.target.value })} />
          </label>
          <p className="muted hint">{t('agent.myReplies.placeholders')}</p>
          <button type="submit" className="primary" disabled={busy}>{t('agent.myReplies.add')}</button>
        </form>
        {error && <p role="alert" className="error">{error}</p>}
        {shared.length > 0 && <p className="muted hint">{t('agent.myReplies.shared', { list: shared.map((r) => `/${r.shortcut}`).join(' ') })}</p>}
        <div className="modal-actions">
          <button type="button" onClick={onClose}>{t('common.close')}</button>
        </div>
      </div>
    </div>
  );
}
