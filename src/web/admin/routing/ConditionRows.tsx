import { useTranslation } from 'react-i18next';
import type { Condition } from './routing-types';
import { CHANNELS, FIXED_FIELDS, OPEN_FIELDS, conditionProblem, emptyCondition, fieldParts, joinField, operatorsFor, valueFor, valueText, withField } from './rule-rows';

/** "If" rows: field, operator, value; all must hold. */
export function ConditionRows({ conditions, onChange, label }: { conditions: Condition[]; onChange: (c: Condition[]) => void; label: string }) {
  const { t } = useTranslation();
  const update = (i: number, patch: Partial<Condition>) => onChange(conditions.map((c, j) => (j === i ? { ...c, ...patch } : c)));
  return (
    <div className="condition-rows" role="group" aria-label={label}>
      {conditions.length === 0 && <p className="muted small">{t('admin.routing.alwaysMatches')}</p>}
      {conditions.map((c, i) => {
        const { kind, key } = fieldParts(c.field);
        const problem = conditionProblem(c);
        const n = i + 1;
        return (
          <div key={i} className="condition-row">
            <span className="row-word">{i === 0 ? t('admin.routing.if') : t('admin.routing.and')}</span>
            <select aria-label={t('admin.routing.fieldN', { n })} value={kind} onChange={(e) => onChange(conditions.map((x, j) => (j === i ? withField(x, joinField(e.target.value, key || 'name')) : x)))}>
              {FIXED_FIELDS.map((f) => <option key={f} value={f}>{t(`admin.routing.fields.${f}`)}</option>)}
              {OPEN_FIELDS.map((f) => <option key={f} value={f}>{t(`admin.routing.fields.${f}`)}</option>)}
            </select>
            {(OPEN_FIELDS as readonly string[]).includes(kind) && (
              <input aria-label={t('admin.routing.attributeN', { n })} value={key} className="short" onChange={(e) => update(i, { field: joinField(kind, e.target.value) })} />
            )}
            <select aria-label={t('admin.routing.operatorN', { n })} value={c.operator} onChange={(e) => update(i, { operator: e.target.value as Condition['operator'], value: valueFor(e.target.value, valueText(c.value)) })}>
              {operatorsFor(kind).map((o) => <option key={o} value={o}>{t(`admin.routing.operators.${o}`)}</option>)}
            </select>
            {kind === 'channel' ? (
              <select aria-label={t('admin.routing.valueN', { n })} value={valueText(c.value)} aria-invalid={problem ? true : undefined} aria-describedby={problem ? `cond-${i}-err` : undefined}
                onChange={(e) => update(i, { value: e.target.value })}>
                {CHANNELS.map((ch) => <option key={ch} value={ch}>{t(`admin.routing.channels.${ch}`)}</option>)}
              </select>
            ) : (
              <input aria-label={t('admin.routing.valueN', { n })} value={valueText(c.value)} aria-invalid={problem ? true : undefined} aria-describedby={problem ? `cond-${i}-err` : undefined}
                placeholder={t(`admin.routing.placeholders.${c.operator}`)} onChange={(e) => update(i, { value: valueFor(c.operator, e.target.value) })} />
            )}
            {(c.field.startsWith('time.')) && (
              <input aria-label={t('admin.routing.timeZoneN', { n })} value={c.timeZone ?? ''} placeholder="UTC" className="short" onChange={(e) => update(i, { timeZone: e.target.value || undefined })} />
            )}
            <button type="button" className="icon" onClick={() => onChange(conditions.filter((_, j) => j !== i))} aria-label={t('admin.routing.removeConditionN', { n })}>✕</button>
            {problem && <span id={`cond-${i}-err`} className="field-error" role="alert">{t(problem)}</span>}
          </div>
        );
      })}
      <button type="button" onClick={() => onChange([...conditions, emptyCondition()])}>{t('admin.routing.addCondition')}</button>
    </div>
  );
}

/** A condition in words: "First message contains “refund”". */
export function useDescribeCondition(): (c: Condition) => string {
  const { t } = useTranslation();
  return (c) => {
    const { kind, key } = fieldParts(c.field);
    const value = kind === 'channel' ? t(`admin.routing.channels.${valueText(c.value)}`, { defaultValue: valueText(c.value) }) : valueText(c.value);
    return `${t(`admin.routing.fields.${kind}`)}${key ? ` ${key}` : ''} ${t(`admin.routing.operators.${c.operator}`)} “${value}”`;
  };
}
