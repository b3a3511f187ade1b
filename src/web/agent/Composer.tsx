import { useEffect, useImperativeHandle, useRef, useState, type KeyboardEvent, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, uploadWithProgress } from '../shell/api';
import { useAuth } from '../shell/auth';
import { WhatsAppText } from '../shell/WhatsAppText';
import { hasFormatting, wrapSelection } from '../shell/whatsapp-format';
import { formatDuration, useLocale, useNow } from '../shell/time';
import type { Conversation } from './types';
import { windowLeft } from './conversation-list';
import type { ChannelView } from '../shell/channels';
import { smsSegments } from '../../shared/sms-segments';
import { attachmentProblem } from './attachments';
import { insertReply, matchingReplies, replyText, slashQuery, useQuickReplies, type QuickReply } from './quick-replies';
import { EmojiPicker } from './EmojiPicker';
import { ClockIcon } from '../shell/icons';
import { AttachButton, PendingFiles, QuickReplyList } from './ComposerParts';
import { errorText } from './errors';

export type ComposerHandle = { addFiles(files: File[]): void; focus(): void };

type Props = {
  conversation: Conversation;
  /** What the conversation's channel carries; undefined while loading (then nothing channel-specific shows). */
  capabilities: ChannelView['capabilities'] | undefined;
  handle: Ref<ComposerHandle>;
  onSent(messageId: string): void;
  onWindowClosed(): void;
  onOpenTemplates(): void;
};

const HOUR = 3600_000;
const FORMATS = [
  { marker: '*', key: 'bold', glyph: 'B' },
  { marker: '_', key: 'italic', glyph: 'I' },
  { marker: '~', key: 'strike', glyph: 'S' },
  { marker: '```', key: 'mono', glyph: '</>' },
] as const;

/** Drafts survive switching between conversations (not reloads). */
const drafts = new Map<string, string>();
/** Workstreams whose agents the server refused attachments to: hide the button there. */
const noAttachments = new Set<string>();

/**
 * Free-form replies while the channel allows them: text, emoji, quick replies, attachments, and
 * what the channel adds (formatting, templates, the SMS segment count).
 */
