import { useTranslation } from 'react-i18next';
import { CheckboxField, FieldSet, FormError, SelectField, TextField } from '../../shell/fields';
import { useForm } from '../../shell/use-form';
import { useCanEdit } from '../ui';
import type { TemplateView } from '../types';
import type { SurveySettings } from './behaviors-types';
import { useBehaviorsSection } from './behaviors-save';

/** The post-conversation survey: whether, how, how long an answer counts, and the template outside the window. */
export function SurveyEditor({ survey, templates }: { survey: SurveySettings; templates: TemplateView[] }) {
  const { t } = useTranslation();
  const canEdit = useCanEdit();
  const form = useForm({ enabled: survey.enabled, channel: survey.channel, answerWithinMinutes: String(survey.answerWithinMinutes), templateId: survey.templateId ?? '' }, {
    networkMessage: t('common.networkError'),
    aliases: { 'survey.answerWithinMinutes': 'answerWithinMinutes', 'survey.templateId': 'templateId' },
    validate: (v) => ({
      answerWithinMinutes: /^\d+$/.test(v.answerWithinMinutes) && Number(v.answerWithinMinutes) >= 5 && Number(v.answerWithinMinutes) <= 10080 ? undefined : t('admin.errors.range', { min: 5, max: 10080 }),
    }),
  });
  useBehaviorsSection('survey', t('admin.channelSetup.survey'), form, (v) => ({
    survey: { enabled: v.enabled, channel: v.channel, answerWithinMinutes: Number(v.answerWithinMinutes), templateId: v.templateId || null },
  }));
  const { values, set, errors } = form;
  return (
    <section className="card form" aria-labelledby="survey-title">
      <h2 id="survey-title">{t('admin.channelSetup.survey')}</h2>
      <fieldset className="plain" disabled={!canEdit}>
        <CheckboxField label={t('admin.channelSetup.surveyOn')} hint={t('admin.channelSetup.surveyHint')} checked={values.enabled} onChange={(e) => set('enabled', e.target.checked)} />
        {/* The options keep their values while the survey is off; they only count once it is on. */}
        <fieldset className="plain" disabled={!values.enabled} aria-describedby={values.enabled ? undefined : 'survey-off-hint'}>
          {!values.enabled && <p id="survey-off-hint" className="muted">{t('admin.behaviors.surveyOffHint')}</p>}
          <FieldSet legend={t('admin.behaviors.surveyChannel')}>
            {(['chat', 'link'] as const).map((c) => (
              <label key={c} className="radio">
                <input type="radio" name="survey-editor-channel" checked={values.channel === c} onChange={() => set('channel', c)} />
                <span>{t(`admin.behaviors.surveyChannels.${c}`)}</span>
              </label>
            ))}
          </FieldSet>
          <div className="row">
            <TextField label={t('admin.behaviors.answerWithin')} type="number" min={5} max={10080} value={values.answerWithinMinutes} error={errors.answerWithinMinutes} onChange={(e) => set('answerWithinMinutes', e.target.value)} />
            <SelectField label={t('admin.behaviors.surveyTemplate')} hint={t('admin.behaviors.surveyTemplateHint', { one: '{{1}}' })} value={values.templateId} error={errors.templateId} onChange={(e) => set('templateId', e.target.value)}>
              <option value="">{t('admin.behaviors.noTemplate')}</option>
              {templates.map((tpl) => <option key={tpl.id} value={tpl.id}>{tpl.name}</option>)}
            </SelectField>
          </div>
        </fieldset>
      </fieldset>
      <FormError message={form.formError} />
    </section>
  );
}
