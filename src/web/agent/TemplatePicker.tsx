import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../shell/api';
import { useLocale } from '../shell/time';
import type { Conversation, Template } from './types';
import { fillTemplate, missingVariables, placeholdersOf, templateVersions, type TemplateVersion } from './template-fill';
import { errorText } from './errors';

let templatesOnce: Promise<Template[]> | null = null;
function loadTemplates(): Promise<Template[]> {
  templatesOnce ??= api<{ items: Template[] }>('GET', '/api/v1/templates').then((a) => a.items, (err) => {
    templatesOnce = null;
    throw err;
  });
  return templatesOnce;
}

type Props = { conversation: Conversation; windowOpen: boolean; onSent(messageId: string): void; onCancel?(): void };

/**
 * Approved WhatsApp templates: filter by language and name, see the approved text with its
 * placeholders, fill a field per variable with a live preview, and send.
 */
export function TemplatePicker({ conversation, windowOpen, onSent, onCancel }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [versions, setVersions] = useState<TemplateVersion[] | null>(null);
  const [language, setLanguage] = useState<string>('');
  const [search, setSearch] = useState('');
  const [chosen, setChosen] = useState<TemplateVersion | null>(null);
  const [variables, setVariables] = useState<Record<string, string>>({});
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    loadTemplates().then(
      (templates) => {
        const all = templateVersions(templates);
        setVersions(all);
        // The customer's language, or the one their number suggests, so the picker opens on templates they can read.
        const preferred = (conversation.customer.language ?? conversation.customer.inferredLanguage)?.split('-')[0];
        setLanguage(preferred && all.some((v) => v.language.split('-')[0] === preferred) ? all.find((v) => v.language.split('-')[0] === preferred)!.language : '');
      },
      (err) => setError(errorText(err, t)),
    );
  }, [conversation.customer.language, conversation.customer.inferredLanguage, t]);

  const languages = useMemo(() => [...new Set((versions ?? []).map((v) => v.language))].sort(), [versions]);
  const shown = (versions ?? []).filter((v) => (!language || v.language === language) && v.name.toLowerCase().includes(search.trim().toLowerCase()));
  const missing = chosen ? missingVariables(chosen.text, variables) : [];
  const blocked = chosen !== null && !chosen.contentSid && !windowOpen;

  async function send() {
    if (!chosen || missing.length || blocked) return;
    setSending(true);
    setError(null);
    try {
      const used = Object.fromEntries(placeholdersOf(chosen.text).map((k) => [k, variables[k].trim()]));
      const answer = await api<{ id: string }>('POST', `/api/v1/conversations/${conversation.id}/messages`, {
        body: { templateId: chosen.templateId, variables: used, language: chosen.language },
      });
      setChosen(null);
      setVariables({});
      onSent(answer.id);
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setSending(false);
    }
  }

  return (
    <section className="template-picker" aria-label={t('agent.templates.title')}>
      <div className="template-head">
        <h3>{t('agent.templates.title')}</h3>
        {onCancel && <button type="button" onClick={onCancel}>{t('common.close')}</button>}
      </div>
      <div className="template-filters">
        <label>
          {t('agent.templates.language')}
          <select value={language} onChange={(e) => setLanguage(e.target.value)}>
            <option value="">{t('agent.templates.allLanguages')}</option>
            {languages.map((l) => <option key={l} value={l}>{languageName(l, locale)}</option>)}
          </select>
        </label>
        <label>
          {t('agent.templates.search')}
          <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
        </label>
      </div>
      {versions === null && !error && <p className="muted" role="status">{t('common.loading')}</p>}
      {versions !== null && shown.length === 0 && <p className="muted">{t('agent.templates.none')}</p>}
      <ul className="template-list" aria-label={t('agent.templates.list')}>
        {shown.map((v) => {
          const selected = chosen?.templateId === v.templateId && chosen.language === v.language;
          return (
            <li key={`${v.templateId}-${v.language}`}>
              <button type="button" className={`template-option${selected ? ' selected' : ''}`} aria-pressed={selected} onClick={() => { setChosen(v); setError(null); }}>
                <span className="template-name">{v.name} <span className="lang-chip">{v.language}</span>{!v.contentSid && <span className="warn"> · {windowOpen ? t('agent.templates.noContentSid') : t('agent.templates.onlyInWindow')}</span>}</span>
                <span className="template-text"><Filled text={v.text} variables={{}} /></span>
              </button>
            </li>
          );
        })}
      </ul>
      {chosen && (
        <div className="template-fill">
          {placeholdersOf(chosen.text).map((key) => (
            <label key={key}>
              {t('agent.templates.variable', { key })}
              <input value={variables[key] ?? ''} onChange={(e) => setVariables({ ...variables, [key]: e.target.value })} />
            </label>
          ))}
          <div className="template-preview" aria-label={t('agent.templates.preview')} role="note">
            <span className="muted">{t('agent.templates.preview')}</span>
            <p><Filled text={chosen.text} variables={variables} /></p>
          </div>
          {blocked && <p role="alert" className="warn">{t('agent.templates.needsContentSid')}</p>}
          <button type="button" className="primary" disabled={sending || missing.length > 0 || blocked} onClick={() => void send()}>
            {sending ? t('common.working') : t('agent.templates.send')}
          </button>
          {missing.length > 0 && <span className="muted"> {t('agent.templates.missing', { keys: missing.map((k) => `{{${k}}}`).join(', ') })}</span>}
        </div>
      )}
      {error && <p role="alert" className="error">{error}</p>}
    </section>
  );
}

function Filled({ text, variables }: { text: string; variables: Record<string, string> }) {
  return (
    <>
      {fillTemplate(text, variables).map((part, i) =>
        part.placeholder ? <mark key={i} className={part.missing ? 'placeholder missing' : 'placeholder'}>{part.text}</mark> : <span key={i}>{part.text}</span>,
      )}
    </>
  );
}

function languageName(code: string, locale: string): string {
  try {
    const name = new Intl.DisplayNames([locale], { type: 'language' }).of(code);
    return name && name !== code ? `${name} (${code})` : code;
  } catch {
    return code;
  }
}
