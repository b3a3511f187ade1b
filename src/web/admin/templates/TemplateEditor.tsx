import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../shell/api';
import { useForm } from '../../shell/use-form';
import { FieldSet, FormError, SelectField, TextField } from '../../shell/fields';
import { useResource } from '../../shell/use-resource';
import { FormActions, Loaded, Page, useCanEdit } from '../ui';
import type { TemplateView } from '../types';
import { LANGUAGES, languageName } from '../languages';
import { PlaceholderTextArea } from './PlaceholderTextArea';
import { TemplatePreview } from './TemplatePreview';
import { newTemplateValues, placeholdersOf, templateBody, templateProblems, templateValuesOf, type LocalizationValue, type TemplateValues } from './template-text';

export function TemplateEditor() {
  const { id } = useParams();
  const { t } = useTranslation();
  const template = useResource<TemplateView>(id ? `/api/v1/templates/${id}` : null);
  if (!id) return <Page title={t('admin.templates.newTitle')} intro={t('admin.templates.newIntro', { example: '{{1}}, {{2}}…' })}><TemplateForm /></Page>;
  return <Loaded resource={template}>{(tpl) => <Page title={tpl.name}><TemplateForm key={tpl.id} template={tpl} onSaved={template.setData} /></Page>}</Loaded>;
}

// The server lists the default language first among localizations.
const aliases = { 'localizations.0.text': 'text', 'localizations.0.contentSid': 'contentSid', 'localizations.0.language': 'defaultLanguage' };

