import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../shell/api';
import { CheckboxField, FormError, TextField } from '../../shell/fields';
import { useCanEdit } from '../ui';
import type { ClassificationRule, RulesetView } from './routing-types';
import { ConditionRows } from './ConditionRows';
import { OutputRows } from './OutputRows';
import { SortableList } from './SortableList';
import { cleanOutputs, conditionProblem } from './rule-rows';

/** Work classification: rulesets in order; in each, the first matching rule sets its outputs. */
export function RulesetsSection({ workstreamId, rulesets, reload }: { workstreamId: string; rulesets: RulesetView[]; reload: () => Promise<void> }) {
  const { t } = useTranslation();
  const canEdit = useCanEdit();
  const [error, setError] = useState<string | null>(null);
  const [newName, setNewName] = useState('');
  const base = `/api/v1/workstreams/${workstreamId}/classification-rulesets`;

  async function act(action: () => Promise<unknown>) {
    setError(null);
    try {
      await action();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t('common.networkError'));
    }
    await reload();
  }

  return (
    <section className="card" aria-labelledby="rulesets-title">
      <h2 id="rulesets-title">{t('admin.routing.classificationTitle')}</h2>
      <p className="muted">{t('admin.routing.classificationIntro')}</p>
      <FormError message={error} />
      {rulesets.length === 0 && <p className="empty">{t('admin.routing.noRulesets')}</p>}
      <SortableList items={rulesets} keyOf={(r) => r.id} labelOf={(r) => r.name} disabled={!canEdit}
        onReorder={(ordered) => void act(() => Promise.all(ordered.map((r, i) => (r.order === i * 10 ? null : api('PATCH', `${base}/${r.id}`, { body: { order: i * 10 } })))))}>
        {(ruleset) => <RulesetEditor key={ruleset.id} ruleset={ruleset} base={base} reload={reload} />}
      </SortableList>
      {canEdit && (
        <form className="inline-form" onSubmit={(e) => { e.preventDefault(); if (newName.trim()) void act(() => api('POST', base, { body: { name: newName.trim(), order: rulesets.length * 10, rules: [] } })).then(() => setNewName('')); }}>
          <TextField label={t('admin.routing.newRulesetName')} value={newName} onChange={(e) => setNewName(e.target.value)} maxLength={100} />
          <button type="submit" disabled={!newName.trim()}>{t('admin.routing.addRuleset')}</button>
        </form>
      )}
    </section>
  );
}

const newRule = (n: number): ClassificationRule => ({ name: `Rule ${n}`, enabled: true, conditions: [], outputs: {} });

function RulesetEditor({ ruleset, base, reload }: { ruleset: RulesetView; base: string; reload: () => Promise<void> }) {
  const { t } = useTranslation();
  const canEdit = useCanEdit();
  const [rules, setRules] = useState<ClassificationRule[]>(ruleset.rules);
  const [enabled, setEnabled] = useState(ruleset.enabled);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const dirty = JSON.stringify(rules) !== JSON.stringify(ruleset.rules) || enabled !== ruleset.enabled;
  const invalid = rules.some((r) => !r.name.trim() || r.conditions.some((c) => conditionProblem(c)));
  const update = (i: number, patch: Partial<ClassificationRule>) => { setSaved(false); setRules(rules.map((r, j) => (j === i ? { ...r, ...patch } : r))); };

  async function save() {
    setBusy(true);
    setError(null);
    try {
      const stored = await api<RulesetView>('PATCH', `${base}/${ruleset.id}`, { body: { enabled, rules: rules.map((r) => ({ ...r, name: r.name.trim(), outputs: cleanOutputs(r.outputs) })) } });
      setRules(stored.rules);
      setEnabled(stored.enabled);
      setSaved(true);
      await reload();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t('common.networkError'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className={`ruleset ${enabled ? '' : 'disabled'}`}>
      <div className="rule-head">
        <h3>{ruleset.name}</h3>
        <CheckboxField label={t('admin.routing.enabled')} checked={enabled} disabled={!canEdit} onChange={(e) => { setSaved(false); setEnabled(e.target.checked); }} />
        {canEdit && (
          <button type="button" className="danger" onClick={() => void api('DELETE', `${base}/${ruleset.id}`).then(reload, (err: Error) => setError(err.message))}
            aria-label={t('admin.routing.deleteNamed', { name: ruleset.name })}>{t('common.delete')}</button>
        )}
      </div>
      <SortableList items={rules} keyOf={(r) => String(rules.indexOf(r))} labelOf={(r) => r.name} disabled={!canEdit} onReorder={(r) => { setSaved(false); setRules(r); }}>
        {(rule, i) => (
          <fieldset className={`rule ${rule.enabled === false ? 'disabled' : ''}`} disabled={!canEdit}>
            <legend className="visually-hidden">{rule.name}</legend>
            <div className="rule-head">
              <TextField label={t('admin.routing.ruleName')} value={rule.name} onChange={(e) => update(i, { name: e.target.value })} maxLength={100}
                error={rule.name.trim() ? undefined : t('admin.errors.required')} />
              <CheckboxField label={t('admin.routing.enabled')} checked={rule.enabled !== false} onChange={(e) => update(i, { enabled: e.target.checked })} />
              <button type="button" className="danger" onClick={() => setRules(rules.filter((_, j) => j !== i))} aria-label={t('admin.routing.removeNamed', { name: rule.name })}>{t('admin.remove')}</button>
            </div>
            <ConditionRows label={t('admin.routing.conditionsOf', { name: rule.name })} conditions={rule.conditions} onChange={(conditions) => update(i, { conditions })} />
            <h4>{t('admin.routing.thenSet')}</h4>
            <OutputRows label={t('admin.routing.outputsOf', { name: rule.name })} outputs={rule.outputs} onChange={(outputs) => update(i, { outputs })} />
          </fieldset>
        )}
      </SortableList>
      <FormError message={error} />
      {canEdit && (
        <div className="inline-actions">
          <button type="button" onClick={() => { setSaved(false); setRules([...rules, newRule(rules.length + 1)]); }}>{t('admin.routing.addRule')}</button>
          <button type="button" className="primary" disabled={!dirty || invalid || busy} onClick={() => void save()}>{t('admin.routing.saveRuleset', { name: ruleset.name })}</button>
          {saved && !dirty && <span className="ok" role="status">{t('admin.saved')}</span>}
        </div>
      )}
    </div>
  );
}
