import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { PaperclipIcon } from '../shell/icons';
import { ACCEPTED_FILES } from './attachments';
import type { QuickReply } from './quick-replies';

type QuickReplyListProps = { id: string; replies: QuickReply[]; active: number; preview(reply: QuickReply): string; onChoose(reply: QuickReply): void };

/** The quick replies matching what follows "/", each with its text as it will be inserted, as a listbox the composer's textarea drives. */
export function QuickReplyList({ id, replies, active, preview, onChoose }: QuickReplyListProps) {
  const { t } = useTranslation();
  return (
    <ul className="quick-replies" role="listbox" id={id} aria-label={t('agent.composer.quickReplies')}>
      {replies.map((reply, i) => (
        <li
          key={reply.id}
          id={`${id}-${i}`}
          role="option"
          aria-selected={i === active}
          onMouseDown={(e) => {
            e.preventDefault();
            onChoose(reply);
          }}
        >
          <span className="quick-reply-head">
            <strong>/{reply.shortcut}</strong> <span className="quick-reply-title">{reply.title}</span>
            {reply.language && <span className="state-chip">{reply.language}</span>}
            {reply.scope === 'personal' && <span className="state-chip">{t('agent.composer.personalReply')}</span>}
          </span>
          <span className="quick-reply-text">{preview(reply)}</span>
        </li>
      ))}
    </ul>
  );
}

/** Files waiting to be sent with the message, each removable. */
export function PendingFiles({ files, onRemove }: { files: File[]; onRemove(index: number): void }) {
  const { t } = useTranslation();
  if (files.length === 0) return null;
  return (
    <ul className="pending-files" aria-label={t('agent.composer.attachments')}>
      {files.map((file, i) => (
        <li key={`${file.name}-${i}`}>
          <PaperclipIcon /> {file.name}
          <button type="button" aria-label={t('agent.composer.removeFile', { name: file.name })} onClick={() => onRemove(i)}>✕</button>
        </li>
      ))}
    </ul>
  );
}

export function AttachButton({ onFiles }: { onFiles(files: File[]): void }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" aria-label={t('agent.composer.attach')} title={t('agent.composer.attach')} onClick={() => input.current?.click()}><PaperclipIcon /></button>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        accept={ACCEPTED_FILES}
        aria-label={t('agent.composer.attach')}
        onChange={(e) => {
          onFiles([...(e.target.files ?? [])]);
          e.target.value = '';
        }}
      />
    </>
  );
}
