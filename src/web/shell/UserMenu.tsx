import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ChangePasswordDialog } from './ChangePassword';

/** The signed-in person's name, opening their own actions: change my password, sign out. */
export function UserMenu({ name, onSignOut }: { name: string; onSignOut(): void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [changing, setChanging] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const away = (e: MouseEvent) => ref.current?.contains(e.target as Node) || setOpen(false);
    const escape = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    document.addEventListener('mousedown', away);
    document.addEventListener('keydown', escape);
    return () => {
      document.removeEventListener('mousedown', away);
      document.removeEventListener('keydown', escape);
    };
  }, [open]);
  return (
    <div className="user-menu" ref={ref}>
      <button type="button" aria-expanded={open} onClick={() => setOpen(!open)}>{name} ▾</button>
      {open && (
        <div className="user-menu-items">
          <button type="button" onClick={() => { setOpen(false); setChanging(true); }}>{t('account.changePassword')}</button>
          <button type="button" onClick={onSignOut}>{t('common.signOut')}</button>
        </div>
      )}
      <ChangePasswordDialog open={changing} onClose={() => setChanging(false)} />
    </div>
  );
}
