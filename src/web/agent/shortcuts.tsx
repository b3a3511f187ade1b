import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

/** Alt + a key, by physical key (event.code) so it works on every keyboard layout. */
export type ShortcutName = 'next' | 'previous' | 'search' | 'composer' | 'accept' | 'pick' | 'end' | 'wait' | 'close' | 'transfer' | 'consult' | 'customer' | 'help';

const BY_CODE: Record<string, ShortcutName> = {
  ArrowDown: 'next', ArrowUp: 'previous', KeyK: 'search', KeyM: 'composer', KeyA: 'accept', KeyP: 'pick',
  KeyE: 'end', KeyW: 'wait', KeyC: 'close', KeyT: 'transfer', KeyO: 'consult', KeyI: 'customer',
};

export const SHORTCUT_KEYS: [ShortcutName, string][] = [
  ['next', 'Alt+↓'], ['previous', 'Alt+↑'], ['search', 'Alt+K'], ['composer', 'Alt+M'], ['accept', 'Alt+A'], ['pick', 'Alt+P'],
  ['end', 'Alt+E'], ['wait', 'Alt+W'], ['close', 'Alt+C'], ['transfer', 'Alt+T'], ['consult', 'Alt+O'], ['customer', 'Alt+I'], ['help', '?'],
];

const isTyping = (target: EventTarget | null) => target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

export function useShortcuts(handlers: Partial<Record<ShortcutName, () => void>>): void {
  const current = useRef(handlers);
  current.current = handlers;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const name = e.altKey && !e.ctrlKey && !e.metaKey ? BY_CODE[e.code] : e.key === '?' && !isTyping(e.target) ? 'help' : undefined;
      const handler = name && current.current[name];
      if (!handler) return;
      e.preventDefault();
      handler();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

export function ShortcutsHelp({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const closeButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    closeButton.current?.focus();
  }, []);
  return (
    <div className="modal-backdrop" onKeyDown={(e) => e.key === 'Escape' && onClose()} onClick={onClose}>
      <div className="modal card" role="dialog" aria-modal="true" aria-labelledby="shortcuts-title" onClick={(e) => e.stopPropagation()}>
        <h2 id="shortcuts-title">{t('agent.shortcuts.title')}</h2>
        <dl className="shortcut-list">
          {SHORTCUT_KEYS.map(([name, keys]) => (
            <div key={name}>
              <dt><kbd>{keys}</kbd></dt>
              <dd>{t(`agent.shortcuts.${name}`)}</dd>
            </div>
          ))}
          <div>
            <dt><kbd>Enter</kbd> / <kbd>Shift+Enter</kbd></dt>
            <dd>{t('agent.shortcuts.send')}</dd>
          </div>
          <div>
            <dt><kbd>/</kbd></dt>
            <dd>{t('agent.shortcuts.quickReplies')}</dd>
          </div>
        </dl>
        <button ref={closeButton} type="button" onClick={onClose}>{t('common.close')}</button>
      </div>
    </div>
  );
}
