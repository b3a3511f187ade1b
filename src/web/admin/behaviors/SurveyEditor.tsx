import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../shell/api';
import { CheckboxField, FieldSet, FormError, SelectField, TextField } from '../../shell/fields';
import { useForm } from '../../shell/use-form';
import { FormActions, useCanEdit } from '../ui';
import type { TemplateView } from '../types';
import type { BehaviorsView, SurveySettings } from './behaviors-types';

/** The post-conversation survey: whether, how, how long an answer counts, and the template outside the window. */
export function SurveyEditor({ workstreamId, survey, templates, onSaved }: { workstreamId: string; survey: SurveySettings; templates: TemplateView[]; onSaved: (b: BehaviorsView) => void }) {
  const { t } = useTranslation();
  const canEdit = useCanEdit();
  const [saved, setSaved] = useState(false);
  const form = useForm({ enabled: survey.enabled, channel: survey.channel, answerWithinMinutes: String(survey.answerWithinMinutes), templateId: survey.templateId ?? '' }, {
    networkMessage: t('common.networkError'),
    aliases: { 'survey.answerWithinMinutes': 'answerWithinMinutes', 'survey.templateId': 'templateId' },
    validate: (v) => ({
      answerWithinMinutes: /^\d+$/.test(v.answerWithinMinutes) && Number(v.answerWithinMinutes) >= 5 && Number(v.answerWithinMinutes) <= 10080 ? undefined : t('admin.errors.range', { min: 5, max: 10080 }),
    }),
  });
  const { values, set, errors } = form;
  return (
    <form className="card form" noValidate aria-labelledby="survey-title" onSubmit={(e) => {
      e.preventDefault();
      void form.submit(async (v) => {
        const body = { survey: { enabled: v.enabled, channel: v.channel, answerWithinMinutes: Number(v.answerWithinMinutes), templateId: v.templateId || null } };
        onSaved(await api<BehaviorsView>('PUT', `/api/v1/workstreams/${workstreamId}/behaviors`, { body }));
        setSaved(true);
      });
    }}>
      <h2 id="survey-title">{t('admin.channelSetup.survey')}</h2>
      <fieldset className="plain" disabled={!canEdit}>
        <CheckboxField label={t('admin.channelSetup.surveyOn')} hint={t('admin.channelSetup.surveyHint')} checked={values.enabled} onChange={(e) => { setSaved(false); set('enabled', e.target.checked); }} />
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
      <FormError message={form.formError} />
      {canEdit && (
        <FormActions>
          {saved && <span className="ok" role="status">{t('admin.saved')}</span>}
          <button type="submit" className="primary" disabled={form.submitting}>{t('admin.behaviors.saveSurvey')}</button>
        </FormActions>
      )}
    </form>
  );
}
