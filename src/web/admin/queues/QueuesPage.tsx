import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useResource } from '../../shell/use-resource';
import { Loaded, Page, useCanEdit } from '../ui';
import type { Items, QueueView } from '../types';
import { RemoveButton } from '../RemoveAction';

export function QueuesPage() {
  const { t } = useTranslation();
  const canEdit = useCanEdit();
  const queues = useResource<Items<QueueView>>('/api/v1/queues');
  return (
    <Page title={t('admin.queues.title')} intro={t('admin.queues.intro')}
      actions={canEdit && <Link to="/admin/queues/new" className="button primary">{t('admin.queues.new')}</Link>}>
      <Loaded resource={queues}>
        {({ items }) => (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('admin.queues.name')}</th>
                <th scope="col">{t('admin.queues.priority')}</th>
                <th scope="col">{t('admin.queues.assignmentMethod')}</th>
                <th scope="col">{t('admin.queues.agents')}</th>
                <th scope="col">{t('admin.queues.hours')}</th>
                {canEdit && <th scope="col"><span className="visually-hidden">{t('admin.actions')}</span></th>}
              </tr>
            </thead>
            <tbody>
              {items.map((q) => (
                <tr key={q.id}>
                  <td><Link to={`/admin/queues/${q.id}`}>{q.name}</Link> {q.isDefault && <span className="badge">{t('admin.queues.default')}</span>}</td>
                  <td>{q.priority}</td>
                  <td>{t(`admin.queues.methods.${q.assignmentMethod}`)}</td>
                  <td>{q.agentIds.length}</td>
                  <td>{q.weeklyHours ? t('admin.queues.scheduled', { zone: q.timeZone }) : t('admin.queues.alwaysOpen')}</td>
                  {canEdit && (
                    <td>
                      {!q.isDefault && <RemoveButton path={`/api/v1/queues/${q.id}`} name={q.name} subject="queue" onRemoved={() => void queues.reload()} />}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Loaded>
    </Page>
  );
}
