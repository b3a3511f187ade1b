import { useTranslation } from 'react-i18next';
import { StatusTicks } from '../shell/StatusTicks';
import { WhatsAppText } from '../shell/WhatsAppText';
import { formatTime, useLocale } from '../shell/time';
import type { Media, Message } from './types';
import { FileIcon, PinIcon } from '../shell/icons';

/** formatted: the channel renders *bold* _italic_ ~strike~ (WhatsApp); elsewhere the text shows as written. */
type Props = { message: Message; formatted?: boolean; onResend?(message: Message): void; /** The message a search matched, marked in the thread. */ highlighted?: boolean };

/** One message: inbound on the left, outbound on the right, automated ones apart. */
export function MessageBubble({ message: m, formatted = true, onResend, highlighted = false }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const automated = m.kind === 'automated';
  const failed = m.status === 'failed' || m.status === 'undelivered';
  const side = automated ? 'system' : m.direction === 'inbound' ? 'in' : 'out';
  return (
    <div className={`bubble-row ${side}${highlighted ? ' search-match' : ''}`} data-message-id={m.id} data-status={m.status}>
      <article className={`bubble ${side}${failed ? ' failed' : ''}`} aria-label={t(`agent.message.from.${side}`)}>
        {automated && <p className="bubble-label">{t('agent.message.automated')}</p>}
        {m.kind === 'template' && <p className="bubble-label">{t('agent.message.template')}</p>}
        {m.media.map((media) => <MediaPreview key={media.id} media={media} />)}
        {m.latitude !== null && m.longitude !== null && <LocationPreview latitude={m.latitude} longitude={m.longitude} label={m.locationLabel} address={m.locationAddress} />}
        {m.buttonText && <p className="button-reply">↩ {t('agent.message.buttonReply', { text: m.buttonText })}</p>}
        {m.body && !(m.buttonText && m.body === m.buttonText) && <p className="bubble-text">{formatted ? <WhatsAppText text={m.body} /> : m.body}</p>}
        <footer className="bubble-meta">
          <time dateTime={m.createdAt}>{formatTime(m.createdAt, locale)}</time>
          {m.direction === 'outbound' && <StatusTicks status={m.status} errorCode={m.errorCode} errorMessage={m.errorMessage} />}
        </footer>
      </article>
      {failed && onResend && m.direction === 'outbound' && (
        <button type="button" className="resend" onClick={() => onResend(m)}>{t('agent.message.resend')}</button>
      )}
    </div>
  );
}

function MediaPreview({ media }: { media: Media }) {
  const { t } = useTranslation();
  const name = media.filename ?? t('agent.message.attachment');
  if (media.status === 'pending') return <p className="media-note muted">{t('agent.message.mediaPending', { type: media.contentType })}</p>;
  if (media.status === 'blocked') return <p className="media-note warn">{t('agent.message.mediaBlocked', { type: media.contentType })}</p>;
  if (!media.url) return <p className="media-note error">{t('agent.message.mediaFailed', { reason: media.error ?? media.contentType })}</p>;
  const type = media.contentType.split(';')[0];
  if (type.startsWith('image/')) {
    return (
      <a href={media.url} target="_blank" rel="noopener noreferrer" className="media-image" aria-label={t('agent.message.openImage', { name })}>
        <img src={media.url} alt={name} loading="lazy" />
      </a>
    );
  }
  if (type.startsWith('audio/')) return <audio className="media-audio" controls preload="none" src={media.url} aria-label={name} />;
  if (type.startsWith('video/')) return <video className="media-video" controls preload="metadata" src={media.url} aria-label={name} />;
  return (
    <a className="media-document" href={media.url} download={media.filename ?? true} rel="noopener noreferrer">
      <FileIcon /> {name}{media.sizeBytes ? ` · ${formatBytes(media.sizeBytes)}` : ''}
    </a>
  );
}

/** A shared place as the customer's phone shows it: its name and address when they picked one, then the coordinates and a map. */
function LocationPreview({ latitude, longitude, label, address }: { latitude: number; longitude: number; label: string | null; address: string | null }) {
  const { t } = useTranslation();
  const map = `https://www.openstreetmap.org/?mlat=${latitude}&mlon=${longitude}#map=16/${latitude}/${longitude}`;
  return (
    <div className="location">
      {label && <p className="location-name"><PinIcon /> <strong>{label}</strong></p>}
      {address && <p className="location-address">{address}</p>}
      <p className="location-point">
        {!label && <><PinIcon />{' '}</>}
        <span>{t('agent.message.coordinates', { latitude: latitude.toFixed(5), longitude: longitude.toFixed(5) })}</span>{' '}
        <a href={map} target="_blank" rel="noopener noreferrer">{t('agent.message.openMap')}</a>
      </p>
    </div>
  );
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1048576) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1048576).toFixed(1)} MB`;
}
