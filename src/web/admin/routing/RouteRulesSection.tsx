import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../shell/api';
import { CheckboxField, FieldSet, FormError, SelectField, TextField } from '../../shell/fields';
import { useCanEdit } from '../ui';
import type { QueueView } from '../types';
import type { Condition, RouteRuleView } from './routing-types';
import { ConditionRows, useDescribeCondition } from './ConditionRows';
import { SortableList } from './SortableList';
import { conditionProblem } from './rule-rows';

type SplitRow = { queueId: string; percent: string };
type Draft = { name: string; enabled: boolean; conditions: Condition[]; queueId: string; split: SplitRow[] | null };

/** Route-to-queue: rules in order, the first match picks the queue; no match goes to the fallback queue. */
export function RouteRulesSection({ workstreamId, rules, queues, fallbackQueueName, reload }: {
  workstreamId: string; rules: RouteRuleView[]; queues: QueueView[]; fallbackQueueName: string; reload: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const canEdit = useCanEdit();
  const [editing, setEditing] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const base = `/api/v1/workstreams/${workstreamId}/routing-rules`;
  const queueName = (id: string | null) => queues.find((q) => q.id === id)?.name ?? '—';
  const describe = useDescribeCondition();

  async function act(action: () => Promise<unknown>) {
    setError(null);
    try {
      await action();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t('common.networkError'));
    }
    await reload();
  }

  const reorder = (ordered: RouteRuleView[]) =>
    act(() => Promise.all(ordered.map((r, i) => (r.order === i * 10 ? null : api('PATCH', `${base}/${r.id}`, { body: { order: i * 10 } })))));

  return (
    <section className="card" aria-labelledby="route-rules-title">
      <h2 id="route-rules-title">{t('admin.routing.routeTitle')}</h2>
      <p className="muted">{t('admin.routing.routeIntro', { queue: fallbackQueueName })}</p>
      <FormError message={error} />
      {rules.length === 0 && <p className="empty">{t('admin.routing.noRouteRules')}</p>}
      <SortableList items={rules} keyOf={(r) => r.id} labelOf={(r) => r.name} onReorder={(r) => void reorder(r)} disabled={!canEdit}>
        {(rule) =>
          editing === rule.id ? (
            <RouteRuleForm queues={queues} initial={{ name: rule.name, enabled: rule.enabled, conditions: rule.conditions, queueId: rule.queueId ?? '', split: rule.split?.map((p) => ({ queueId: p.queueId, percent: String(p.percent) })) ?? null }}
              onCancel={() => setEditing(null)}
              onSave={async (d) => { await api('PATCH', `${base}/${rule.id}`, { body: ruleBody(d) }); setEditing(null); await reload(); }} />
          ) : (
            <div className={`rule ${rule.enabled ? '' : 'disabled'}`}>
              <div className="rule-head">
                <strong>{rule.name}</strong>
                <CheckboxField label={t('admin.routing.enabled')} checked={rule.enabled} disabled={!canEdit}
                  onChange={(e) => void act(() => api('PATCH', `${base}/${rule.id}`, { body: { enabled: e.target.checked } }))} />
                {canEdit && (
                  <span className="row-actions">
                    <button type="button" onClick={() => setEditing(rule.id)} aria-label={t('admin.routing.editNamed', { name: rule.name })}>{t('admin.edit')}</button>
                    <button type="button" className="danger" onClick={() => void act(() => api('DELETE', `${base}/${rule.id}`))} aria-label={t('admin.routing.deleteNamed', { name: rule.name })}>{t('common.delete')}</button>
                  </span>
                )}
              </div>
              <p className="rule-summary">
                {rule.conditions.length === 0 ? t('admin.routing.always') : rule.conditions.map(describe).join(` ${t('admin.routing.and')} `)}
                {' → '}
                <strong>{rule.split ? rule.split.map((s) => `${queueName(s.queueId)} ${s.percent}%`).join(', ') : queueName(rule.queueId)}</strong>
              </p>
            </div>
          )
        }
      </SortableList>
      {canEdit && editing === null && !adding && <button type="button" onClick={() => setAdding(true)}>{t('admin.routing.addRouteRule')}</button>}
      {adding && (
        <div className="add-rule">
          <h3>{t('admin.routing.newRule')}</h3>
          <RouteRuleForm queues={queues} initial={{ name: '', enabled: true, conditions: [], queueId: '', split: null }} onCancel={() => setAdding(false)}
            onSave={async (d) => { await api('POST', base, { body: { ...ruleBody(d), order: rules.length * 10 } }); setAdding(false); await reload(); }} />
        </div>
      )}
    </section>
  );
}

