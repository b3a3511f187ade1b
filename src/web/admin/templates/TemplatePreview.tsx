import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FieldSet, SelectField, TextField } from '../../shell/fields';
import { WhatsAppText } from '../../shell/WhatsAppText';
import { placeholdersOf, previewOf, type TemplateValues } from './template-text';

/** The message as the customer will read it, in each language, with sample values for the placeholders. */
export function TemplatePreview({ values }: { values: TemplateValues }) {
  const { t } = useTranslation();
  const [samples, setSamples] = useState<Record<string, string>>({});
  const [language, setLanguage] = useState('');
  const versions = [{ language: values.defaultLanguage, text: values.text }, ...values.localizations];
  const shown = versions.find((v) => v.language === language) ?? versions[0];
  const placeholders = placeholdersOf(values.text);
  return (
    <section className="card template-preview" aria-labelledby="preview-title">
      <h2 id="preview-title">{t('admin.templates.preview')}</h2>
      {versions.length > 1 && (
        <SelectField label={t('admin.templates.previewLanguage')} value={shown.language} onChange={(e) => setLanguage(e.target.value)}>
          {versions.map((v, i) => <option key={`${v.language}-${i}`} value={v.language}>{v.language}</option>)}
        </SelectField>
      )}
      {placeholders.length > 0 && (
        <FieldSet legend={t('admin.templates.sampleValues')}>
          {placeholders.map((p) => (
            <TextField key={p} label={`{{${p}}}`} value={samples[p] ?? ''} onChange={(e) => setSamples({ ...samples, [p]: e.target.value })} />
          ))}
        </FieldSet>
      )}
      <div className="wa-bubble" lang={shown.language} aria-live="polite" aria-label={t('admin.templates.previewBubble')}>
        {previewOf(shown.text, samples).map((s, i) =>
          s.placeholder ? <mark key={i} className={s.text.startsWith('{{') ? 'unfilled' : 'filled'}>{s.text}</mark> : <WhatsAppText key={i} text={s.text} />,
        )}
      </div>
    </section>
  );
}
