import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SmileIcon } from '../shell/icons';

const EMOJI = [
  '😀', '😃', '😊', '🙂', '😉', '😍', '😘', '😎', '🤔', '😅', '😂', '🙃', '😢', '😭', '😮', '😡',
  '👍', '👎', '👌', '👏', '🙏', '🤝', '💪', '👋', '✌️', '🙌', '❤️', '💔', '✨', '🔥', '🎉', '🎁',
  '✅', '❌', '⚠️', '❓', '⏰', '📦', '🚚', '💳', '🧾', '📞', '📧', '📍', '🏠', '🛒', '⭐', '💡',
];

/** A small emoji palette; WhatsApp carries emoji as plain Unicode text. */
export function EmojiPicker({ onPick }: { onPick(emoji: string): void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent) => !box.current?.contains(e.target as Node) && setOpen(false);
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [open]);
  return (
    <div className="emoji-picker" ref={box} onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}>
      <button type="button" aria-label={t('agent.composer.emoji')} aria-expanded={open} aria-haspopup="true" onClick={() => setOpen(!open)}><SmileIcon /></button>
      {open && (
        <div className="emoji-grid" role="group" aria-label={t('agent.composer.emoji')}>
          {EMOJI.map((emoji) => (
            <button key={emoji} type="button" onClick={() => { onPick(emoji); setOpen(false); }}>{emoji}</button>
          ))}
        </div>
      )}
    </div>
  );
}
