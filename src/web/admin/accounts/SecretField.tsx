import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** A masked secret (the Twilio Auth Token) that can be shown while typing, never read back from the server. */
export function SecretField({ label, value, onChange, error, hint, placeholder }: { label: string; value: string; onChange: (value: string) => void; error?: string; hint?: string; placeholder?: string }) {
  const { t } = useTranslation();
  const id = useId();
  const [visible, setVisible] = useState(false);
  const describedBy = [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <div className="secret-input">
        <input id={id} type={visible ? 'text' : 'password'} value={value} onChange={(e) => onChange(e.target.value)} autoComplete="new-password" spellCheck={false}
          aria-invalid={error ? true : undefined} aria-describedby={describedBy} placeholder={placeholder} className="mono-input" />
        <button type="button" aria-pressed={visible} aria-controls={id} onClick={() => setVisible((v) => !v)}>
          {visible ? t('admin.accounts.hideToken') : t('admin.accounts.showToken')}
        </button>
      </div>
      {hint && <span id={`${id}-hint`} className="field-hint">{hint}</span>}
      {error && <span id={`${id}-error`} className="field-error" role="alert">{error}</span>}
    </div>
  );
}
