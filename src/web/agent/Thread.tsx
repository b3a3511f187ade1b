import { Fragment, useEffect, useLayoutEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDayLabel, formatTime, localDayKey, useLocale } from '../shell/time';
import type { Message, TimelineEvent } from './types';
import { MessageBubble } from './MessageBubble';
import { describeEvent, isShownInThread } from './describe-event';
import { useNames } from './queue-names';

type Item = { at: string; message?: Message; event?: TimelineEvent };

/** The conversation's messages and state changes in time order, with a separator per day. */
export function Thread({ messages, timeline, myId, formatted, onResend, focusMessageId }: { messages: Message[]; timeline: TimelineEvent[]; myId: string; formatted?: boolean; onResend(m: Message): void; focusMessageId?: string | null }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const names = useNames();
  const end = useRef<HTMLDivElement>(null);
  const container = useRef<HTMLDivElement>(null);
  const pinned = useRef(true);
  const items: Item[] = [
    ...messages.map((m) => ({ at: m.createdAt, message: m })),
    ...timeline.filter(isShownInThread).map((e) => ({ at: e.createdAt, event: e })),
  ].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));

  // A message asked for (a search's match) is brought to the middle once, and the thread stops following the bottom.
  const focused = useRef<string | null>(null);
  const focusPresent = !!focusMessageId && messages.some((m) => m.id === focusMessageId);
  useLayoutEffect(() => {
    if (!focusMessageId || !focusPresent || focused.current === focusMessageId) return;
    const row = container.current?.querySelector<HTMLElement>(`[data-message-id="${CSS.escape(focusMessageId)}"]`);
    if (!row) return;
    focused.current = focusMessageId;
    pinned.current = false;
    row.scrollIntoView({ block: 'center' });
  }, [focusMessageId, focusPresent]);

  // Follow new messages only when the agent is already at the bottom (never yank them while reading).
  useLayoutEffect(() => {
    if (pinned.current && !(focusMessageId && focused.current !== focusMessageId)) end.current?.scrollIntoView({ block: 'end' });
  }, [items.length]);
  useEffect(() => {
    const el = container.current;
    if (!el) return;
    const onScroll = () => (pinned.current = el.scrollHeight - el.scrollTop - el.clientHeight < 80);
    el.addEventListener('scroll', onScroll);
    return () => el.removeEventListener('scroll', onScroll);
  }, []);

  let day = '';
  return (
    <div className="thread" ref={container} tabIndex={0} role="log" aria-label={t('agent.thread.label')} aria-live="polite">
      {items.map((item) => {
        const key = localDayKey(item.at);
        const separator = key !== day;
        day = key;
        return (
          <Fragment key={item.message?.id ?? `e${item.event!.id}`}>
            {separator && <div className="day-separator" role="separator"><span>{formatDayLabel(item.at, locale)}</span></div>}
            {item.message ? (
              <MessageBubble message={item.message} formatted={formatted} onResend={onResend} highlighted={item.message.id === focusMessageId} />
            ) : item.event!.type === 'note' ? (
              <NoteCard event={item.event!} myId={myId} />
            ) : handOverNote(item.event!) ? (
              <HandOverCard event={item.event!} myId={myId} />
            ) : (
              <p className="system-line" data-event-type={item.event!.type}>
                {describeEvent(item.event!, myId, t, names)} · <time dateTime={item.at}>{formatTime(item.at, locale)}</time>
              </p>
            )}
          </Fragment>
        );
      })}
      <div ref={end} />
    </div>
  );
}

const handOverNote = (event: TimelineEvent) => (event.type === 'transferred' ? String((event.data as { note?: unknown }).note ?? '').trim() : '');

/** A transfer that came with a note: the note is private, so it is shown like one, under who handed over to whom. */
function HandOverCard({ event, myId }: { event: TimelineEvent; myId: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const names = useNames();
  return (
    <aside className="note-card handover-card" data-event-type="transferred" aria-label={t('agent.transfer.handover')}>
      <p className="note-meta">
        {describeEvent(event, myId, t, names)} · <time dateTime={event.createdAt}>{formatTime(event.createdAt, locale)}</time>
      </p>
      <p className="note-body">{handOverNote(event)}</p>
    </aside>
  );
}

/** A private note: set apart from the bubbles so nobody mistakes it for something the customer saw. */
function NoteCard({ event, myId }: { event: TimelineEvent; myId: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const names = useNames();
  const author = event.actorUserId === myId ? t('agent.timeline.you') : (event.actorUserId && names.people[event.actorUserId]) || t('agent.timeline.anotherAgent');
  return (
    <aside className="note-card" data-event-type="note" aria-label={t('agent.notes.label')}>
      <p className="note-meta">
        {t('agent.notes.by', { who: author })} · <time dateTime={event.createdAt}>{formatTime(event.createdAt, locale)}</time>
      </p>
      <p className="note-body">{String((event.data as { body?: unknown }).body ?? '')}</p>
    </aside>
  );
}
