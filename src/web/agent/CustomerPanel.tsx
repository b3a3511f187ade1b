import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../shell/api';
import { WhatsAppText } from '../shell/WhatsAppText';
import { formatDateTime, formatTime, useLocale } from '../shell/time';
import type { Conversation, Message, TimelineEvent } from './types';
import { describeEvent } from './describe-event';
import { useNames, useQueueNames } from './queue-names';
import { errorText } from './errors';
import { CustomerEditForm, type Contact } from './CustomerEditForm';
import { ChannelBadge } from '../shell/channels';
import { LabelChip } from './labels';

type Props = { conversation: Conversation; timeline: TimelineEvent[]; myId: string; onClose?(): void; onCustomerChanged?(): void };

/** Who the customer is, their earlier conversations with transcripts, and this conversation's timeline. */
export function CustomerPanel({ conversation, timeline, myId, onClose, onCustomerChanged }: Props) {
  const { t } = useTranslation();
  const [tab, setTab] = useState<'customer' | 'timeline'>('customer');
  return (
    <aside className="customer-panel" aria-label={t('agent.customer.panel')}>
      <div className="panel-head">
        <div role="tablist" className="panel-tabs" aria-label={t('agent.customer.panel')}>
          <button type="button" role="tab" aria-selected={tab === 'customer'} onClick={() => setTab('customer')}>{t('agent.customer.tab')}</button>
          <button type="button" role="tab" aria-selected={tab === 'timeline'} onClick={() => setTab('timeline')}>{t('agent.timeline.tab')}</button>
        </div>
        {onClose && <button type="button" className="panel-close" aria-label={t('common.close')} onClick={onClose}>✕</button>}
      </div>
      <div role="tabpanel">
        {tab === 'customer' ? <CustomerDetails conversation={conversation} onChanged={onCustomerChanged} /> : <TimelineList timeline={timeline} myId={myId} />}
      </div>
    </aside>
  );
}

