import { useId, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { ApiError } from '../../shell/api';
import { CopyButton } from '../../shell/CopyButton';
import { useCanEdit } from '../ui';
import type { AccountView, NumberView } from '../types';
import { connectSimulatorNumber } from './simulator-console';

/** A read-only URL with a copy button, labelled for screen readers. */
export function CopyableUrl({ label, value, hint }: { label: string; value: string; hint?: string }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <div className="copyable">
        <input id={id} readOnly value={value} className="mono" onFocus={(e) => e.target.select()} aria-describedby={hint ? `${id}-hint` : undefined} />
        <CopyButton value={value} label={t('admin.copy')} copiedLabel={t('admin.copied')} />
      </div>
      {hint && <span id={`${id}-hint`} className="field-hint">{hint}</span>}
    </div>
  );
}

/**
 * Callback information: the inbound URL to paste into Twilio and the exact steps for a number
 * and for the WhatsApp Sandbox; for a simulator account, a button that does the pasting.
 */
export function CallbackInfo({ account }: { account: AccountView }) {
  const { t } = useTranslation();
  return (
    <div className="callback-info">
      <CopyableUrl label={t('admin.callback.inboundUrl')} value={account.inboundUrl} hint={t('admin.callback.inboundUrlHint')} />
      <CopyableUrl label={t('admin.callback.statusUrl')} value={account.statusCallbackUrl} hint={t('admin.callback.statusUrlHint')} />
      {account.provider === 'simulator' ? <SimulatorConnect account={account} /> : <TwilioSteps />}
    </div>
  );
}

function TwilioSteps() {
  const { t } = useTranslation();
  return (
    <div className="steps-columns">
      <section aria-labelledby="steps-number">
        <h3 id="steps-number">{t('admin.callback.forNumber')}</h3>
        <ol className="steps">
          {[1, 2, 3, 4, 5].map((i) => (
            <li key={i}><Trans i18nKey={`admin.callback.numberSteps.${i}`} components={{ b: <strong />, code: <code /> }} /></li>
          ))}
        </ol>
      </section>
      <section aria-labelledby="steps-sandbox">
        <h3 id="steps-sandbox">{t('admin.callback.forSandbox')}</h3>
        <ol className="steps">
          {[1, 2, 3, 4, 5].map((i) => (
            <li key={i}><Trans i18nKey={`admin.callback.sandboxSteps.${i}`} components={{ b: <strong />, code: <code /> }} /></li>
          ))}
        </ol>
      </section>
    </div>
  );
}

function SimulatorConnect({ account }: { account: AccountView }) {
  const { t } = useTranslation();
  return (
    <section className="callout" aria-labelledby="sim-connect">
      <h3 id="sim-connect">{t('admin.callback.simulatorTitle')}</h3>
      <p>{t('admin.callback.simulatorIntro')}</p>
      {account.numbers.length === 0 && <p className="muted">{t('admin.callback.noNumbers')}</p>}
      <ul className="plain-list">
        {account.numbers.map((n) => <SimulatorNumber key={n.id} account={account} number={n} />)}
      </ul>
    </section>
  );
}

function SimulatorNumber({ account, number }: { account: AccountView; number: NumberView }) {
  const { t } = useTranslation();
  const canEdit = useCanEdit();
  const [state, setState] = useState<'idle' | 'busy' | 'done' | string>('idle');
  async function connect() {
    setState('busy');
    try {
      await connectSimulatorNumber(number.number, { accountSid: account.accountSid, smsUrl: account.inboundUrl });
      setState('done');
    } catch (err) {
      setState(err instanceof ApiError ? err.message : t('common.networkError'));
    }
  }
  const failed = state !== 'idle' && state !== 'busy' && state !== 'done';
  const label = state === 'done' ? t('admin.callback.reconnect') : t('admin.callback.connect');
  return (
    <li className="sim-number">
      <span><strong>{number.name}</strong> <span className="mono">{number.number}</span></span>
      {/* The visible words start the accessible name; the number tells the buttons apart. */}
      <button type="button" onClick={() => void connect()} disabled={!canEdit || state === 'busy'} aria-label={`${label} ${number.number}`}>{label}</button>
      {state === 'done' && <span className="ok" role="status">{t('admin.callback.connected')}</span>}
      {failed && <span className="error" role="alert">{state}</span>}
    </li>
  );
}