function TemplateForm({ template, onSaved }: { template?: TemplateView; onSaved?: (t: TemplateView) => void }) {
  const { t, i18n } = useTranslation();
  const canEdit = useCanEdit();
  const navigate = useNavigate();
  const [saved, setSaved] = useState(false);
  const form = useForm<TemplateValues>(template ? templateValuesOf(template) : newTemplateValues(), {
    networkMessage: t('common.networkError'),
    aliases,
    validate: (v) => Object.fromEntries(Object.entries(templateProblems(v)).map(([f, p]) => [f, p && t(p.key, p.values)])),
  });
  const { values, set, errors } = form;
  const ui = i18n.resolvedLanguage ?? 'en';
  const placeholders = placeholdersOf(values.text);

  const updateLocalization = (i: number, patch: Partial<LocalizationValue>) => {
    set('localizations', values.localizations.map((l, j) => (j === i ? { ...l, ...patch } : l)));
    for (const field of Object.keys(patch)) form.touch(`localizations.${i}.${field}`);
  };
  const addLocalization = () => {
    const used = new Set([values.defaultLanguage, ...values.localizations.map((l) => l.language)]);
    set('localizations', [...values.localizations, { language: LANGUAGES.find((l) => !used.has(l)) ?? '', text: '', contentSid: '' }]);
  };

  async function save(v: TemplateValues) {
    setSaved(false);
    const body = templateBody(v);
    if (!template) {
      const created = await api<TemplateView>('POST', '/api/v1/templates', { body });
      navigate(`/admin/templates/${created.id}`);
      return;
    }
    onSaved?.(await api<TemplateView>('PATCH', `/api/v1/templates/${template.id}`, { body }));
    setSaved(true);
  }

  return (
    <div className="template-layout">
      <form className="form" noValidate onSubmit={(e) => { e.preventDefault(); void form.submit(save); }}>
        <fieldset className="plain stack" disabled={!canEdit}>
          <section className="card">
            <div className="row">
              <TextField label={t('admin.templates.name')} hint={t('admin.templates.nameHint')} value={values.name} error={errors.name} onChange={(e) => set('name', e.target.value)} maxLength={120} />
              <SelectField label={t('admin.templates.defaultLanguage')} value={values.defaultLanguage} error={errors.defaultLanguage} onChange={(e) => set('defaultLanguage', e.target.value)}>
                {(LANGUAGES.includes(values.defaultLanguage as (typeof LANGUAGES)[number]) ? LANGUAGES : [values.defaultLanguage, ...LANGUAGES]).map((l) => (
                  <option key={l} value={l}>{languageName(l, ui)} ({l})</option>
                ))}
              </SelectField>
            </div>
            <PlaceholderTextArea label={t('admin.templates.text')} hint={t('admin.templates.textHint', { example: '{{1}}, {{2}}…' })} value={values.text} error={errors.text} onChange={(v) => set('text', v)} lang={values.defaultLanguage} />
            <p className="muted small" aria-live="polite">
              {placeholders.length ? t('admin.templates.placeholders', { list: placeholders.map((p) => `{{${p}}}`).join(' ') }) : t('admin.templates.noPlaceholders')}
            </p>
            <TextField label={t('admin.templates.contentSid')} hint={t('admin.templates.contentSidHint')} value={values.contentSid} error={errors.contentSid}
              onChange={(e) => set('contentSid', e.target.value)} className="mono-input" placeholder="HX…" autoComplete="off" />
            {!values.contentSid.trim() && <p className="callout warn" role="note">{t('admin.templates.withoutContentSid')}</p>}
          </section>

          <section className="card" aria-labelledby="localizations-title">
            <h2 id="localizations-title">{t('admin.templates.localizations')}</h2>
            <p className="muted">{t('admin.templates.localizationsIntro')}</p>
            {errors.localizations && <p className="field-error" role="alert">{errors.localizations}</p>}
            {values.localizations.map((l, i) => (
              <FieldSet key={i} legend={t('admin.templates.localizationN', { language: l.language ? languageName(l.language, ui) : i + 1 })} className="localization">
                <div className="row">
                  <SelectField label={t('admin.templates.language')} value={l.language} error={errors[`localizations.${i}.language`]} onChange={(e) => updateLocalization(i, { language: e.target.value })}>
                    {(LANGUAGES.includes(l.language as (typeof LANGUAGES)[number]) ? LANGUAGES : [l.language, ...LANGUAGES]).map((code) => (
                      <option key={code} value={code}>{code ? `${languageName(code, ui)} (${code})` : t('admin.choose')}</option>
                    ))}
                  </SelectField>
                  <TextField label={t('admin.templates.contentSid')} value={l.contentSid} error={errors[`localizations.${i}.contentSid`]} onChange={(e) => updateLocalization(i, { contentSid: e.target.value })}
                    className="mono-input" placeholder="HX…" autoComplete="off" />
                </div>
                {!l.contentSid.trim() && <p className="callout warn" role="note">{t('admin.templates.withoutContentSid')}</p>}
                <PlaceholderTextArea label={t('admin.templates.textIn', { language: l.language || '…' })} value={l.text} error={errors[`localizations.${i}.text`]} onChange={(v) => updateLocalization(i, { text: v })} lang={l.language} rows={3} />
                <div>
                  <button type="button" className="danger" onClick={() => set('localizations', values.localizations.filter((_, j) => j !== i))}>
                    {t('admin.templates.removeLocalization', { language: l.language })}
                  </button>
                </div>
              </FieldSet>
            ))}
            <div><button type="button" onClick={addLocalization}>{t('admin.templates.addLocalization')}</button></div>
          </section>
        </fieldset>
        <FormError message={form.formError} />
        {canEdit && (
          <FormActions>
            {template && <DeleteTemplate template={template} />}
            <span className="spacer" />
            {saved && <span className="ok" role="status">{t('admin.saved')}</span>}
            <button type="submit" className="primary" disabled={form.submitting}>{template ? t('common.save') : t('admin.templates.create')}</button>
          </FormActions>
        )}
      </form>
      <TemplatePreview values={values} />
    </div>
  );
}

/** Deleting is refused by the server once messages were sent with the template (they keep it for their history). */
function DeleteTemplate({ template }: { template: TemplateView }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function remove() {
    try {
      await api('DELETE', `/api/v1/templates/${template.id}`);
      navigate('/admin/templates');
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t('common.networkError'));
    }
  }
  if (!confirming) return <button type="button" className="danger" onClick={() => setConfirming(true)}>{t('admin.templates.delete')}</button>;
  return (
    <span className="confirm-inline" role="group" aria-label={t('admin.templates.delete')}>
      <span>{t('admin.templates.deleteConfirm', { name: template.name })}</span>
      <button type="button" className="danger" onClick={() => void remove()}>{t('admin.templates.deleteYes')}</button>
      <button type="button" onClick={() => { setConfirming(false); setError(null); }}>{t('common.cancel')}</button>
      {error && <span className="error" role="alert">{error}</span>}
    </span>
  );
}
