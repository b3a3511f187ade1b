import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../shell/api';
import { useAuth } from '../shell/auth';
import { LanguagePicker } from '../shell/LanguagePicker';
import { UserMenu } from '../shell/UserMenu';
import { PRESENCES } from './types';
import { askForNotifications, dismissNotificationOffer, shouldOfferNotifications } from './alerts';

type Props = { connected: boolean; capacity: { used: number; total: number } | null; onShowShortcuts(): void; onShowQuickReplies(): void };

/** Always visible: presence, capacity, connection, alerts permission, language, sign out. */
export function TopBar({ connected, capacity: held, onShowShortcuts, onShowQuickReplies }: Props) {
  const { t } = useTranslation();
  const { me, refresh, logout } = useAuth();
  const [error, setError] = useState<string | null>(null);
  const [offerAlerts, setOfferAlerts] = useState(shouldOfferNotifications);
  const [moreOpen, setMoreOpen] = useState(false);
  if (!me) return null;

  async function changePresence(presence: string) {
    setError(null);
    try {
      await api('PUT', '/api/v1/me/presence', { body: { presence } });
      await refresh();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t('common.networkError'));
    }
  }

  const capacity = held?.total ?? me.capacity;
  const used = held?.used ?? 0;
  return (
    <header className="agent-topbar">
      <strong className="brand">Switchboard</strong>
      <label className="presence-picker">
        <span className={`presence-dot presence-${me.presence}`} aria-hidden="true" />
        <select aria-label={t('agent.presenceLabel')} value={me.presence} onChange={(e) => void changePresence(e.target.value)}>
          {!PRESENCES.includes(me.presence as (typeof PRESENCES)[number]) && <option value={me.presence}>{t(`common.presence.${me.presence}`, { defaultValue: me.presence })}</option>}
          {PRESENCES.map((p) => <option key={p} value={p}>{t(`common.presence.${p}`)}</option>)}
        </select>
      </label>
      <div className="capacity" title={t('agent.capacity.title')}>
        <span>{t('agent.capacity.label', { used, total: capacity })}</span>
        <meter aria-label={t('agent.capacity.title')} min={0} max={Math.max(capacity, 1)} value={Math.min(used, capacity)} high={capacity * 0.8} />
      </div>
      <span className={`connection ${connected ? 'online' : 'offline'}`} role="status">
        {connected ? t('agent.connection.live') : t('agent.connection.reconnecting')}
      </span>
      {error && <span role="alert" className="error">{error}</span>}
      <span className="spacer" />
      {/* On a phone the rest folds behind one button so the thread keeps the screen; on wider screens it is all in the bar. */}
      <button type="button" className="topbar-more-toggle" aria-expanded={moreOpen} aria-controls="topbar-more" onClick={() => setMoreOpen(!moreOpen)}>
        {t('agent.topbar.more')}
      </button>
      <div id="topbar-more" className={`topbar-more${moreOpen ? ' open' : ''}`}>
        <button type="button" onClick={() => { setMoreOpen(false); onShowQuickReplies(); }}>{t('agent.myReplies.button')}</button>
        <button type="button" className="shortcuts-button" onClick={onShowShortcuts} aria-keyshortcuts="Shift+?">{t('agent.shortcuts.button')}</button>
        <LanguagePicker />
        <UserMenu name={me.name} onSignOut={() => void logout()} />
      </div>
      {offerAlerts && (
        <p className="alert-offer">
          {t('agent.alerts.question')}{' '}
          <button type="button" onClick={() => void askForNotifications().finally(() => setOfferAlerts(false))}>{t('agent.alerts.enable')}</button>{' '}
          <button type="button" onClick={() => { dismissNotificationOffer(); setOfferAlerts(false); }}>{t('agent.alerts.notNow')}</button>
        </p>
      )}
    </header>
  );
}
