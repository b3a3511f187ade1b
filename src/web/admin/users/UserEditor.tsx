import { useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../../shell/api';
import { useForm } from '../../shell/use-form';
import { FieldSet, FormError, SelectField, TextField } from '../../shell/fields';
import { CopyButton } from '../../shell/CopyButton';
import { useResource } from '../../shell/use-resource';
import { FormActions, Loaded, Page, useCanEdit } from '../ui';
import type { Items, UserView } from '../types';
import { SkillsEditor } from './SkillsEditor';
import { createUserBody, DEFAULT_PRESENCES, defaultPresenceFor, generatePassword, newUserValues, routingBody, updateUserBody, userProblems, userValuesOf, type DefaultPresence, type UserValues } from './user-form';

const ROLES = ['agent', 'supervisor', 'admin'] as const;
const UI_LANGUAGES = ['en', 'ko'] as const;
type CapacityProfile = { id: string; name: string; defaultMaxItems: number };

export function UserEditor() {
  const { id } = useParams();
  const { t } = useTranslation();
  const user = useResource<UserView>(id ? `/api/v1/users/${id}` : null);
  if (!id) return <Page title={t('admin.users.newTitle')} intro={t('admin.users.newIntro')}><UserForm /></Page>;
  return <Loaded resource={user}>{(u) => <Page title={u.name} intro={u.email}><UserForm key={u.id} user={u} onSaved={user.setData} /></Page>}</Loaded>;
}

/** Create (invite) a user with a first password to hand over, or change role, capacity, skills and password. */
function UserForm({ user, onSaved }: { user?: UserView; onSaved?: (u: UserView) => void }) {
  const { t } = useTranslation();
  const canEdit = useCanEdit();
  const navigate = useNavigate();
  const creating = !user;
  const firstPassword = useMemo(() => generatePassword(), []);
  const profiles = useResource<Items<CapacityProfile>>('/api/v1/capacity-profiles');
  const [saved, setSaved] = useState(false);
  const form = useForm<UserValues>(user ? userValuesOf(user) : newUserValues(firstPassword), {
    networkMessage: t('common.networkError'),
    aliases: { capacityProfiles: 'profileLimits' },
    validate: (v) => Object.fromEntries(Object.entries(userProblems(v, creating)).map(([f, p]) => [f, p && t(p.key, p.values)])),
  });
  const { values, set, errors } = form;

  // A new user's default presence follows the role (as the server's default does) until the admin picks one.
  function changeRole(role: UserValues['role']) {
    if (creating && values.defaultPresence === defaultPresenceFor(values.role)) set('defaultPresence', defaultPresenceFor(role));
    set('role', role);
  }

  async function save(v: UserValues) {
    setSaved(false);
    if (!user) {
      const created = await api<UserView>('POST', '/api/v1/users', { body: createUserBody(v) });
      const routing = routingBody(v);
      // Skills and profile limits are set on the user once it exists.
      if (routing.skills.length || routing.capacityProfiles.length) await api('PATCH', `/api/v1/users/${created.id}`, { body: routing });
      navigate(`/admin/users/${created.id}`);
      return;
    }
    const body = updateUserBody(v, user);
    const updated = Object.keys(body).length ? await api<UserView>('PATCH', `/api/v1/users/${user.id}`, { body }) : user;
    set('password', '');
    onSaved?.(updated);
    setSaved(true);
  }

  return (
    <form className="form card" noValidate onSubmit={(e) => { e.preventDefault(); void form.submit(save); }}>
      <fieldset className="plain" disabled={!canEdit}>
        <div className="row">
          <TextField label={t('admin.users.name')} value={values.name} error={errors.name} onChange={(e) => set('name', e.target.value)} maxLength={120} />
          <TextField label={t('admin.users.email')} type="email" value={values.email} error={errors.email} onChange={(e) => set('email', e.target.value)} disabled={!creating} autoComplete="off" />
        </div>
        <div className="row">
          <SelectField label={t('admin.users.role')} value={values.role} onChange={(e) => changeRole(e.target.value as UserValues['role'])} hint={t(`admin.users.roleHints.${values.role}`)}>
            {ROLES.map((r) => <option key={r} value={r}>{t(`admin.roles.${r}`)}</option>)}
          </SelectField>
          <TextField label={t('admin.users.capacity')} hint={t('admin.users.capacityHint')} type="number" min={0} max={10000} value={values.capacity} error={errors.capacity} onChange={(e) => set('capacity', e.target.value)} />
          <SelectField label={t('admin.users.language')} value={values.language} onChange={(e) => set('language', e.target.value)}>
            {UI_LANGUAGES.map((l) => <option key={l} value={l}>{l === 'en' ? 'English' : '한국어'}</option>)}
          </SelectField>
          <SelectField label={t('admin.users.defaultPresence')} hint={t('admin.users.defaultPresenceHint')} value={values.defaultPresence} onChange={(e) => set('defaultPresence', e.target.value as DefaultPresence)}>
            {DEFAULT_PRESENCES.map((p) => <option key={p} value={p}>{t(`common.presence.${p}`)}</option>)}
          </SelectField>
        </div>
        {creating ? (
          <div className="row align-end">
            <TextField label={t('admin.users.firstPassword')} hint={t('admin.users.firstPasswordHint')} value={values.password} error={errors.password} onChange={(e) => set('password', e.target.value)} className="mono-input" autoComplete="off" />
            <CopyButton value={values.password} label={t('admin.copy')} copiedLabel={t('admin.copied')} />
          </div>
        ) : (
          <TextField label={t('admin.users.newPassword')} hint={t('admin.users.newPasswordHint')} type="password" value={values.password} error={errors.password} onChange={(e) => set('password', e.target.value)} autoComplete="new-password" />
        )}
        <SkillsEditor skills={values.skills} onChange={(s) => set('skills', s)} error={errors.skills} />
        {profiles.data && profiles.data.items.length > 0 && (
          <FieldSet legend={t('admin.users.profileLimits')} hint={t('admin.users.profileLimitsHint')} error={errors.profileLimits}>
            <div className="row">
              {profiles.data.items.map((p) => (
                <TextField key={p.id} label={p.name} type="number" min={0} max={1000} placeholder={String(p.defaultMaxItems)} value={values.profileLimits[p.id] ?? ''}
                  onChange={(e) => set('profileLimits', { ...values.profileLimits, [p.id]: e.target.value })} />
              ))}
            </div>
          </FieldSet>
        )}
      </fieldset>
      <FormError message={form.formError} />
      {canEdit && (
        <FormActions>
          {saved && <span className="ok" role="status">{t('admin.saved')}</span>}
          <button type="submit" className="primary" disabled={form.submitting}>{creating ? t('admin.users.create') : t('common.save')}</button>
        </FormActions>
      )}
    </form>
  );
}