export function Composer({ conversation, capabilities, handle, onSent, onWindowClosed, onOpenTemplates }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const now = useNow(15_000);
  const box = useRef<HTMLTextAreaElement>(null);
  const [text, setTextState] = useState(() => drafts.get(conversation.id) ?? '');
  const [caret, setCaret] = useState(0);
  const [files, setFiles] = useState<File[]>([]);
  const [problems, setProblems] = useState<string[]>([]);
  const [progress, setProgress] = useState<number | null>(null);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [activeReply, setActiveReply] = useState(0);
  const [repliesClosed, setRepliesClosed] = useState(false);
  const attachmentsAllowed = conversation.agentAttachments && !(conversation.workstreamId && noAttachments.has(conversation.workstreamId));

  const setText = (value: string) => {
    setTextState(value);
    drafts.set(conversation.id, value);
    setRepliesClosed(false);
  };

  function addFiles(incoming: File[]) {
    if (!attachmentsAllowed) {
      setProblems([t('agent.errors.ATTACHMENTS_NOT_ALLOWED')]);
      return;
    }
    const refused: string[] = [];
    const accepted = incoming.filter((file) => {
      const problem = attachmentProblem(file);
      if (problem?.kind === 'type') refused.push(t('agent.composer.fileType', { name: file.name, type: problem.type }));
      if (problem?.kind === 'size') refused.push(t('agent.composer.fileSize', { name: file.name, size: problem.sizeMb, limit: problem.limitMb }));
      return !problem;
    });
    setProblems(refused);
    setFiles((current) => [...current, ...accepted].slice(0, 10));
  }

  useImperativeHandle(handle, () => ({ addFiles, focus: () => box.current?.focus() }));

  const { me } = useAuth();
  const { replies, refresh: refreshReplies } = useQuickReplies();
  const slash = repliesClosed ? null : slashQuery(text, caret);
  const slashTyped = slash !== null;
  // Each time "/" starts a word, ask the server again: a reply added meanwhile shows up.
  useEffect(() => {
    if (slashTyped) refreshReplies();
  }, [slashTyped, refreshReplies]);
  const matches = slash ? matchingReplies(replies, slash.query, conversation.customer.language).slice(0, 8) : [];
  const repliesOpen = matches.length > 0;
  const names = { customer: conversation.customer.name || conversation.customer.profileName, agent: me?.name ?? null };
  const previewOf = (reply: QuickReply) => replyText(reply, names);

  function chooseReply(reply: QuickReply) {
    if (!slash) return;
    const next = insertReply(text, slash, previewOf(reply));
    setText(next.text);
    setCaret(next.caret);
    requestAnimationFrame(() => box.current?.setSelectionRange(next.caret, next.caret));
  }

  function applyFormat(marker: string) {
    const el = box.current;
    if (!el) return;
    const next = wrapSelection(text, el.selectionStart, el.selectionEnd, marker);
    setText(next.text);
    requestAnimationFrame(() => {
      el.focus();
      el.setSelectionRange(next.start, next.end);
    });
  }

  function insertAtCaret(value: string) {
    const el = box.current;
    const at = el?.selectionStart ?? text.length;
    setText(text.slice(0, at) + value + text.slice(el?.selectionEnd ?? at));
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(at + value.length, at + value.length);
    });
  }

  async function send() {
    if (sending || (!text.trim() && files.length === 0)) return;
    setSending(true);
    setError(null);
    const path = `/api/v1/conversations/${conversation.id}/messages`;
    try {
      let answer: { id: string };
      if (files.length) {
        const form = new FormData();
        form.append('body', text);
        for (const file of files) form.append('files', file, file.name);
        setProgress(0);
        answer = await uploadWithProgress<{ id: string }>(path, form, setProgress);
      } else {
        answer = await api<{ id: string }>('POST', path, { body: { body: text } });
      }
      setText('');
      setFiles([]);
      setProblems([]);
      onSent(answer.id);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'WHATSAPP_WINDOW_CLOSED') onWindowClosed();
      if (err instanceof ApiError && err.code === 'ATTACHMENTS_NOT_ALLOWED' && conversation.workstreamId) noAttachments.add(conversation.workstreamId);
      setError(errorText(err, t));
    } finally {
      setSending(false);
      setProgress(null);
    }
  }

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (repliesOpen) {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        setActiveReply((i) => (i + (e.key === 'ArrowDown' ? 1 : matches.length - 1)) % matches.length);
        return;
      }
      if (e.key === 'Enter' || e.key === 'Tab') {
        e.preventDefault();
        chooseReply(matches[Math.min(activeReply, matches.length - 1)]);
        return;
      }
      if (e.key === 'Escape') {
        e.preventDefault();
        setRepliesClosed(true);
        return;
      }
    }
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      void send();
    }
  }

  const left = windowLeft(conversation, now);
  const listId = `quick-replies-${conversation.id}`;
  const segments = capabilities?.segments && text ? smsSegments(text) : null;
  return (
    <div className="composer">
      {left !== null && (
        <p className={`window-countdown${left < HOUR ? ' closing' : ''}`} role="status">
          <ClockIcon /> {t('agent.composer.windowClosesIn', { left: formatDuration(left, locale) })}
        </p>
      )}
      <div className="composer-toolbar" role="toolbar" aria-label={t('agent.composer.toolbar')}>
        {capabilities?.formatting && FORMATS.map((f) => (
          <button key={f.key} type="button" className={`format-${f.key}`} aria-label={t(`agent.composer.format.${f.key}`)} title={t(`agent.composer.format.${f.key}`)} onClick={() => applyFormat(f.marker)}>
            {f.glyph}
          </button>
        ))}
        <EmojiPicker onPick={insertAtCaret} />
        {attachmentsAllowed && <AttachButton onFiles={addFiles} />}
        {capabilities?.templates && <button type="button" onClick={onOpenTemplates}>{t('agent.composer.templates')}</button>}
      </div>
      {repliesOpen && <QuickReplyList id={listId} replies={matches} active={activeReply} preview={previewOf} onChoose={chooseReply} />}
      <textarea
        ref={box}
        className="composer-input"
        value={text}
        rows={Math.min(8, Math.max(2, text.split('\n').length))}
        placeholder={t('agent.composer.placeholder')}
        aria-label={t('agent.composer.message')}
        aria-autocomplete="list"
        aria-controls={repliesOpen ? listId : undefined}
        aria-activedescendant={repliesOpen ? `${listId}-${activeReply}` : undefined}
        aria-keyshortcuts="Alt+M"
        onChange={(e) => {
          setText(e.target.value);
          setCaret(e.target.selectionStart);
          setActiveReply(0);
        }}
        onSelect={(e) => setCaret(e.currentTarget.selectionStart)}
        onKeyDown={onKeyDown}
        onPaste={(e) => {
          const pasted = [...e.clipboardData.files];
          if (pasted.length) {
            e.preventDefault();
            addFiles(pasted);
          }
        }}
      />
      {capabilities?.formatting && hasFormatting(text) && (
        <div className="format-preview" aria-label={t('agent.composer.preview')} role="note">
          <span className="muted">{t('agent.composer.preview')}</span>
          <p><WhatsAppText text={text} /></p>
        </div>
      )}
      <PendingFiles files={files} onRemove={(i) => setFiles(files.filter((_, j) => j !== i))} />
      {progress !== null && <progress className="upload-progress" max={1} value={progress} aria-label={t('agent.composer.uploading')} />}
      {problems.map((p) => <p key={p} role="alert" className="error">{p}</p>)}
      {error && <p role="alert" className="error">{error}</p>}
      <div className="composer-send">
        <span className="muted hint">{t('agent.composer.hint')}</span>
        {segments && (
          <span className="segment-count" role="status" aria-live="polite" title={t('agent.composer.segmentsHint')}>
            {t('agent.composer.segments', { count: segments.segments, encoding: segments.encoding, remaining: segments.remaining })}
          </span>
        )}
        <button type="button" className="primary" disabled={sending || (!text.trim() && files.length === 0)} onClick={() => void send()}>
          {sending ? t('common.working') : t('agent.composer.send')}
        </button>
      </div>
    </div>
  );
}
