import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../shell/api';
import type { Fault, SimulatorSettings } from './types';

const DELAYS = ['sentAfterMs', 'deliveredAfterMs', 'readAfterMs', 'responseDelayMs'] as const;
const FAULT_KINDS = ['reject', 'fail', 'undeliver', 'server-error', 'rate-limit', 'drop-after-accept', 'timeout-after-accept', 'error-after-accept'];
const WITH_CODE = new Set(['reject', 'fail', 'undeliver']);

type Props = { onClose(): void; autoReadHere: boolean; onAutoReadHere(value: boolean): void };

/** The simulated Twilio's behaviour: callback delays, the customer reading by themselves, and injected faults. */
export function SettingsDrawer({ onClose, autoReadHere, onAutoReadHere }: Props) {
  const { t } = useTranslation();
  const [settings, setSettings] = useState<SimulatorSettings | null>(null);
  const [state, setState] = useState<'idle' | 'saving' | 'saved'>('idle');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api<SimulatorSettings>('GET', '/simulator/api/settings').then(setSettings, (err) => setError(err instanceof ApiError ? err.message : t('common.networkError')));
  }, [t]);

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!settings) return;
    setState('saving');
    setError(null);
    try {
      setSettings(await api<SimulatorSettings>('PUT', '/simulator/api/settings', { body: settings }));
      setState('saved');
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t('common.networkError'));
      setState('idle');
    }
  }

  const change = (next: Partial<SimulatorSettings>) => {
    if (settings) setSettings({ ...settings, ...next });
    setState('idle');
  };
  const changeFault = (index: number, next: Partial<Fault>) => change({ faults: settings!.faults.map((f, i) => (i === index ? { ...f, ...next } : f)) });

  return (
    <div className="drawer-backdrop" onClick={onClose} onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <aside className="settings-drawer" role="dialog" aria-modal="true" aria-labelledby="settings-title" onClick={(e) => e.stopPropagation()}>
        <div className="drawer-head">
          <h2 id="settings-title">{t('simulator.settings.title')}</h2>
          <button type="button" aria-label={t('common.close')} onClick={onClose}>✕</button>
        </div>
        <label className="check">
          <input type="checkbox" checked={autoReadHere} onChange={(e) => onAutoReadHere(e.target.checked)} />
          {t('simulator.settings.autoReadHere')}
        </label>
        {error && <p role="alert" className="error">{error}</p>}
        {!settings && !error && <p className="muted">{t('common.loading')}</p>}
        {settings && (
          <form onSubmit={save} className="settings-form">
            <fieldset>
              <legend>{t('simulator.settings.callbacks')}</legend>
              {DELAYS.map((key) => (
                <label key={key}>
                  {t(`simulator.settings.${key}`)}
                  <input type="number" min={0} max={600000} step={100} value={settings[key]} onChange={(e) => change({ [key]: Math.max(0, Number(e.target.value) || 0) })} />
                </label>
              ))}
              <label className="check">
                <input type="checkbox" checked={settings.autoRead} onChange={(e) => change({ autoRead: e.target.checked })} />
                {t('simulator.settings.autoRead')}
              </label>
              <label>
                {t('simulator.settings.callbackOrder')}
                <select value={settings.callbackOrder} onChange={(e) => change({ callbackOrder: e.target.value as SimulatorSettings['callbackOrder'] })}>
                  <option value="in-order">{t('simulator.settings.inOrder')}</option>
                  <option value="reversed">{t('simulator.settings.reversed')}</option>
                </select>
              </label>
              <label className="check">
                <input type="checkbox" checked={settings.callbacksBeforeAnswer} onChange={(e) => change({ callbacksBeforeAnswer: e.target.checked })} />
                {t('simulator.settings.callbacksBeforeAnswer')}
              </label>
            </fieldset>
            <fieldset>
              <legend>{t('simulator.settings.faults')}</legend>
              {settings.faults.length === 0 && <p className="muted">{t('simulator.settings.noFaults')}</p>}
              {settings.faults.map((fault, i) => (
                <div className="fault" key={i}>
                  <label>
                    {t('simulator.settings.faultKind')}
                    <select value={fault.kind} onChange={(e) => changeFault(i, { kind: e.target.value })}>
                      {FAULT_KINDS.map((k) => <option key={k} value={k}>{t(`simulator.settings.kinds.${k}`)}</option>)}
                    </select>
                  </label>
                  <label>
                    {t('simulator.settings.faultCount')}
                    <input type="number" min={1} max={10000} value={fault.count} onChange={(e) => changeFault(i, { count: Math.max(1, Number(e.target.value) || 1) })} />
                  </label>
                  {WITH_CODE.has(fault.kind) && (
                    <label>
                      {t('simulator.settings.faultCode')}
                      <input type="number" min={10000} max={99999} value={fault.code ?? ''} onChange={(e) => changeFault(i, { code: e.target.value ? Number(e.target.value) : undefined })} />
                    </label>
                  )}
                  {fault.kind === 'timeout-after-accept' && (
                    <label>
                      {t('simulator.settings.hangMs')}
                      <input type="number" min={0} max={120000} step={1000} value={fault.hangMs ?? 20000} onChange={(e) => changeFault(i, { hangMs: Number(e.target.value) || 0 })} />
                    </label>
                  )}
                  <button type="button" aria-label={t('simulator.settings.removeFault', { n: i + 1 })} onClick={() => change({ faults: settings.faults.filter((_, j) => j !== i) })}>✕</button>
                </div>
              ))}
              <button type="button" onClick={() => change({ faults: [...settings.faults, { kind: 'fail', count: 1, code: 63024 }] })}>{t('simulator.settings.addFault')}</button>
            </fieldset>
            <div className="drawer-actions">
              <button type="submit" className="primary" disabled={state === 'saving'}>{state === 'saving' ? t('common.working') : t('common.save')}</button>
              {state === 'saved' && <span role="status" className="ok-text">{t('simulator.settings.saved')}</span>}
            </div>
          </form>
        )}
      </aside>
    </div>
  );
}
