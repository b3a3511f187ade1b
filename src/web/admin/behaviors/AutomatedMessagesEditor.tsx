import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { CheckboxField, FormError } from '../../shell/fields';
import { useForm } from '../../shell/use-form';
import { useCanEdit } from '../ui';
import { languageName } from '../languages';
import type { BehaviorsView, TriggerDefinition } from './behaviors-types';
import { useBehaviorsSection } from './behaviors-save';
import { editorLanguages, triggerSettings, unknownPlaceholders, type TriggerDraft } from './texts';

const CATALOGUE_LANGUAGES = ['en', 'ko', 'es'];

/** Each automated message: on or off, and its text rewritten per language (empty: the default). */
export function AutomatedMessagesEditor({ language, catalogue, behaviors }: { language: string; catalogue: TriggerDefinition[]; behaviors: BehaviorsView }) {
  const { t, i18n } = useTranslation();
  const canEdit = useCanEdit();
  const ui = i18n.resolvedLanguage ?? 'en';
  const initial = Object.fromEntries(catalogue.map((d) => {
    const settings = behaviors.automatedMessages[d.trigger as keyof BehaviorsView['automatedMessages']];
    return [d.trigger, { enabled: settings?.enabled ?? d.enabledByDefault, texts: { ...settings?.texts } }];
  })) as Record<string, TriggerDraft>;
  const form = useForm<Record<string, TriggerDraft>>(initial, {
    networkMessage: t('common.networkError'),
    validate: (v) => Object.fromEntries(catalogue.flatMap((d) => Object.entries(v[d.trigger].texts).map(([lang, text]) => {
      const unknown = unknownPlaceholders(text, d.placeholders);
      return [`${d.trigger}.${lang}`, unknown.length ? t('admin.errors.unknownPlaceholders', { list: unknown.map((p) => `{${p}}`).join(', ') }) : undefined];
    }))),
  });
  const update = (trigger: string, patch: Partial<TriggerDraft>) => {
    form.set(trigger, { ...form.values[trigger], ...patch });
    for (const lang of Object.keys(patch.texts ?? {})) form.touch(`${trigger}.${lang}`);
  };

  // Only the messages that changed are sent, so the audit log lists what the admin changed and nothing else.
  const savedDrafts = useRef(initial);
  useBehaviorsSection('automatedMessages', t('admin.channelSetup.automatedMessages'), form, (v) => ({
    automatedMessages: Object.fromEntries(Object.entries(v)
      .filter(([trigger, draft]) => JSON.stringify(draft) !== JSON.stringify(savedDrafts.current[trigger]))
      .map(([trigger, draft]) => [trigger, triggerSettings(draft)])),
  }), (sent) => {
    savedDrafts.current = sent;
    return sent;
  });

  return (
    <section className="card form" aria-labelledby="automated-title">
      <h2 id="automated-title">{t('admin.channelSetup.automatedMessages')}</h2>
      <p className="muted">{t('admin.behaviors.textsIntro')}</p>
      <fieldset className="plain" disabled={!canEdit}>
        {catalogue.map((d) => {
          const draft = form.values[d.trigger];
          const languages = editorLanguages(CATALOGUE_LANGUAGES, language, Object.keys(draft.texts));
          return (
            <details key={d.trigger} className="trigger">
              <summary>
                <strong>{t(`admin.behaviors.triggers.${d.trigger}`)}</strong>{' '}
                <span className={draft.enabled ? 'badge ok' : 'badge'}>{draft.enabled ? t('admin.behaviors.on') : t('admin.behaviors.off')}</span>
                {d.audience === 'agent' && <span className="muted"> ({t('admin.behaviors.toAgent')})</span>}
              </summary>
              <CheckboxField label={t('admin.behaviors.sendThis', { name: t(`admin.behaviors.triggers.${d.trigger}`) })} checked={draft.enabled} onChange={(e) => update(d.trigger, { enabled: e.target.checked })}
                hint={d.placeholders.length ? t('admin.behaviors.placeholders', { list: d.placeholders.map((p) => `{${p}}`).join(' ') }) : undefined} />
              {languages.map((lang) => {
                const error = form.errors[`${d.trigger}.${lang}`];
                const id = `text-${d.trigger}-${lang}`;
                return (
                  <div key={lang} className="field">
                    <label htmlFor={id}>{t('admin.behaviors.textIn', { name: t(`admin.behaviors.triggers.${d.trigger}`), language: languageName(lang, ui) })}</label>
                    <textarea id={id} rows={2} lang={lang} value={draft.texts[lang] ?? ''} placeholder={d.defaults[lang] ?? d.defaults.en}
                      aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined}
                      onChange={(e) => update(d.trigger, { texts: { ...draft.texts, [lang]: e.target.value } })} />
                    {error && <span id={`${id}-error`} className="field-error" role="alert">{error}</span>}
                  </div>
                );
              })}
            </details>
          );
        })}
      </fieldset>
      <FormError message={form.formError} />
    </section>
  );
}
