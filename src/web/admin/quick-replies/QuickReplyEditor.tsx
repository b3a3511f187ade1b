import { useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../shell/api';
import { useAuth } from '../../shell/auth';
import { useForm } from '../../shell/use-form';
import { FormError, SelectField, TextAreaField, TextField } from '../../shell/fields';
import { useResource } from '../../shell/use-resource';
import { FormActions, Loaded, Page } from '../ui';
import type { CannedResponseView, Items } from '../types';
import { LANGUAGES, languageName } from '../languages';
import { fillPlaceholders, QUICK_REPLY_PLACEHOLDERS, SHORTCUT_MAX, TITLE_MAX } from '../../../shared/quick-reply-text';
import { createQuickReplyBody, newQuickReplyValues, quickReplyProblems, quickReplyValuesOf, updateQuickReplyBody, type QuickReplyValues } from './quick-reply-form';
import { PlaceholderText } from './PlaceholderText';

const LIST = '/admin/quick-replies';

export function QuickReplyEditor() {
  const { id } = useParams();
  const { t } = useTranslation();
  const replies = useResource<Items<CannedResponseView>>(id ? '/api/v1/canned-responses' : null);
  if (!id) return <Page title={t('admin.quickReplies.newTitle')} intro={t('admin.quickReplies.newIntro')}><QuickReplyForm /></Page>;
  return (
    <Loaded resource={replies}>
      {({ items }) => {
        const reply = items.find((r) => r.id === id);
        if (!reply) return <p role="alert">{t('common.notFound')}</p>;
        return <Page title={`/${reply.shortcut}`}><QuickReplyForm key={reply.id} reply={reply} /></Page>;
      }}
    </Loaded>
  );
}

function QuickReplyForm({ reply }: { reply?: CannedResponseView }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  // Where the caret was in the text, so a placeholder button inserts there.
  const selection = useRef<{ start: number; end: number } | null>(null);
  const form = useForm<QuickReplyValues>(reply ? quickReplyValuesOf(reply) : newQuickReplyValues(), {
    networkMessage: t('common.networkError'),
    validate: (v) => Object.fromEntries(Object.entries(quickReplyProblems(v)).map(([f, p]) => [f, p && t(p.key, p.values)])),
  });
  const { values, set, errors } = form;
  const ui = i18n.resolvedLanguage ?? 'en';

  async function save(v: QuickReplyValues) {
    if (reply) await api('PATCH', `/api/v1/canned-responses/${reply.id}`, { body: updateQuickReplyBody(v, reply) });
    else await api('POST', '/api/v1/canned-responses', { body: createQuickReplyBody(v) });
    navigate(LIST);
  }

  /** Puts a placeholder where the caret was (at the end otherwise), as the person would type it. */
  function insertPlaceholder(name: string) {
    const { start, end } = selection.current ?? { start: values.body.length, end: values.body.length };
    const token = `{${name}}`;
    set('body', values.body.slice(0, start) + token + values.body.slice(end));
    selection.current = { start: start + token.length, end: start + token.length };
  }

  return (
    <div className="template-layout">
      <form className="form" noValidate aria-label={t('admin.quickReplies.form')} onSubmit={(e) => { e.preventDefault(); void form.submit(save); }}>
        <section className="card stack">
          <div className="row">
            <TextField label={t('admin.quickReplies.shortcut')} hint={t('admin.quickReplies.shortcutHint')} value={values.shortcut} error={errors.shortcut}
              onChange={(e) => set('shortcut', e.target.value)} maxLength={SHORTCUT_MAX + 1} className="mono-input" placeholder="greet" autoComplete="off" />
            <TextField label={t('admin.quickReplies.replyTitle')} hint={t('admin.quickReplies.titleHint')} value={values.title} error={errors.title}
              onChange={(e) => set('title', e.target.value)} maxLength={TITLE_MAX} />
          </div>
          <div className="row">
            <SelectField label={t('admin.quickReplies.language')} value={values.language} onChange={(e) => set('language', e.target.value)}>
              <option value="">{t('admin.quickReplies.anyLanguage')}</option>
              {(values.language && !LANGUAGES.includes(values.language as (typeof LANGUAGES)[number]) ? [values.language, ...LANGUAGES] : LANGUAGES).map((l) => (
                <option key={l} value={l}>{languageName(l, ui)} ({l})</option>
              ))}
            </SelectField>
            <SelectField label={t('admin.quickReplies.scope')} hint={t(`admin.quickReplies.scopeHints.${values.scope}`)} value={values.scope}
              onChange={(e) => set('scope', e.target.value as QuickReplyValues['scope'])} disabled={!!reply}>
              <option value="shared">{t('admin.quickReplies.scopes.shared')}</option>
              <option value="personal">{t('admin.quickReplies.scopes.personal')}</option>
            </SelectField>
          </div>
          <TextAreaField label={t('admin.quickReplies.body')} hint={t('admin.quickReplies.bodyHint')} value={values.body} error={errors.body}
            onChange={(e) => set('body', e.target.value)} rows={5} lang={values.language || undefined}
            onSelect={(e) => (selection.current = { start: e.currentTarget.selectionStart, end: e.currentTarget.selectionEnd })} />
          <div className="row" role="group" aria-label={t('admin.quickReplies.insert')}>
            {QUICK_REPLY_PLACEHOLDERS.map((name) => (
              <button key={name} type="button" onClick={() => insertPlaceholder(name)}>{t('admin.quickReplies.insertPlaceholder', { name: `{${name}}` })}</button>
            ))}
          </div>
        </section>
        <FormError message={form.formError} />
        <FormActions>
          {reply && <DeleteQuickReply reply={reply} />}
          <span className="spacer" />
          <button type="button" onClick={() => navigate(LIST)}>{t('common.cancel')}</button>
          <button type="submit" className="primary" disabled={form.submitting}>{reply ? t('common.save') : t('admin.quickReplies.create')}</button>
        </FormActions>
      </form>
      <QuickReplyPreview text={values.body} />
    </div>
  );
}

/** How the text reads once inserted, with sample names in place of the placeholders. */
function QuickReplyPreview({ text }: { text: string }) {
  const { t } = useTranslation();
  const { me } = useAuth();
  const sample = fillPlaceholders(text, { CustomerName: t('admin.quickReplies.sampleCustomer'), AgentName: me?.name });
  return (
    <section className="card template-preview" aria-labelledby="preview-title">
      <h2 id="preview-title">{t('admin.quickReplies.preview')}</h2>
      <p className="muted small">{t('admin.quickReplies.previewHint')}</p>
      <div className="wa-bubble" aria-live="polite" aria-label={t('admin.quickReplies.previewBubble')}>
        <PlaceholderText text={sample} />
      </div>
    </section>
  );
}

function DeleteQuickReply({ reply }: { reply: CannedResponseView }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function remove() {
    try {
      await api('DELETE', `/api/v1/canned-responses/${reply.id}`);
      navigate(LIST);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t('common.networkError'));
    }
  }
  if (!confirming) return <button type="button" className="danger" onClick={() => setConfirming(true)}>{t('admin.quickReplies.delete')}</button>;
  return (
    <span className="confirm-inline" role="group" aria-label={t('admin.quickReplies.delete')}>
      <span>{t('admin.quickReplies.deleteConfirm', { shortcut: `/${reply.shortcut}` })}</span>
      <button type="button" className="danger" onClick={() => void remove()}>{t('admin.quickReplies.deleteYes')}</button>
      <button type="button" onClick={() => { setConfirming(false); setError(null); }}>{t('common.cancel')}</button>
      {error && <span className="error" role="alert">{error}</span>}
    </span>
  );
}