function CustomerDetails({ conversation: c, onChanged }: { conversation: Conversation; onChanged?(): void }) {
  const { t } = useTranslation();
  const queueNames = useQueueNames();
  const queueName = c.queueId ? queueNames[c.queueId] : undefined;
  const locale = useLocale();
  const language = c.customer.language;
  const guessed = language ? null : c.customer.inferredLanguage;
  const [contact, setContact] = useState<Contact | null>(null);
  const [editing, setEditing] = useState(false);
  const [keepError, setKeepError] = useState<string | null>(null);
  // The guess becomes the customer's language in one click; any other language goes through Edit.
  async function keepGuess(code: string) {
    setKeepError(null);
    try {
      setContact(await api<Contact>('PATCH', `/api/v1/contacts/${c.customer.id}`, { body: { language: code } }));
      onChanged?.();
    } catch (err) {
      setKeepError(errorText(err, t));
    }
  }
  useEffect(() => {
    setEditing(false);
    setContact(null);
    api<Contact>('GET', `/api/v1/contacts/${c.customer.id}`).then(setContact, () => {});
  }, [c.customer.id, c.customer.name, c.customer.language]);
  if (editing && contact) {
    return (
      <CustomerEditForm
        contact={contact}
        suggestedLanguage={c.customer.inferredLanguage}
        onCancel={() => setEditing(false)}
        onSaved={(saved) => {
          setContact(saved);
          setEditing(false);
          onChanged?.();
        }}
      />
    );
  }
  return (
    <>
      {contact && <button type="button" className="customer-edit-button" onClick={() => setEditing(true)}>{t('agent.customer.edit')}</button>}
      <dl className="customer-facts">
        <dt>{t('agent.customer.name')}</dt>
        <dd>{c.customer.name ?? '—'}</dd>
        <dt>{t('agent.customer.phone')}</dt>
        <dd>{c.customer.phone}</dd>
        {contact && contact.addresses.length > 0 && (
          <>
            <dt>{t('agent.customer.addresses')}</dt>
            <dd>
              <ul className="plain-list customer-addresses">
                {contact.addresses.map((a) => <li key={`${a.channel}:${a.address}`}><ChannelBadge channel={a.channel} /> <span className="mono">{a.address}</span></li>)}
              </ul>
            </dd>
          </>
        )}
        <dt>{t('agent.customer.profileName')}</dt>
        <dd>{c.customer.profileName ?? '—'}</dd>
        <dt>{t('agent.customer.language')}</dt>
        <dd className="customer-language">
          {language ? displayLanguage(language, locale) : guessed ? (
            <>
              {displayLanguage(guessed, locale)} <span className="muted">({t('agent.customer.languageGuessed')})</span>{' '}
              {contact && <button type="button" className="link" onClick={() => void keepGuess(guessed)}>{t('agent.customer.keepLanguage')}</button>}
              {keepError && <span role="alert" className="error"> {keepError}</span>}
            </>
          ) : '—'}
        </dd>
        <dt>{t('agent.customer.businessNumber')}</dt>
        <dd>{c.number}</dd>
        <dt>{t('agent.customer.queue')}</dt>
        <dd>{queueName ?? '—'}</dd>
        <dt>{t('agent.customer.since')}</dt>
        <dd>{formatDateTime(c.createdAt, locale)}</dd>
        {Object.entries(contact?.attributes ?? {}).map(([key, value]) => (
          <div key={key} className="customer-attribute">
            <dt>{key}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <PreviousConversations current={c} />
    </>
  );
}

function PreviousConversations({ current }: { current: Conversation }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [items, setItems] = useState<Conversation[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  useEffect(() => {
    setItems(null);
    api<{ items: Conversation[] }>('GET', `/api/v1/conversations?q=${encodeURIComponent(current.customer.phone)}&limit=50`).then(
      (answer) => setItems(answer.items.filter((c) => c.customer.id === current.customer.id && c.id !== current.id)),
      (err) => setError(errorText(err, t)),
    );
  }, [current.id, current.customer.id, current.customer.phone, t]);
  return (
    <section className="previous" aria-label={t('agent.customer.previous')}>
      <h3>{t('agent.customer.previous')}</h3>
      {error && <p role="alert" className="error">{error}</p>}
      {items === null && !error && <p className="muted">{t('common.loading')}</p>}
      {items?.length === 0 && <p className="muted">{t('agent.customer.noPrevious')}</p>}
      <ul>
        {items?.map((c) => (
          <li key={c.id}>
            <button type="button" aria-expanded={openId === c.id} onClick={() => setOpenId(openId === c.id ? null : c.id)}>
              <ChannelBadge channel={c.channel} /> {formatDateTime(c.createdAt, locale)} · {t(`common.state.${c.state}`)}
            </button>
            <WrapUpLine conversation={c} />
            {openId === c.id && <Transcript conversationId={c.id} />}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** How an earlier conversation ended: the wrap-up reason, its labels and the summary. */
function WrapUpLine({ conversation: c }: { conversation: Conversation }) {
  const { t } = useTranslation();
  if (!c.wrapUpReason && !c.wrapUpSummary && c.labels.length === 0) return null;
  return (
    <p className="previous-wrap-up">
      {c.wrapUpReason && <span>{t('agent.wrapUp.given', { reason: c.wrapUpReason })}</span>}
      {c.labels.map((l) => <LabelChip key={l.id} label={l} />)}
      {c.wrapUpSummary && <span className="muted">{c.wrapUpSummary}</span>}
    </p>
  );
}

function Transcript({ conversationId }: { conversationId: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [messages, setMessages] = useState<Message[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api<{ items: Message[] }>('GET', `/api/v1/conversations/${conversationId}/messages`).then((a) => setMessages(a.items), (err) => setError(errorText(err, t)));
  }, [conversationId, t]);
  if (error) return <p role="alert" className="error">{error}</p>;
  if (!messages) return <p className="muted">{t('common.loading')}</p>;
  return (
    <ol className="transcript" aria-label={t('agent.customer.transcript')}>
      {messages.map((m) => (
        <li key={m.id} className={m.direction}>
          <span className="muted">{formatTime(m.createdAt, locale)} · {m.direction === 'inbound' ? t('agent.customer.said') : t('agent.customer.weSaid')}</span>{' '}
          {m.body ? <WhatsAppText text={m.body} /> : m.media.length ? t('agent.message.attachment') : ''}
        </li>
      ))}
    </ol>
  );
}

function TimelineList({ timeline, myId }: { timeline: TimelineEvent[]; myId: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const names = useNames();
  return (
    <ol className="timeline" aria-label={t('agent.timeline.tab')}>
      {timeline.map((e) => (
        <li key={e.id}>
          <time dateTime={e.createdAt}>{formatDateTime(e.createdAt, locale)}</time>
          <span>{describeEvent(e, myId, t, names)}</span>
        </li>
      ))}
      {timeline.length === 0 && <li className="muted">{t('agent.timeline.empty')}</li>}
    </ol>
  );
}

function displayLanguage(code: string, locale: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}