function RouteRuleForm({ queues, initial, onSave, onCancel }: { queues: QueueView[]; initial: Draft; onSave: (d: Draft) => Promise<void>; onCancel?: () => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Draft>(initial);
  const [error, setError] = useState<string | null>(null);
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const group = useId();
  const problems = {
    name: draft.name.trim() ? undefined : t('admin.errors.required'),
    queueId: draft.split || draft.queueId ? undefined : t('admin.errors.chooseOne'),
    split: draft.split ? splitProblem(draft.split, t) : undefined,
    conditions: draft.conditions.some((c) => conditionProblem(c)) ? t('admin.errors.fixConditions') : undefined,
  };
  async function save() {
    setTried(true);
    if (Object.values(problems).some(Boolean)) return;
    setBusy(true);
    setError(null);
    try {
      await onSave({ ...draft, name: draft.name.trim() });
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t('common.networkError'));
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="rule-form" role="group" aria-label={draft.name || t('admin.routing.newRule')}>
      <TextField label={t('admin.routing.ruleName')} value={draft.name} error={tried || draft.name ? problems.name : undefined} onChange={(e) => setDraft({ ...draft, name: e.target.value })} maxLength={100} />
      <ConditionRows label={t('admin.routing.conditions')} conditions={draft.conditions} onChange={(conditions) => setDraft({ ...draft, conditions })} />
      <FieldSet legend={t('admin.routing.destination')}>
        <label className="radio">
          <input type="radio" name={group} checked={!draft.split} onChange={() => setDraft({ ...draft, split: null })} />
          <span>{t('admin.routing.oneQueue')}</span>
        </label>
        <label className="radio">
          <input type="radio" name={group} checked={!!draft.split}
            onChange={() => setDraft({ ...draft, split: [{ queueId: draft.queueId, percent: '50' }, { queueId: '', percent: '50' }] })} />
          <span>{t('admin.routing.splitQueues')}</span>
        </label>
        {draft.split ? (
          <SplitRows rows={draft.split} queues={queues} error={tried || draft.split.every((r) => r.queueId) ? problems.split : undefined} onChange={(split) => setDraft({ ...draft, split })} />
        ) : (
          <SelectField label={t('admin.routing.thenQueue')} value={draft.queueId} error={tried ? problems.queueId : undefined} onChange={(e) => setDraft({ ...draft, queueId: e.target.value })}>
            <option value="">{t('admin.choose')}</option>
            {queues.map((q) => <option key={q.id} value={q.id}>{q.name}</option>)}
          </SelectField>
        )}
      </FieldSet>
      {tried && problems.conditions && <p className="field-error" role="alert">{problems.conditions}</p>}
      <FormError message={error} />
      <div className="inline-actions">
        {onCancel && <button type="button" onClick={onCancel}>{t('common.cancel')}</button>}
        <button type="button" className="primary" disabled={busy} onClick={() => void save()}>{t('admin.routing.saveRule')}</button>
      </div>
    </div>
  );
}

/** The API body of a rule: one queue, or a split whose percentages are numbers. */
function ruleBody(d: Draft) {
  const { split, queueId, ...rest } = d;
  return split ? { ...rest, split: split.map((r) => ({ queueId: r.queueId, percent: Number(r.percent) })) } : { ...rest, queueId };
}

function splitProblem(rows: SplitRow[], t: (key: string, values?: Record<string, unknown>) => string): string | undefined {
  if (rows.some((r) => !r.queueId)) return t('admin.errors.chooseOne');
  if (new Set(rows.map((r) => r.queueId)).size !== rows.length) return t('admin.errors.splitTwice');
  const total = rows.reduce((sum, r) => sum + (Number(r.percent) || 0), 0);
  return total === 100 ? undefined : t('admin.errors.splitTotal', { total });
}

/** Up to five queues with the share of conversations each gets. */
function SplitRows({ rows, queues, error, onChange }: { rows: SplitRow[]; queues: QueueView[]; error?: string; onChange: (rows: SplitRow[]) => void }) {
  const { t } = useTranslation();
  const update = (i: number, patch: Partial<SplitRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <div className="condition-rows">
      {rows.map((r, i) => (
        <div key={i} className="condition-row">
          <select aria-label={t('admin.routing.splitQueueN', { n: i + 1 })} value={r.queueId} onChange={(e) => update(i, { queueId: e.target.value })}>
            <option value="">{t('admin.choose')}</option>
            {queues.map((q) => <option key={q.id} value={q.id}>{q.name}</option>)}
          </select>
          <input type="number" min={1} max={100} className="short" aria-label={t('admin.routing.splitPercentN', { n: i + 1 })} value={r.percent} onChange={(e) => update(i, { percent: e.target.value })} />
          <span aria-hidden="true">%</span>
          {rows.length > 2 && <button type="button" className="icon" aria-label={t('admin.routing.removeSplitN', { n: i + 1 })} onClick={() => onChange(rows.filter((_, j) => j !== i))}>✕</button>}
        </div>
      ))}
      {rows.length < 5 && <button type="button" onClick={() => onChange([...rows, { queueId: '', percent: '0' }])}>{t('admin.routing.addSplit')}</button>}
      {error && <span className="field-error" role="alert">{error}</span>}
    </div>
  );
}
