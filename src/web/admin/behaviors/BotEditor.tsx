import { useTranslation } from 'react-i18next';
import { CheckboxField, FieldSet, FormError, TextAreaField, TextField } from '../../shell/fields';
import { useForm } from '../../shell/use-form';
import { useCanEdit } from '../ui';
import type { BehaviorsView } from './behaviors-types';
import { useBehaviorsSection } from './behaviors-save';
import { intentDraft, intentOf, intentProblem, type IntentDraft } from './bot-form';

type Bot = BehaviorsView['bot'];
type Values = {
  kind: Bot['kind']; idleMinutes: string; welcome: string; fallbackReply: string; talkToPersonLabel: string;
  intents: IntentDraft[]; url: string; timeoutMs: string; httpSecret: string;
};

const newIntent = (): IntentDraft => ({ name: '', keywords: '', pattern: '', reply: '', buttons: '', handoff: false, variables: '' });

/** A bot that answers first: none, the built-in rule bot (intents), or an HTTP bot with a signing secret. */
export function BotEditor({ bot }: { bot: Bot }) {
  const { t } = useTranslation();
  const canEdit = useCanEdit();
  const form = useForm<Values>({
    kind: bot.kind, idleMinutes: String(bot.idleMinutes), welcome: bot.rule.welcome, fallbackReply: bot.rule.fallbackReply, talkToPersonLabel: bot.rule.talkToPersonLabel,
    intents: bot.rule.intents.map(intentDraft), url: bot.http.url ?? '', timeoutMs: String(bot.http.timeoutMs), httpSecret: '',
  }, {
    networkMessage: t('common.networkError'),
    aliases: { 'bot.http.url': 'url', 'bot.httpSecret': 'httpSecret', 'bot.rule.intents': 'intents', 'bot.idleMinutes': 'idleMinutes', 'bot.http.timeoutMs': 'timeoutMs' },
    validate: (v) => {
      const problem = v.intents.map(intentProblem).find(Boolean);
      const http = v.kind === 'http';
      return {
        idleMinutes: /^\d+$/.test(v.idleMinutes) && Number(v.idleMinutes) >= 1 && Number(v.idleMinutes) <= 1440 ? undefined : t('admin.errors.range', { min: 1, max: 1440 }),
        intents: v.kind === 'rule' && problem ? t(problem) : undefined,
        url: http && !/^https?:\/\/\S+$/.test(v.url.trim()) ? t('admin.errors.url') : undefined,
        timeoutMs: http && !(/^\d+$/.test(v.timeoutMs) && Number(v.timeoutMs) >= 200 && Number(v.timeoutMs) <= 10000) ? t('admin.errors.range', { min: 200, max: 10000 }) : undefined,
        httpSecret: http && (v.httpSecret ? v.httpSecret.length < 16 : !bot.httpSecretSet) ? t('admin.errors.botSecret') : undefined,
      };
    },
  });
  const { values, set, errors } = form;
  const updateIntent = (i: number, patch: Partial<IntentDraft>) => { set('intents', values.intents.map((x, j) => (j === i ? { ...x, ...patch } : x))); };

  useBehaviorsSection('bot', t('admin.bot.title'), form, (v) => ({
    bot: {
      kind: v.kind,
      idleMinutes: Number(v.idleMinutes),
      rule: { welcome: v.welcome, fallbackReply: v.fallbackReply, talkToPersonLabel: v.talkToPersonLabel.trim() || 'Talk to a person', intents: v.intents.map(intentOf) },
      http: { url: v.url.trim() || null, timeoutMs: Number(v.timeoutMs) || 5000 },
      ...(v.httpSecret ? { httpSecret: v.httpSecret } : {}),
    },
  }), (sent) => ({ ...sent, httpSecret: '' }));

  return (
    <section className="card form" aria-labelledby="bot-title">
      <h2 id="bot-title">{t('admin.bot.title')}</h2>
      <p className="muted">{t('admin.bot.intro')}</p>
      <fieldset className="plain" disabled={!canEdit}>
        <FieldSet legend={t('admin.bot.kind')}>
          {(['none', 'rule', 'http'] as const).map((k) => (
            <label key={k} className="radio">
              <input type="radio" name="bot-kind" checked={values.kind === k} onChange={() => set('kind', k)} />
              <span><strong>{t(`admin.bot.kinds.${k}`)}</strong> <span className="muted">— {t(`admin.bot.kindHints.${k}`)}</span></span>
            </label>
          ))}
        </FieldSet>
        {values.kind !== 'none' && (
          <TextField label={t('admin.bot.idleMinutes')} hint={t('admin.bot.idleMinutesHint')} type="number" min={1} max={1440} value={values.idleMinutes} error={errors.idleMinutes} onChange={(e) => set('idleMinutes', e.target.value)} />
        )}
        {values.kind === 'rule' && (
          <>
            <TextAreaField label={t('admin.bot.welcome')} rows={2} value={values.welcome} onChange={(e) => set('welcome', e.target.value)} maxLength={1000} />
            <TextAreaField label={t('admin.bot.fallbackReply')} rows={2} value={values.fallbackReply} onChange={(e) => set('fallbackReply', e.target.value)} maxLength={1000} />
            <TextField label={t('admin.bot.talkToPerson')} hint={t('admin.bot.talkToPersonHint')} value={values.talkToPersonLabel} onChange={(e) => set('talkToPersonLabel', e.target.value)} maxLength={20} />
            <h3>{t('admin.bot.intents')}</h3>
            {errors.intents && <p className="field-error" role="alert">{errors.intents}</p>}
            {values.intents.map((intent, i) => (
              <FieldSet key={i} legend={intent.name || t('admin.bot.intentN', { n: i + 1 })} className="localization">
                <div className="row">
                  <TextField label={t('admin.bot.intentName')} value={intent.name} onChange={(e) => updateIntent(i, { name: e.target.value })} maxLength={80} />
                  <TextField label={t('admin.bot.keywords')} hint={t('admin.bot.commaSeparated')} value={intent.keywords} onChange={(e) => updateIntent(i, { keywords: e.target.value })} />
                  <TextField label={t('admin.bot.pattern')} value={intent.pattern} onChange={(e) => updateIntent(i, { pattern: e.target.value })} maxLength={200} />
                </div>
                <TextAreaField label={t('admin.bot.reply')} rows={2} value={intent.reply} onChange={(e) => updateIntent(i, { reply: e.target.value })} maxLength={1000} />
                <div className="row">
                  <TextField label={t('admin.bot.buttons')} hint={t('admin.bot.buttonsHint')} value={intent.buttons} onChange={(e) => updateIntent(i, { buttons: e.target.value })} />
                  <TextField label={t('admin.bot.variables')} hint={t('admin.bot.variablesHint')} value={intent.variables} onChange={(e) => updateIntent(i, { variables: e.target.value })} />
                </div>
                <CheckboxField label={t('admin.bot.handoff')} checked={intent.handoff} onChange={(e) => updateIntent(i, { handoff: e.target.checked })} />
                <div><button type="button" className="danger" onClick={() => set('intents', values.intents.filter((_, j) => j !== i))}>{t('admin.bot.removeIntent', { name: intent.name || i + 1 })}</button></div>
              </FieldSet>
            ))}
            <div><button type="button" onClick={() => set('intents', [...values.intents, newIntent()])}>{t('admin.bot.addIntent')}</button></div>
          </>
        )}
        {values.kind === 'http' && (
          <>
            <TextField label={t('admin.bot.url')} hint={t('admin.bot.urlHint')} type="url" value={values.url} error={errors.url} onChange={(e) => set('url', e.target.value)} />
            <TextField label={t('admin.bot.timeoutMs')} type="number" min={200} max={10000} value={values.timeoutMs} error={errors.timeoutMs} onChange={(e) => set('timeoutMs', e.target.value)} />
            <TextField label={t('admin.bot.secret')} type="password" autoComplete="new-password" value={values.httpSecret} error={errors.httpSecret} onChange={(e) => set('httpSecret', e.target.value)}
              hint={bot.httpSecretSet ? t('admin.bot.secretSet') : t('admin.bot.secretHint')} />
          </>
        )}
      </fieldset>
      <FormError message={form.formError} />
    </section>
  );
}
