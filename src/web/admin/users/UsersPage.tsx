import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useResource } from '../../shell/use-resource';
import { Loaded, Page, useCanEdit } from '../ui';
import type { Items, QueueView, UserView } from '../types';
import { CapacityProfiles } from './CapacityProfiles';
import { UserAccessButton } from './UserAccess';

export function UsersPage() {
  const { t } = useTranslation();
  const canEdit = useCanEdit();
  const users = useResource<Items<UserView>>('/api/v1/users');
  const queues = useResource<Items<QueueView>>('/api/v1/queues');
  const queueNames = (ids: string[]) => ids.map((id) => queues.data?.items.find((q) => q.id === id)?.name).filter(Boolean).join(', ');
  return (
    <Page title={t('admin.users.title')} intro={t('admin.users.intro')}
      actions={canEdit && <Link to="/admin/users/new" className="button primary">{t('admin.users.new')}</Link>}>
      <Loaded resource={users}>
        {({ items }) => (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('admin.users.name')}</th>
                <th scope="col">{t('admin.users.role')}</th>
                <th scope="col">{t('admin.users.presence')}</th>
                <th scope="col">{t('admin.users.capacity')}</th>
                <th scope="col">{t('admin.users.skills')}</th>
                <th scope="col">{t('admin.queues.title')}</th>
                {canEdit && <th scope="col"><span className="visually-hidden">{t('admin.users.access')}</span></th>}
              </tr>
            </thead>
            <tbody>
              {items.map((u) => (
                <tr key={u.id} className={u.disabled ? 'user-disabled' : undefined}>
                  <td>
                    <Link to={`/admin/users/${u.id}`}>{u.name}</Link>
                    {u.disabled && <> <span className="badge warn">{t('admin.users.deactivated')}</span></>}
                    <div className="muted small">{u.email}</div>
                  </td>
                  <td>{t(`admin.roles.${u.role}`)}</td>
                  <td>{u.disabled ? <span className="muted">—</span> : <span className={`presence presence-${u.presence}`}>{t(`common.presence.${u.presence}`, { defaultValue: u.presence })}</span>}</td>
                  <td>{u.capacity}</td>
                  <td>{u.skills.map((s) => `${s.name} (${s.proficiency})`).join(', ')}</td>
                  <td>{queueNames(u.queueIds)}</td>
                  {canEdit && (
                    <td>
                      <UserAccessButton user={u} onChanged={(changed) => users.setData({ items: items.map((x) => (x.id === changed.id ? changed : x)) })} />
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Loaded>
      <div className="stack section-gap">
        <CapacityProfiles />
      </div>
    </Page>
  );
}
