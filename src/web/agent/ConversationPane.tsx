import { useRef, useState, type DragEvent, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../shell/api';
import type { Me } from '../shell/auth';
import { useNow } from '../shell/time';
import type { Conversation, Message, TimelineEvent } from './types';
import { canSendFreeText, customerLabel, participationOf } from './conversation-list';
import { ChannelBadge, useChannels } from '../shell/channels';
import { Thread } from './Thread';
import { Composer, type ComposerHandle } from './Composer';
import { TemplatePicker } from './TemplatePicker';
import { NoteForm } from './NoteForm';
import { errorText } from './errors';
import type { Offer } from './workspace-state';
import type { WrapUpBody } from '../../server/conversations/schema';
import { ConversationLabels, type Label } from './labels';
import { WrapUpDialog } from './WrapUpDialog';

export type ConversationAction = 'pick' | 'end' | 'wait' | 'resume' | 'close';

type Props = {
  me: Me;
  conversation: Conversation;
  messages: Message[] | undefined;
  /** A message to bring into view (the one a search matched). */
  focusMessageId?: string | null;
  timeline: TimelineEvent[];
  offer: Offer | undefined;
  composer: Ref<ComposerHandle>;
  onAction(action: ConversationAction, wrapUp?: WrapUpBody): Promise<void>;
  /** The label catalogue, for the header's labels and the wrap-up. */
  labels: Label[];
  onAcceptOffer(offer: Offer): Promise<void>;
  onRejectOffer(offer: Offer): Promise<void>;
  onTransfer(): void;
  onConsult(): void;
  onSent(messageId: string): void;
  onRefresh(): void;
  onNoteAdded(): void;
  onToggleCustomer(): void;
  customerShown: boolean;
  /** Back to the list: the way out of a conversation where the list and the conversation take turns (phones). */
  onBack(): void;
};

/** Which actions the conversation's state allows the caller (the server decides in the end). */
export function actionsFor(c: Conversation, me: Me): ConversationAction[] {
  const mine = c.assignedAgentId === me.id;
  const lead = me.role !== 'agent';
  if (c.state === 'open') return c.assignedAgentId === null || mine ? ['pick', ...(lead ? (['close'] as const) : [])] : lead ? ['close'] : [];
  if (!mine && !lead) return [];
  if (c.state === 'active') return ['wait', 'end', 'close'];
  if (c.state === 'waiting') return ['resume', 'end', 'close'];
  if (c.state === 'wrap-up') return ['close'];
  return [];
}

export const ACTION_SHORTCUTS: Record<ConversationAction, string> = { pick: 'Alt+P', end: 'Alt+E', wait: 'Alt+W', resume: 'Alt+W', close: 'Alt+C' };

export function ConversationPane(props: Props) {
  const { me, conversation: c, messages, timeline, offer, composer, onAction, onTransfer, onSent, onRefresh } = props;
  const { t } = useTranslation();
  const now = useNow(15_000);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [wrappingUp, setWrappingUp] = useState<'end' | 'close' | null>(null);
  const [templatesOpen, setTemplatesOpen] = useState(false);
  const [dragging, setDragging] = useState(false);
  const [noting, setNoting] = useState(false);
  const dragDepth = useRef(0);
  const actions = actionsFor(c, me);
  const participation = participationOf(c, me.id);
  const participant = participation === 'participant';
  const canWrite = c.state !== 'closed' && c.state !== 'open' && (c.assignedAgentId === me.id || me.role !== 'agent' || participant);
  const windowOpen = canSendFreeText(c, now);
  const capabilities = useChannels()?.[c.channel].capabilities;
  // A consulted agent cannot reply to the customer but answers the assignee in private notes.
  const canNote = c.assignedAgentId === me.id || me.role !== 'agent' || participation !== null;

  async function run(action: ConversationAction) {
    // End and Close ask for the wrap-up first; the dialog sends it.
    if (action === 'end' || action === 'close') {
      setWrappingUp(action);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onAction(action);
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setBusy(false);
    }
  }

  /** The same message goes back to the outbox (the server checks the 24-hour window). */
  async function retry(message: Message) {
    setError(null);
    try {
      await api<{ id: string }>('POST', `/api/v1/conversations/${c.id}/messages/${message.id}/retry`);
      onSent(message.id);
    } catch (err) {
      setError(errorText(err, t));
    }
  }

  const dropHandlers = canWrite && windowOpen && !c.optedOut
    ? {
        onDragEnter: (e: DragEvent) => {
          if (!e.dataTransfer.types.includes('Files')) return;
          dragDepth.current += 1;
          setDragging(true);
        },
        onDragLeave: () => {
          dragDepth.current = Math.max(0, dragDepth.current - 1);
          if (dragDepth.current === 0) setDragging(false);
        },
        onDragOver: (e: DragEvent) => e.dataTransfer.types.includes('Files') && e.preventDefault(),
        onDrop: (e: DragEvent) => {
          e.preventDefault();
          dragDepth.current = 0;
          setDragging(false);
          const files = [...e.dataTransfer.files];
          if (files.length) (composer as { current: ComposerHandle | null }).current?.addFiles(files);
        },
      }
    : {};

  return (
    <section className={`conversation-pane${dragging ? ' dragging' : ''}`} aria-label={t('agent.pane.label', { name: customerLabel(c) })} {...dropHandlers}>
      <header className="pane-header">
        <button type="button" className="pane-back" onClick={props.onBack}>
          <span aria-hidden="true">‹ </span>
          {t('agent.pane.backShort')}
        </button>
        <div className="pane-title">
          <h1>{customerLabel(c)}</h1>
          {/* A customer known only by their number (SMS has no profile name) is not named twice. */}
          {customerLabel(c) !== c.customer.phone && <span className="muted">{c.customer.phone}</span>}
          <ChannelBadge channel={c.channel} />
          <span className={`state-chip state-${c.state}`}>{t(`common.state.${c.state}`)}</span>
        </div>
        <div className="pane-actions" role="toolbar" aria-label={t('agent.pane.actions')}>
          {offer && (
            <>
              <button type="button" className="primary" disabled={busy} onClick={() => void props.onAcceptOffer(offer).catch((err) => setError(errorText(err, t)))}>{t('agent.offers.accept')}</button>
              <button type="button" disabled={busy} onClick={() => void props.onRejectOffer(offer).catch((err) => setError(errorText(err, t)))}>{t('agent.offers.reject')}</button>
            </>
          )}
          {actions.map((action) => (
            <button key={action} type="button" className={action === 'pick' ? 'primary' : action === 'close' ? 'danger' : ''} disabled={busy} onClick={() => void run(action)} aria-keyshortcuts={ACTION_SHORTCUTS[action]}>
              {t(`agent.actions.${action}`)}
            </button>
          ))}
          {actions.length > 0 && c.state !== 'wrap-up' && (
            <button type="button" disabled={busy} onClick={onTransfer} aria-keyshortcuts="Alt+T">{t('agent.actions.transfer')}</button>
          )}
          {actions.length > 0 && (c.state === 'active' || c.state === 'waiting') && (
            <button type="button" disabled={busy} onClick={props.onConsult} aria-keyshortcuts="Alt+O">{t('agent.actions.consult')}</button>
          )}
          {canNote && (
            <button type="button" aria-pressed={noting} onClick={() => setNoting(!noting)}>{t('agent.actions.note')}</button>
          )}
          <button type="button" className="customer-toggle" aria-pressed={props.customerShown} onClick={props.onToggleCustomer}>{t('agent.customer.tab')}</button>
        </div>
      </header>
      <PeopleOnConversation conversation={c} myId={me.id} />
      <ConversationLabels conversation={c} catalogue={props.labels} />
      {c.wrapUpReason || c.wrapUpSummary ? (
        <p className="pane-wrap-up">
          {c.wrapUpReason && <span>{t('agent.wrapUp.given', { reason: c.wrapUpReason })}</span>}
          {c.wrapUpSummary && <span className="muted"> — {c.wrapUpSummary}</span>}
        </p>
      ) : null}
      {wrappingUp && (
        <WrapUpDialog
          key={`${c.id}-${wrappingUp}`}
          action={wrappingUp}
          conversation={c}
          catalogue={props.labels}
          onCancel={() => setWrappingUp(null)}
          onSubmit={async (wrapUp) => {
            await onAction(wrappingUp, wrapUp);
            setWrappingUp(null);
          }}
        />
      )}
      {error && <p role="alert" className="error pane-error">{error}</p>}
      {messages ? <Thread key={c.id} messages={messages} timeline={timeline} myId={me.id} focusMessageId={props.focusMessageId} formatted={capabilities?.formatting ?? true} onResend={(m) => void retry(m)} /> : <p className="thread loading" role="status">{t('common.loading')}</p>}
      {noting && <NoteForm key={`note-${c.id}`} conversationId={c.id} onCancel={() => setNoting(false)} onAdded={() => { setNoting(false); props.onNoteAdded(); }} />}
      {dragging && <div className="drop-hint" aria-hidden="true">{t('agent.composer.dropHere')}</div>}
      <footer className="pane-footer">
        {c.state === 'closed' ? (
          <p className="notice">{t('agent.pane.closed')}</p>
        ) : !canWrite ? (
          <p className="notice">
            {c.state === 'open' ? t('agent.pane.pickToReply') : participation === 'consult' ? t('agent.pane.consultReadOnly', { name: c.assignedAgentName ?? t('agent.timeline.anotherAgent') }) : t('agent.pane.notYours')}
          </p>
        ) : c.optedOut ? (
          <p className="notice warn opted-out" role="status">{t('agent.pane.optedOut')}</p>
        ) : !windowOpen ? (
          <>
            <p className="notice warn" role="status">{t('agent.pane.windowClosed')}</p>
            {capabilities?.templates && <TemplatePicker key={c.id} conversation={c} windowOpen={false} onSent={onSent} />}
          </>
        ) : templatesOpen ? (
          <TemplatePicker key={c.id} conversation={c} windowOpen onSent={(id) => { setTemplatesOpen(false); onSent(id); }} onCancel={() => setTemplatesOpen(false)} />
        ) : (
          <Composer key={c.id} conversation={c} capabilities={capabilities} handle={composer} onSent={onSent} onWindowClosed={onRefresh} onOpenTemplates={() => setTemplatesOpen(true)} />
        )}
      </footer>
    </section>
  );
}

/** Who is on the conversation, for everyone who opens it: the assigned agent and the colleagues consulted or added. */
function PeopleOnConversation({ conversation: c, myId }: { conversation: Conversation; myId: string }) {
  const { t } = useTranslation();
  if (!c.assignedAgentName && c.participants.length === 0) return null;
  const nameOf = (id: string | null, name: string) => (id === myId ? t('agent.people.you', { name }) : name);
  return (
    <ul className="pane-people" aria-label={t('agent.people.label')}>
      {c.assignedAgentName && <li>{t('agent.people.assigned', { name: nameOf(c.assignedAgentId, c.assignedAgentName) })}</li>}
      {c.participants.map((p) => (
        <li key={p.userId}>{t(`agent.people.${p.mode}`, { name: nameOf(p.userId, p.name) })}</li>
      ))}
    </ul>
  );
}
