import { useEffect, useState } from 'react';

/**
 * Copies a value to the clipboard and says so. Falls back to selecting a hidden textarea where
 * the Clipboard API is unavailable (plain http on another host than localhost).
 */
export function CopyButton({ value, label, copiedLabel, className }: { value: string; label: string; copiedLabel: string; className?: string }) {
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), 2500);
    return () => clearTimeout(timer);
  }, [copied]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
    } catch {
      copyWithSelection(value);
    }
    setCopied(true);
  }

  return (
    <>
      <button type="button" className={className} onClick={() => void copy()}>{copied ? copiedLabel : label}</button>
      <span className="visually-hidden" role="status">{copied ? copiedLabel : ''}</span>
    </>
  );
}

function copyWithSelection(value: string) {
  const area = document.createElement('textarea');
  area.value = value;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  document.execCommand('copy');
  area.remove();
}
