import { useId, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';

const READ_LIKE = new Set(['read']);
const DOUBLE = new Set(['delivered', 'read']);
const FAILED = new Set(['failed', 'undelivered']);

/** Drawn rather than typed: a clock or warning glyph is missing from many fonts and shows as a box. */
const PATHS: Record<'clock' | 'single' | 'double' | 'warning', ReactElement> = {
  clock: (
    <>
      <circle cx="8" cy="8" r="6" fill="none" stroke="currentColor" strokeWidth="1.5" />
      <path d="M8 4.5V8l2.5 1.5" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
    </>
  ),
  single: <path d="M3 8.5l3 3 7-7" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" />,
  double: <path d="M1 8.5l3 3 7-7M7 11.5l7-7" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" />,
  warning: (
    <>
      <path d="M8 1.5l7 13H1z" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinejoin="round" />
      <path d="M8 6v4M8 12v.5" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
    </>
  ),
};

const Glyph = ({ name }: { name: keyof typeof PATHS }) => (
  <svg className="tick-glyph" viewBox="0 0 16 16" width="16" height="14" aria-hidden="true" focusable="false">
    {PATHS[name]}
  </svg>
);

/**
 * WhatsApp-style ticks for an outbound message: a clock while queued, ✓ sent, ✓✓ delivered, blue ✓✓
 * read, and a warning for failures whose Twilio code and sentence show on hover and on focus.
 */
export function StatusTicks({ status, errorCode, errorMessage }: { status: string; errorCode?: number | null; errorMessage?: string | null }) {
  const { t } = useTranslation();
  const tipId = useId();
  const label = t(`messageStatus.${status}`, { defaultValue: status });
  if (FAILED.has(status)) {
    const sentence = errorCode ? t(`twilioErrors.${errorCode}`, { defaultValue: errorMessage || t('twilioErrors.unknown') }) : errorMessage || t('twilioErrors.unknown');
    const detail = errorCode ? t('messageStatus.failedDetail', { code: errorCode, sentence }) : sentence;
    return (
      <span className="ticks ticks-failed has-tip" tabIndex={0} role="img" aria-label={`${label}: ${detail}`} aria-describedby={tipId} data-status={status}>
        <Glyph name="warning" />
        <span className="tip" role="tooltip" id={tipId}>{detail}</span>
      </span>
    );
  }
  const glyph = DOUBLE.has(status) ? 'double' : status === 'sent' ? 'single' : 'clock';
  return (
    <span className={`ticks ticks-${READ_LIKE.has(status) ? 'read' : status}`} role="img" aria-label={label} title={label} data-status={status}>
      <Glyph name={glyph} />
    </span>
  );
}
