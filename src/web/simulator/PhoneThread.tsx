import { Fragment, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { StatusTicks } from '../shell/StatusTicks';
import { WhatsAppText } from '../shell/WhatsAppText';
import { FileIcon, PinIcon } from '../shell/icons';
import { formatDayLabel, formatTime, localDayKey, useLocale } from '../shell/time';
import type { PhoneChoice, PhoneMessage, WebhookResult } from './types';
import { PhoneChoices } from './PhoneChoices';
import { canMarkRead } from './phone-thread';

type Props = { thread: PhoneMessage[]; webhooks: Record<string, WebhookResult>; onRead(sid: string): void; onChoose(choice: PhoneChoice): void; autoRead: boolean };

/** The chat as the customer's phone shows it: their messages on the right, the business's on the left. */
export function PhoneThread({ thread, webhooks, onRead, onChoose, autoRead }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const end = useRef<HTMLDivElement>(null);
  useEffect(() => {
    end.current?.scrollIntoView({ block: 'end' });
  }, [thread.length]);
  let day = '';
  return (
    <div className="phone-thread" tabIndex={0} role="log" aria-label={t('simulator.thread')} aria-live="polite">
      {thread.length === 0 && <p className="phone-empty">{t('simulator.empty')}</p>}
      {thread.map((m) => {
        const key = localDayKey(m.dateCreated);
        const separator = key !== day;
        day = key;
        const mine = m.direction === 'to-business';
        const readable = canMarkRead(m);
        return (
          <Fragment key={m.sid}>
            {separator && <div className="phone-day" role="separator"><span>{formatDayLabel(m.dateCreated, locale)}</span></div>}
            <div className={`phone-row ${mine ? 'mine' : 'theirs'}`} data-sid={m.sid} data-status={m.status}>
              <article className={`phone-bubble ${mine ? 'mine' : 'theirs'} channel-${m.channel}`} data-channel={m.channel} aria-label={mine ? t('simulator.fromMe') : t('simulator.fromBusiness')}>
                {!m.formatted && <p className="phone-channel">{t(`simulator.channels.${m.channel}`)}</p>}
                {m.media.map((media) => <PhoneMedia key={media.url} url={media.url} contentType={media.contentType} />)}
                {m.location && (
                  <p className="phone-location">
                    <PinIcon /> {[m.location.label, m.location.address].filter(Boolean).map((part) => `${part} · `).join('')}{m.location.latitude.toFixed(5)}, {m.location.longitude.toFixed(5)}{' '}
                    <a href={`https://www.openstreetmap.org/?mlat=${m.location.latitude}&mlon=${m.location.longitude}#map=16/${m.location.latitude}/${m.location.longitude}`} target="_blank" rel="noopener noreferrer">{t('simulator.openMap')}</a>
                  </p>
                )}
                {m.button && <p className="phone-button">↩ {m.button.text}</p>}
                {m.contentSid && !m.choices && <p className="phone-label">{t('simulator.template')}</p>}
                {m.body && !(m.button && m.body === m.button.text) && <p className="phone-text">{m.formatted ? <WhatsAppText text={m.body} /> : m.body}</p>}
                <footer className="phone-meta">
                  <time dateTime={m.dateCreated}>{formatTime(m.dateCreated, locale)}</time>
                  {!mine && <StatusTicks status={m.status} errorCode={m.errorCode} errorMessage={m.errorMessage} />}
                </footer>
              </article>
              {!mine && m.choices && <PhoneChoices choices={m.choices} onChoose={onChoose} />}
              {mine && webhooks[m.sid] && <WebhookNote result={webhooks[m.sid]} />}
              {readable && !autoRead && <button type="button" className="read-button" onClick={() => onRead(m.sid)}>{t('simulator.markRead')}</button>}
            </div>
          </Fragment>
        );
      })}
      <div ref={end} />
    </div>
  );
}

function PhoneMedia({ url, contentType }: { url: string; contentType: string }) {
  const { t } = useTranslation();
  if (contentType.startsWith('image/')) return <img className="phone-image" src={url} alt={t('simulator.image')} />;
  if (contentType.startsWith('audio/')) return <audio controls src={url} aria-label={t('simulator.audio')} />;
  if (contentType.startsWith('video/')) return <video className="phone-image" controls src={url} aria-label={t('simulator.video')} />;
  return <a className="phone-document" href={url} target="_blank" rel="noopener noreferrer" download><FileIcon /> {t('simulator.document', { type: contentType })}</a>;
}

function WebhookNote({ result }: { result: WebhookResult }) {
  const { t } = useTranslation();
  if (result.ok) return <span className="webhook-note ok">{t('simulator.webhookOk', { status: result.status })}</span>;
  return <span className="webhook-note failed" role="alert">{t('simulator.webhookFailed', { status: result.status ?? '—', error: result.error ?? '' })}</span>;
}
