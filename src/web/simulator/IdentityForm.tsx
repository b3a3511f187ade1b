import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { BusinessNumber } from './types';
import type { Identity } from './identity';
import { E164 } from './phone-thread';

type Props = { identity: Identity; numbers: BusinessNumber[]; recent: string[]; onSave(identity: Identity): void; onCancel?(): void };

/** Pick or type the customer's number and name, and the business number to write to. */
export function IdentityForm({ identity, numbers, recent, onSave, onCancel }: Props) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Identity>({ ...identity, business: identity.business || numbers[0]?.phoneNumber || '' });
  const phoneOk = E164.test(draft.customer);

  function submit(e: FormEvent) {
    e.preventDefault();
    if (phoneOk && draft.business) onSave({ ...draft, name: draft.name.trim() });
  }

  return (
    <form className="identity-form" onSubmit={submit} aria-labelledby="identity-title">
      <h2 id="identity-title">{t('simulator.identity.title')}</h2>
      <label>
        {t('simulator.identity.phone')}
        <input
          type="tel"
          list="recent-customers"
          value={draft.customer}
          onChange={(e) => setDraft({ ...draft, customer: e.target.value.replace(/[\s()-]/g, '') })}
          aria-invalid={!phoneOk}
          aria-describedby="phone-help"
          required
        />
        <datalist id="recent-customers">{recent.map((n) => <option key={n} value={n} />)}</datalist>
        <span id="phone-help" className={phoneOk ? 'muted' : 'error'}>{t('simulator.identity.phoneHelp')}</span>
      </label>
      <label>
        {t('simulator.identity.name')}
        <input value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} maxLength={100} placeholder={t('simulator.identity.namePlaceholder')} />
      </label>
      <label>
        {t('simulator.identity.business')}
        <select value={draft.business} onChange={(e) => setDraft({ ...draft, business: e.target.value })} required>
          {numbers.length === 0 && <option value="">{t('simulator.identity.noNumbers')}</option>}
          {numbers.map((n) => (
            <option key={n.phoneNumber} value={n.phoneNumber}>
              {n.friendlyName} ({n.phoneNumber}){n.sandbox ? ` · ${t('simulator.identity.sandbox')}` : ''}{n.smsUrl ? '' : ` · ${t('simulator.identity.noWebhook')}`}
            </option>
          ))}
        </select>
      </label>
      <div className="identity-actions">
        <button type="submit" className="primary" disabled={!phoneOk || !draft.business}>{t('simulator.identity.start')}</button>
        {onCancel && <button type="button" onClick={onCancel}>{t('common.cancel')}</button>}
      </div>
    </form>
  );
}
