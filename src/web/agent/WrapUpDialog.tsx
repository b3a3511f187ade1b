import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Conversation } from './types';
import type { WrapUpBody } from '../../server/conversations/schema';
import { LabelChip, type Label } from './labels';
import { errorText } from './errors';

type Props = {
  action: 'end' | 'close';
  conversation: Conversation;
  catalogue: Label[];
  onSubmit(wrapUp: WrapUpBody): Promise<void>;
  onCancel(): void;
};

/**
 * End and Close ask for the wrap-up: a reason from the workstream's list (marked required when the
 * workstream requires one), labels and a summary. Close keeps its confirmation wording: it is final.
 */
export function WrapUpDialog({ action, conversation: c, catalogue, onSubmit, onCancel }: Props) {
  const { t } = useTranslation();
  const [reason, setReason] = useState(c.wrapUpReason ?? '');
  const [labelIds, setLabelIds] = useState<string[]>([]);
  const [summary, setSummary] = useState(c.wrapUpSummary ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const needsReason = c.wrapUpReasonRequired && !c.wrapUpReason;
  const addable = catalogue.filter((l) => !c.labels.some((on) => on.id === l.id));
  const toggle = (id: string) => setLabelIds((ids) => (ids.includes(id) ? ids.filter((x) => x !== id) : [...ids, id]));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await onSubmit({
        ...(reason && reason !== c.wrapUpReason ? { reason } : {}),
        ...(labelIds.length ? { labelIds } : {}),
        ...(summary.trim() && summary !== c.wrapUpSummary ? { summary } : {}),
      });
    } catch (err) {
      setError(errorText(err, t));
      setBusy(false);
    }
  }

  return (
    <form className="wrap-up" role="alertdialog" aria-labelledby="wrap-up-title" onSubmit={(e) => void submit(e)} onKeyDown={(e) => e.key === 'Escape' && onCancel()}>
      <p id="wrap-up-title" className="wrap-up-title">{action === 'close' ? t('agent.actions.confirmClose') : t('agent.wrapUp.titleEnd')}</p>
      {c.wrapUpReasons.length > 0 && (
        <label className="wrap-up-field">
          <span>{t('agent.wrapUp.reason')}{needsReason ? ` (${t('agent.wrapUp.required')})` : ''}</span>
          <select value={reason} required={needsReason} autoFocus onChange={(e) => setReason(e.target.value)}>
            <option value="">{needsReason ? t('agent.wrapUp.choose') : t('agent.wrapUp.noReason')}</option>
            {c.wrapUpReasons.map((r) => (
              <option key={r} value={r}>{r}</option>
            ))}
          </select>
        </label>
      )}
      {addable.length > 0 && (
        <fieldset className="wrap-up-field wrap-up-labels">
          <legend>{t('agent.wrapUp.labels')}</legend>
          {addable.map((l) => (
            <label key={l.id} className="wrap-up-label">
              <input type="checkbox" checked={labelIds.includes(l.id)} onChange={() => toggle(l.id)} />
              <LabelChip label={l} />
            </label>
          ))}
        </fieldset>
      )}
      <label className="wrap-up-field">
        <span>{t('agent.wrapUp.summary')}</span>
        <textarea value={summary} maxLength={2000} rows={2} placeholder={t('agent.wrapUp.summaryPlaceholder')} onChange={(e) => setSummary(e.target.value)} />
      </label>
      {error && <p role="alert" className="error">{error}</p>}
      <div className="wrap-up-actions">
        <button type="submit" className={action === 'close' ? 'danger' : 'primary'} disabled={busy || (needsReason && !reason)}>
          {action === 'close' ? t('agent.actions.closeConfirmed') : t('agent.wrapUp.endConfirmed')}
        </button>
        <button type="button" onClick={onCancel}>{t('common.cancel')}</button>
      </div>
    </form>
  );
}
