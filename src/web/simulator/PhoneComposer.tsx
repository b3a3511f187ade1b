import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PaperclipIcon, PinIcon } from '../shell/icons';
import { PHONE_CHANNELS, type OutgoingMessage, type PhoneChannel } from './types';

const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
const DEFAULT_PLACE = { latitude: '37.566295', longitude: '126.977945', label: 'Seoul City Hall', address: '110 Sejong-daero, Jung-gu, Seoul' };

type Props = { disabled: boolean; channel: PhoneChannel; onChannel(channel: PhoneChannel): void; onSend(message: OutgoingMessage): Promise<boolean> };

/** What the customer types, on the channel they pick: text, an image from the file picker (MMS by SMS), or a location. */
export function PhoneComposer({ disabled, channel, onChannel, onSend }: Props) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [placeOpen, setPlaceOpen] = useState(false);
  const [place, setPlace] = useState(DEFAULT_PLACE);
  const fileInput = useRef<HTMLInputElement>(null);
  const canShareLocation = PHONE_CHANNELS.find((c) => c.id === channel)?.location ?? false;

  async function send(message: OutgoingMessage): Promise<boolean> {
    setBusy(true);
    try {
      return await onSend({ ...message, channel });
    } finally {
      setBusy(false);
    }
  }

  async function submitText(e: FormEvent) {
    e.preventDefault();
    if (!text.trim()) return;
    if (await send({ body: text })) setText('');
  }

  async function sendImage(file: File) {
    setProblem(null);
    if (!/^image\/(jpeg|png)$/.test(file.type)) return setProblem(t('simulator.imageType'));
    if (file.size > MAX_IMAGE_BYTES) return setProblem(t('simulator.imageSize'));
    const dataBase64 = await toBase64(file);
    await send({ body: text || undefined, image: { contentType: file.type, dataBase64, filename: file.name } });
    setText('');
  }

  async function sendPlace(e: FormEvent) {
    e.preventDefault();
    const latitude = Number(place.latitude);
    const longitude = Number(place.longitude);
    if (!Number.isFinite(latitude) || Math.abs(latitude) > 90 || !Number.isFinite(longitude) || Math.abs(longitude) > 180) return setProblem(t('simulator.badLocation'));
    setProblem(null);
    if (await send({ location: { latitude, longitude, label: place.label || undefined, address: place.address || undefined } })) setPlaceOpen(false);
  }

  return (
    <div className="phone-composer">
      <div className="channel-switch" role="radiogroup" aria-label={t('simulator.channel')}>
        {PHONE_CHANNELS.map((c) => (
          <button key={c.id} type="button" role="radio" aria-checked={channel === c.id} className={channel === c.id ? 'on' : ''} onClick={() => {
            onChannel(c.id);
            if (!c.location) setPlaceOpen(false);
          }}>
            {t(`simulator.channels.${c.id}`)}
          </button>
        ))}
      </div>
      {placeOpen && canShareLocation && (
        <form className="place-form" onSubmit={sendPlace} aria-label={t('simulator.location')}>
          <label>{t('simulator.latitude')}<input inputMode="decimal" value={place.latitude} onChange={(e) => setPlace({ ...place, latitude: e.target.value })} /></label>
          <label>{t('simulator.longitude')}<input inputMode="decimal" value={place.longitude} onChange={(e) => setPlace({ ...place, longitude: e.target.value })} /></label>
          <label>{t('simulator.placeLabel')}<input value={place.label} onChange={(e) => setPlace({ ...place, label: e.target.value })} /></label>
          <label>{t('simulator.placeAddress')}<input value={place.address} onChange={(e) => setPlace({ ...place, address: e.target.value })} /></label>
          <div className="place-actions">
            <button type="submit" className="primary" disabled={busy || disabled}>{t('simulator.shareLocation')}</button>
            <button type="button" onClick={() => setPlaceOpen(false)}>{t('common.cancel')}</button>
          </div>
        </form>
      )}
      {problem && <p className="error" role="alert">{problem}</p>}
      <form className="phone-input" onSubmit={submitText}>
        <button type="button" className="icon" aria-label={t('simulator.attachImage')} title={t('simulator.attachImage')} disabled={busy || disabled} onClick={() => fileInput.current?.click()}><PaperclipIcon /></button>
        <input
          ref={fileInput}
          type="file"
          accept="image/jpeg,image/png"
          hidden
          aria-label={t('simulator.attachImage')}
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void sendImage(file);
          }}
        />
        <button type="button" className="icon" aria-label={t('simulator.location')} title={t('simulator.location')} aria-expanded={placeOpen} disabled={disabled || !canShareLocation} onClick={() => setPlaceOpen(!placeOpen)}><PinIcon /></button>
        <input className="phone-text-input" value={text} onChange={(e) => setText(e.target.value)} placeholder={t(`simulator.placeholders.${channel}`)} aria-label={t('simulator.message')} disabled={disabled} />
        <button type="submit" className="send" disabled={busy || disabled || !text.trim()}>{t('simulator.send')}</button>
      </form>
    </div>
  );
}

function toBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}
