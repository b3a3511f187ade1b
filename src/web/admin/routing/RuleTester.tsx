import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../shell/api';
import { useForm } from '../../shell/use-form';
import { FormError, SelectField, TextField } from '../../shell/fields';
import { e164Problem } from '../accounts/validation';
import { useProblemText } from '../ui';
import type { ConditionResult, RoutingTestResult } from './routing-types';
import { CHANNELS, fieldParts, valueText } from './rule-rows';

/** "Test these rules": a sample conversation goes through classification and route-to-queue; nothing is written. */
export function RuleTester({ workstreamId, language, channel }: { workstreamId: string; language: string; channel: string }) {
  const { t } = useTranslation();
  const problem = useProblemText();
  const [result, setResult] = useState<RoutingTestResult | null>(null);
  // Empty, not an example number: a number typed here is the customer's, and a pre-filled one was
  // taken for the business number.
  const form = useForm({ channel, customerPhone: '', customerName: '', message: '', language, at: '' }, {
    networkMessage: t('common.networkError'),
    validate: (v) => ({ customerPhone: problem(e164Problem(v.customerPhone)) }),
  });
  const { values, set, errors } = form;
  return (
    <section className="card tester" aria-labelledby="tester-title">
      <h2 id="tester-title">{t('admin.routing.testTitle')}</h2>
      <p className="muted">{t('admin.routing.testIntro')}</p>
      <form className="form" noValidate onSubmit={(e) => {
        e.preventDefault();
        void form.submit(async (v) => {
          setResult(null);
          const body = {
            channel: v.channel,
            customerPhone: v.customerPhone.replace(/[^\d+]/g, ''),
            message: v.message,
            ...(v.customerName.trim() ? { customerName: v.customerName.trim() } : {}),
            ...(v.language.trim() ? { language: v.language.trim() } : {}),
            ...(v.at ? { at: new Date(v.at).toISOString() } : {}),
          };
          setResult(await api<RoutingTestResult>('POST', `/api/v1/workstreams/${workstreamId}/routing/test`, { body }));
        });
      }}>
        <div className="row">
          <SelectField label={t('admin.routing.testChannel')} value={values.channel} onChange={(e) => set('channel', e.target.value)}>
            {CHANNELS.map((ch) => <option key={ch} value={ch}>{t(`admin.routing.channels.${ch}`)}</option>)}
          </SelectField>
          <TextField label={t('admin.routing.testPhone')} value={values.customerPhone} error={errors.customerPhone} onChange={(e) => set('customerPhone', e.target.value)} inputMode="tel"
            placeholder="+821055550123" hint={t('admin.routing.testPhoneHint')} />
          <TextField label={t('admin.routing.testName')} value={values.customerName} onChange={(e) => set('customerName', e.target.value)} />
          <TextField label={t('admin.routing.testLanguage')} value={values.language} error={errors.language} onChange={(e) => set('language', e.target.value)} className="short-field" />
          <TextField label={t('admin.routing.testAt')} type="datetime-local" value={values.at} onChange={(e) => set('at', e.target.value)} hint={t('admin.routing.testAtHint')} />
        </div>
        <TextField label={t('admin.routing.testMessage')} value={values.message} error={errors.message} onChange={(e) => set('message', e.target.value)} />
        <FormError message={form.formError} />
        <div className="inline-actions"><button type="submit" className="primary" disabled={form.submitting}>{t('admin.routing.runTest')}</button></div>
      </form>
      {result && <Diagnostics result={result} />}
    </section>
  );
}

function Diagnostics({ result }: { result: RoutingTestResult }) {
  const { t } = useTranslation();
  const { classification, routeToQueue } = result;
  const outputs = classification.result;
  return (
    <div className="diagnostics" role="region" aria-label={t('admin.routing.diagnostics')} aria-live="polite">
      <p className="verdict">
        {result.ended
          ? t('admin.routing.verdictEnded')
          : t('admin.routing.verdict', { queue: result.queue?.name ?? '—', reason: t(`admin.routing.reasons.${routeToQueue.reason}`, { rule: routeToQueue.ruleName ?? '' }) })}
      </p>
      {result.overflow && (
        <p className="warn">{t('admin.routing.overflowed', { condition: result.overflow.condition, action: result.overflow.action?.action ?? t('admin.routing.waits') })}</p>
      )}
      <h3>{t('admin.routing.classificationTitle')}</h3>
      {classification.trace.length === 0 && <p className="muted">{t('admin.routing.noRulesets')}</p>}
      {classification.trace.map((rs) => (
        <div key={rs.rulesetId} className="trace">
          <p><strong>{rs.name}</strong>: {rs.matchedRule ? t('admin.routing.ruleMatched', { rule: rs.matchedRule }) : t('admin.routing.noRuleMatched')}</p>
          <ul>{rs.rules.map((r, i) => <TraceLine key={i} name={r.name} matched={r.matched} skipped={r.skipped} error={r.error} conditions={r.conditions} />)}</ul>
        </div>
      ))}
      <p>
        {t('admin.routing.outputs')}:{' '}
        {[
          outputs.skills.length ? `${t('admin.routing.skills')} ${outputs.skills.map((s) => `${s.name} (${s.proficiency})`).join(', ')}` : null,
          outputs.priority !== undefined ? `${t('admin.routing.priority')} ${outputs.priority}` : null,
          outputs.capacityRequired !== undefined ? `${t('admin.routing.capacityRequired')} ${outputs.capacityRequired}` : null,
          ...Object.entries(outputs.variables).map(([k, v]) => `${k} = ${v}`),
        ].filter(Boolean).join(' · ') || t('admin.routing.noOutputs')}
      </p>
      <h3>{t('admin.routing.routeTitle')}</h3>
      {routeToQueue.trace.length === 0 && <p className="muted">{t('admin.routing.noRouteRules')}</p>}
      <ul>{routeToQueue.trace.map((r) => <TraceLine key={r.ruleId} name={r.name} matched={r.matched} skipped={r.skipped} error={r.error} conditions={r.conditions} />)}</ul>
    </div>
  );
}

function TraceLine({ name, matched, skipped, error, conditions }: { name: string; matched: boolean; skipped?: string; error?: string; conditions: ConditionResult[] }) {
  const { t } = useTranslation();
  const fieldLabel = (field: string) => {
    const { kind, key } = fieldParts(field);
    return `${t(`admin.routing.fields.${kind}`)}${key ? ` ${key}` : ''}`;
  };
  const state = skipped ? t(`admin.routing.skipped.${skipped}`) : error ? t('admin.routing.ruleError', { error }) : matched ? t('admin.routing.matched') : t('admin.routing.notMatched');
  return (
    <li className={matched && !skipped ? 'matched' : 'unmatched'}>
      <span className="trace-mark" aria-hidden="true">{matched && !skipped ? '✓' : '✗'}</span> <strong>{name}</strong> — {state}
      {conditions.length > 0 && (
        <ul className="conditions">
          {conditions.map((c, i) => (
            <li key={i}>
              <span aria-hidden="true">{c.matched ? '✓' : '✗'}</span>{' '}
              {t('admin.routing.conditionTrace', { field: fieldLabel(c.field), operator: t(`admin.routing.operators.${c.operator}`), expected: valueText(c.expected), actual: c.actual === null ? '—' : valueText(c.actual) })}
              <span className="visually-hidden">{c.matched ? t('admin.routing.matched') : t('admin.routing.notMatched')}</span>
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}
