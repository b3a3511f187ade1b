import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../shell/api';
import type { Conversation } from './types';
import { errorText } from './errors';

export type Label = Conversation['labels'][number];

/** The label catalogue admins keep; read once per mount (labels change rarely). */
export function useLabelCatalogue(): Label[] {
  const [labels, setLabels] = useState<Label[]>([]);
  useEffect(() => {
    const controller = new AbortController();
    api<{ items: Label[] }>('GET', '/api/v1/labels', { signal: controller.signal })
      .then((answer) => setLabels(answer.items))
      .catch(() => {});
    return () => controller.abort();
  }, []);
  return labels;
}

/** A label as a small chip in its colour; with onRemove, a button takes it off. */
export function LabelChip({ label, onRemove, disabled }: { label: Label; onRemove?(): void; disabled?: boolean }) {
  const { t } = useTranslation();
  return (
    <span className="label-chip" style={{ ['--label-color' as string]: label.color }}>
      {label.name}
      {onRemove && (
        <button type="button" className="label-remove" disabled={disabled} onClick={onRemove} aria-label={t('agent.labels.remove', { name: label.name })}>
          ×
        </button>
      )}
    </span>
  );
}

/** The labels on a conversation in its header: anyone who sees it adds and removes them, any time. */
export function ConversationLabels({ conversation: c, catalogue }: { conversation: Conversation; catalogue: Label[] }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const missing = catalogue.filter((l) => !c.labels.some((on) => on.id === l.id));

  async function change(run: () => Promise<unknown>) {
    setBusy(true);
    setError(null);
    try {
      await run();
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setBusy(false);
    }
  }
  // The realtime conversation.updated brings the new labels to this view and every other one.
  const add = (labelId: string) => change(() => api('POST', `/api/v1/conversations/${c.id}/labels`, { body: { labelId } }));
  const remove = (labelId: string) => change(() => api('DELETE', `/api/v1/conversations/${c.id}/labels/${labelId}`));

  if (catalogue.length === 0 && c.labels.length === 0) return null;
  return (
    <div className="pane-labels" role="group" aria-label={t('agent.labels.label')}>
      {c.labels.map((l) => (
        <LabelChip key={l.id} label={l} disabled={busy} onRemove={() => void remove(l.id)} />
      ))}
      {missing.length > 0 && (
        <select className="label-add" value="" disabled={busy} aria-label={t('agent.labels.add')} onChange={(e) => e.target.value && void add(e.target.value)}>
          <option value="">{t('agent.labels.addShort')}</option>
          {missing.map((l) => (
            <option key={l.id} value={l.id}>{l.name}</option>
          ))}
        </select>
      )}
      {error && <span role="alert" className="error">{error}</span>}
    </div>
  );
}

/** The list's label filter: its own small control, beside whatever other filters the list has. */
export function LabelFilter({ catalogue, value, onChange }: { catalogue: Label[]; value: string; onChange(labelId: string): void }) {
  const { t } = useTranslation();
  if (catalogue.length === 0) return null;
  return (
    <select className="label-filter" value={value} onChange={(e) => onChange(e.target.value)} aria-label={t('agent.labels.filter')}>
      <option value="">{t('agent.labels.all')}</option>
      {catalogue.map((l) => (
        <option key={l.id} value={l.id}>{l.name}</option>
      ))}
    </select>
  );
}
