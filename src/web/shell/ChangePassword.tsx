import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from './api';
import { Dialog } from './Dialog';
import { FormError, TextField } from './fields';
import { useForm } from './use-form';

type Values = { currentPassword: string; newPassword: string; repeat: string };
const EMPTY: Values = { currentPassword: '', newPassword: '', repeat: '' };
/** The server's rule for any password (a first one or a new one). */
const MIN_LENGTH = 10;

/** "Change my password", for every signed-in user; their other sessions end, this one stays. */
export function ChangePasswordButton() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>{t('account.changePassword')}</button>
      <ChangePasswordDialog open={open} onClose={() => setOpen(false)} />
    </>
  );
}

export function ChangePasswordDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const { t } = useTranslation();
  const [done, setDone] = useState(false);
  const close = () => {
    setDone(false);
    onClose();
  };
  return (
    <Dialog open={open} title={t('account.changePasswordTitle')} onClose={close}>
      {done ? (
        <>
          <p role="status">{t('account.passwordChanged')}</p>
          <div className="form-actions">
            <button type="button" className="primary" onClick={close}>{t('common.close')}</button>
          </div>
        </>
      ) : (
        <ChangePasswordForm onCancel={close} onDone={() => setDone(true)} />
      )}
    </Dialog>
  );
}

function ChangePasswordForm({ onCancel, onDone }: { onCancel(): void; onDone(): void }) {
  const { t } = useTranslation();
  const form = useForm<Values>(EMPTY, {
    networkMessage: t('common.networkError'),
    validate: (v) => ({
      currentPassword: v.currentPassword ? undefined : t('account.required'),
      newPassword: v.newPassword.length < MIN_LENGTH ? t('account.passwordLength', { min: MIN_LENGTH }) : undefined,
      repeat: v.repeat !== v.newPassword ? t('account.passwordsDiffer') : undefined,
    }),
  });
  const { values, set, errors } = form;
  async function save(v: Values) {
    await api('POST', '/api/v1/me/password', { body: { currentPassword: v.currentPassword, newPassword: v.newPassword } });
    onDone();
  }
  return (
    <form noValidate onSubmit={(e) => { e.preventDefault(); void form.submit(save); }}>
      <p className="muted">{t('account.changePasswordIntro')}</p>
      <TextField label={t('account.currentPassword')} type="password" autoComplete="current-password" value={values.currentPassword} error={errors.currentPassword} onChange={(e) => set('currentPassword', e.target.value)} />
      <TextField label={t('account.newPassword')} hint={t('account.passwordLength', { min: MIN_LENGTH })} type="password" autoComplete="new-password" value={values.newPassword} error={errors.newPassword} onChange={(e) => set('newPassword', e.target.value)} />
      <TextField label={t('account.repeatPassword')} type="password" autoComplete="new-password" value={values.repeat} error={errors.repeat} onChange={(e) => set('repeat', e.target.value)} />
      <FormError message={form.formError} />
      <div className="form-actions">
        <button type="button" onClick={onCancel}>{t('common.cancel')}</button>
        <button type="submit" className="primary" disabled={form.submitting}>{t('account.changePasswordSubmit')}</button>
      </div>
    </form>
  );
}
