import { useId } from 'react';
import { useTranslation } from 'react-i18next';

const READ_LIKE = new Set(['read']);
const DOUBLE = new Set(['delivered', 'read']);
const FAILED = new Set(['failed', 'undelivered']);

/**
 * WhatsApp-style ticks for an outbound message: 🕓 queued, ✓ sent, ✓✓ delivered, blue ✓✓ read,
 * and a warning for failures whose Twilio code and sentence show on hover and on focus.
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
        ⚠<span className="tip" role="tooltip" id={tipId}>{detail}</span>
      </span>
    );
  }
  const glyph = DOUBLE.has(status) ? '✓✓' : status === 'sent' ? '✓' : '🕓';
  return (
    <span className={`ticks ticks-${READ_LIKE.has(status) ? 'read' : status}`} role="img" aria-label={label} title={label} data-status={status}>
      {glyph}
    </span>
  );
}
