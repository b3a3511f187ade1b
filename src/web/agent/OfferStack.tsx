import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../shell/api';
import { formatCountdown, useNow } from '../shell/time';
import type { Offer } from './workspace-state';
import { customerLabel } from './conversation-list';

type Props = { offers: Offer[]; queueNames: Record<string, string>; onAccept(offer: Offer): Promise<void>; onReject(offer: Offer): Promise<void> };

/** Push offers: who, from which queue, what they wrote, how long is left, Accept or Reject. */
export function OfferStack({ offers, queueNames, onAccept, onReject }: Props) {
  const { t } = useTranslation();
  const now = useNow(500);
  const live = offers.filter((o) => Date.parse(o.expiresAt) > now);
  if (live.length === 0) return null;
  return (
    <section className="offer-stack" aria-label={t('agent.offers.region')}>
      {live.map((offer, i) => <OfferCard key={offer.id} offer={offer} queueName={offer.queueName ?? (offer.conversation?.queueId ? queueNames[offer.conversation.queueId] : null) ?? null} now={now} first={i === 0} onAccept={onAccept} onReject={onReject} />)}
    </section>
  );
}

function OfferCard({ offer, queueName, now, first, onAccept, onReject }: { offer: Offer; queueName: string | null; now: number; first: boolean } & Pick<Props, 'onAccept' | 'onReject'>) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const left = Date.parse(offer.expiresAt) - now;
  const total = offer.createdAt ? Date.parse(offer.expiresAt) - Date.parse(offer.createdAt) : 120_000;
  const c = offer.conversation;
  const name = c ? customerLabel(c) : t('agent.offers.customer');
  const titleId = `offer-${offer.id}`;

  async function act(action: (o: Offer) => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await action(offer);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t('common.networkError'));
      setBusy(false);
    }
  }

  return (
    <article className="offer card" role="alertdialog" aria-labelledby={titleId} aria-describedby={`${titleId}-body`}>
      <h2 id={titleId}>{t('agent.offers.title', { name })}</h2>
      <div id={`${titleId}-body`}>
        {(c || queueName) && <p className="muted">{[c?.customer.phone, queueName].filter(Boolean).join(' · ')}</p>}
        {offer.firstMessage && <p className="offer-message">{offer.firstMessage}</p>}
        <p className="offer-countdown" aria-live="off">{t('agent.offers.expiresIn', { left: formatCountdown(left) })}</p>
      </div>
      <progress className="offer-progress" max={total} value={Math.max(0, left)} aria-label={t('agent.offers.timeLeft')} />
      {error && <p role="alert" className="error">{error}</p>}
      <div className="offer-actions">
        <button type="button" className="primary" disabled={busy} onClick={() => void act(onAccept)} aria-keyshortcuts={first ? 'Alt+A' : undefined}>{t('agent.offers.accept')}</button>
        <button type="button" disabled={busy} onClick={() => void act(onReject)}>{t('agent.offers.reject')}</button>
      </div>
    </article>
  );
}
