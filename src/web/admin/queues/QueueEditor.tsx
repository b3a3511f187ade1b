import { useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useResource } from '../../shell/use-resource';
import { Loaded, Page } from '../ui';
import type { Items, QueueView, UserView } from '../types';
import { QueueForm } from './QueueForm';
import { newQueueValues, queueValuesOf } from './queue-form';

export function QueueEditor() {
  const { id } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queue = useResource<QueueView>(id ? `/api/v1/queues/${id}` : null);
  const queues = useResource<Items<QueueView>>('/api/v1/queues');
  const users = useResource<Items<UserView>>('/api/v1/users');
  const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const form = (q?: QueueView) => (
    <Loaded resource={queues}>
      {({ items }) => (
        <Loaded resource={users}>
          {(u) => (
            <QueueForm key={q?.id ?? 'new'} queue={q} queues={items} users={u.items} initial={q ? queueValuesOf(q) : newQueueValues(browserZone)}
              onSaved={(saved) => (q ? queue.setData(saved) : navigate(`/admin/queues/${saved.id}`))} />
          )}
        </Loaded>
      )}
    </Loaded>
  );
  if (!id) return <Page title={t('admin.queues.newTitle')}>{form()}</Page>;
  return <Loaded resource={queue}>{(q) => <Page title={q.name}>{form(q)}</Page>}</Loaded>;
}
