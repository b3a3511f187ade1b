import { useId, useRef } from 'react';
import { segmentsOf } from './template-text';

/**
 * A textarea whose {{n}} placeholders are highlighted as the admin types: a mirror of the text
 * behind a transparent textarea paints the marks, kept in step on every change and scroll.
 */
export function PlaceholderTextArea({ label, value, onChange, error, hint, rows = 4, lang }: {
  label: string; value: string; onChange: (value: string) => void; error?: string; hint?: string; rows?: number; lang?: string;
}) {
  const id = useId();
  const mirror = useRef<HTMLDivElement>(null);
  const describedBy = [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <div className="highlight-area">
        <div ref={mirror} className="highlight-mirror" aria-hidden="true">
          {segmentsOf(value).map((s, i) => (s.placeholder ? <mark key={i}>{s.text}</mark> : <span key={i}>{s.text}</span>))}
          {'\n'}
        </div>
        <textarea id={id} rows={rows} value={value} lang={lang} spellCheck={false} aria-invalid={error ? true : undefined} aria-describedby={describedBy}
          onChange={(e) => onChange(e.target.value)}
          onScroll={(e) => { if (mirror.current) mirror.current.scrollTop = e.currentTarget.scrollTop; }} />
      </div>
      {hint && <span id={`${id}-hint`} className="field-hint">{hint}</span>}
      {error && <span id={`${id}-error`} className="field-error" role="alert">{error}</span>}
    </div>
  );
}
