import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useResource } from '../../shell/use-resource';
import { Loaded, Page } from '../ui';
import type { Items, QueueView, WorkstreamView } from '../types';
import { WorkstreamForm } from './WorkstreamForm';
import { newWorkstreamValues, valuesOf } from './workstream-form';

/** Create a workstream (then its channel setup), or edit one. */
export function WorkstreamEditor() {
  const { id } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const queues = useResource<Items<QueueView>>('/api/v1/queues');
  const workstream = useResource<WorkstreamView>(id ? `/api/v1/workstreams/${id}` : null);

  if (!id) {
    return (
      <Page title={t('admin.workstreams.newTitle')} intro={t('admin.workstreams.newIntro')}>
        <Loaded resource={queues}>
          {({ items }) => (
            <WorkstreamForm queues={items} initial={newWorkstreamValues(items.find((q) => q.isDefault)?.id ?? items[0]?.id ?? '')}
              onSaved={(w) => navigate(`/admin/workstreams/${w.id}/setup${params.get('numberId') ? `?numberId=${params.get('numberId')}` : ''}`)} />
          )}
        </Loaded>
      </Page>
    );
  }
  return (
    <Loaded resource={workstream}>
      {(w) => (
        <Page title={w.name} intro={t(`admin.workstreams.modes.${w.mode}`)}
          actions={
            <>
              <Link to={`/admin/workstreams/${w.id}/setup`} className="button">{t('admin.workstreams.channelSetup')}</Link>
              <Link to={`/admin/workstreams/${w.id}/routing`} className="button">{t('admin.workstreams.routing')}</Link>
              <Link to={`/admin/workstreams/${w.id}/behaviors`} className="button">{t('admin.workstreams.behaviors')}</Link>
            </>
          }>
          <Loaded resource={queues}>
            {({ items }) => <WorkstreamForm key={w.id} workstream={w} queues={items} initial={valuesOf(w)} onSaved={workstream.setData} />}
          </Loaded>
        </Page>
      )}
    </Loaded>
  );
}
