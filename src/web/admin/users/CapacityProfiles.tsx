import { useTranslation } from 'react-i18next';
import { api } from '../../shell/api';
import { useForm } from '../../shell/use-form';
import { FormError, TextField } from '../../shell/fields';
import { useResource } from '../../shell/use-resource';
import { Loaded, useCanEdit } from '../ui';
import type { Items } from '../types';
import { RemoveButton } from '../RemoveAction';

type CapacityProfile = { id: string; name: string; defaultMaxItems: number };

/**
 * Capacity profiles: "at most N conversations of this kind at once", besides capacity units. A
 * workstream may use one; each agent may get a limit of their own (on the user's page).
 */
export function CapacityProfiles() {
  const { t } = useTranslation();
  const canEdit = useCanEdit();
  const profiles = useResource<Items<CapacityProfile>>('/api/v1/capacity-profiles');
  const form = useForm({ name: '', defaultMaxItems: '1' }, {
    networkMessage: t('common.networkError'),
    validate: (v) => ({
      name: v.name.trim() ? undefined : t('admin.errors.required'),
      defaultMaxItems: /^\d+$/.test(v.defaultMaxItems) && Number(v.defaultMaxItems) <= 1000 ? undefined : t('admin.errors.range', { min: 0, max: 1000 }),
    }),
  });
  return (
    <section className="card" aria-labelledby="profiles-title">
      <h2 id="profiles-title">{t('admin.profiles.title')}</h2>
      <p className="muted">{t('admin.profiles.intro')}</p>
      <Loaded resource={profiles}>
        {({ items }) =>
          items.length === 0 ? (
            <p className="muted">{t('admin.profiles.none')}</p>
          ) : (
            <ul className="plain-list">
              {items.map((p) => (
                <li key={p.id} className="row-actions">
                  <span><strong>{p.name}</strong> — {t('admin.profiles.limit', { count: p.defaultMaxItems })}</span>
                  {canEdit && <RemoveButton path={`/api/v1/capacity-profiles/${p.id}`} name={p.name} subject="profile" onRemoved={() => void profiles.reload()} />}
                </li>
              ))}
            </ul>
          )
        }
      </Loaded>
      {canEdit && (
        <form className="inline-form" noValidate onSubmit={(e) => {
          e.preventDefault();
          void form.submit(async (v) => {
            await api('POST', '/api/v1/capacity-profiles', { body: { name: v.name.trim(), defaultMaxItems: Number(v.defaultMaxItems) } });
            form.setValues({ name: '', defaultMaxItems: '1' });
            await profiles.reload();
          });
        }}>
          <TextField label={t('admin.profiles.name')} value={form.values.name} error={form.errors.name} onChange={(e) => form.set('name', e.target.value)} maxLength={100} />
          <TextField label={t('admin.profiles.defaultMaxItems')} type="number" min={0} max={1000} value={form.values.defaultMaxItems} error={form.errors.defaultMaxItems}
            onChange={(e) => form.set('defaultMaxItems', e.target.value)} />
          <button type="submit" disabled={form.submitting}>{t('admin.profiles.add')}</button>
          <FormError message={form.formError} />
        </form>
      )}
    </section>
  );
}
