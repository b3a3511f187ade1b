import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../shell/api';
import { LanguagePicker } from '../shell/LanguagePicker';
import './simulator.css';
import { PHONE_CHANNELS, type BusinessNumber, type OutgoingMessage, type PhoneChannel, type SendResult, type WebhookResult } from './types';
import { useIdentity } from './identity';
import { usePhoneConversation } from './usePhoneConversation';
import { unreadFromBusiness } from './phone-thread';
import { IdentityForm } from './IdentityForm';
import { PhoneThread } from './PhoneThread';
import { PhoneComposer } from './PhoneComposer';
import { SettingsDrawer } from './SettingsDrawer';

const AUTO_READ_KEY = 'switchboard.simulator.autoRead';
const CHANNEL_KEY = 'switchboard.simulator.channel';
const savedChannel = (): PhoneChannel => PHONE_CHANNELS.find((c) => c.id === localStorage.getItem(CHANNEL_KEY))?.id ?? PHONE_CHANNELS[0].id;

/**
 * The customer's phone: write to a business number on WhatsApp or by SMS as a customer would
 * (through the same signed webhooks Twilio sends), see the business's replies on both channels
 * live in one thread with their ticks, read them.
 */
export default function SimulatorPhone() {
  const { t } = useTranslation();
  const [numbers, setNumbers] = useState<BusinessNumber[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [identity, saveIdentity, recent] = useIdentity();
  const [editing, setEditing] = useState(false);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [autoRead, setAutoRead] = useState(() => localStorage.getItem(AUTO_READ_KEY) === '1');
  const [channel, setChannel] = useState<PhoneChannel>(savedChannel);
  const [webhooks, setWebhooks] = useState<Record<string, WebhookResult>>({});
  const [error, setError] = useState<string | null>(null);
  const { thread, connected, upsert, reload } = usePhoneConversation(identity.customer, identity.business);
  const business = numbers?.find((n) => n.phoneNumber === identity.business);

  useEffect(() => {
    document.title = t('simulator.title');
    api<{ items: BusinessNumber[] }>('GET', '/simulator/api/numbers').then(
      (answer) => setNumbers(answer.items),
      (err) => setLoadError(err instanceof ApiError ? err.message : t('common.networkError')),
    );
  }, [t]);

  // "Auto-read when visible": the customer reads what arrives while this page is on screen.
  const unread = unreadFromBusiness(thread).map((m) => m.sid).join(',');
  useEffect(() => {
    if (!autoRead || !unread) return;
    const readAll = () => {
      if (document.visibilityState !== 'visible') return;
      for (const sid of unread.split(',')) void read(sid);
    };
    readAll();
    document.addEventListener('visibilitychange', readAll);
    return () => document.removeEventListener('visibilitychange', readAll);
  }, [autoRead, unread]);

  async function read(sid: string) {
    try {
      upsert(await api('POST', `/simulator/api/messages/${sid}/read`));
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t('common.networkError'));
    }
  }

  async function send(message: OutgoingMessage): Promise<boolean> {
    setError(null);
    try {
      const result = await api<SendResult>('POST', '/simulator/api/phone/messages', {
        body: { from: identity.customer, to: identity.business, ...(identity.name ? { profileName: identity.name } : {}), ...message },
      });
      setWebhooks((current) => ({ ...current, [result.sid]: result.webhook }));
      if (!thread.some((m) => m.sid === result.sid)) void reload();
      return true;
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t('common.networkError'));
      return false;
    }
  }

  const chooseChannel = (value: PhoneChannel) => {
    setChannel(value);
    localStorage.setItem(CHANNEL_KEY, value);
  };

  const chooseAutoRead = (value: boolean) => {
    setAutoRead(value);
    localStorage.setItem(AUTO_READ_KEY, value ? '1' : '0');
  };

  const needsIdentity = numbers !== null && (editing || !identity.business || !numbers.some((n) => n.phoneNumber === identity.business));
  return (
    <main className="sim-page">
      <div className="phone" aria-label={t('simulator.phone')}>
        <header className="phone-header">
          <div className="avatar" aria-hidden="true">{(business?.friendlyName ?? '?').slice(0, 1)}</div>
          <div className="phone-title">
            <h1>{business?.friendlyName ?? t('simulator.title')}</h1>
            <span>{business ? business.phoneNumber : t('simulator.subtitle')}</span>
          </div>
          <span className={`live-dot ${connected ? 'on' : 'off'}`} role="status" aria-label={connected ? t('simulator.live') : t('simulator.offline')} title={connected ? t('simulator.live') : t('simulator.offline')} />
          <button type="button" className="header-button" onClick={() => setSettingsOpen(true)}>{t('simulator.settings.open')}</button>
        </header>
        {loadError && <p role="alert" className="error phone-alert">{loadError}</p>}
        {numbers === null && !loadError && <p className="muted phone-alert" role="status">{t('common.loading')}</p>}
        {needsIdentity ? (
          <IdentityForm
            identity={identity}
            numbers={numbers}
            recent={recent}
            onSave={(next) => {
              saveIdentity(next);
              setEditing(false);
            }}
            onCancel={editing ? () => setEditing(false) : undefined}
          />
        ) : (
          business && (
            <>
              <div className="whoami">
                <span>{t('simulator.youAre', { name: identity.name || t('simulator.noName'), phone: identity.customer })}</span>
                <button type="button" className="link" onClick={() => setEditing(true)}>{t('simulator.change')}</button>
              </div>
              {business.sandbox && business.sandboxKeyword && (
                <p className="sandbox-hint">
                  {t('simulator.sandboxHint', { keyword: business.sandboxKeyword })}{' '}
                  <button type="button" className="link" onClick={() => void send({ channel: PHONE_CHANNELS[0].id, body: `join ${business.sandboxKeyword}` })}>{t('simulator.sendJoin')}</button>
                </p>
              )}
              <PhoneThread
                thread={thread}
                webhooks={webhooks}
                onRead={(sid) => void read(sid)}
                onChoose={(choice) => void send({ channel: PHONE_CHANNELS[0].id, button: { text: choice.title, payload: choice.id } })}
                autoRead={autoRead}
              />
              {error && <p role="alert" className="error phone-alert">{error}</p>}
              <PhoneComposer disabled={!business} channel={channel} onChannel={chooseChannel} onSend={send} />
            </>
          )
        )}
      </div>
      <footer className="sim-footer">
        <LanguagePicker />
      </footer>
      {settingsOpen && <SettingsDrawer onClose={() => setSettingsOpen(false)} autoReadHere={autoRead} onAutoReadHere={chooseAutoRead} />}
    </main>
  );
}
