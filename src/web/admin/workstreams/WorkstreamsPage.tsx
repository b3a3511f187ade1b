import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useResource } from '../../shell/use-resource';
import { Loaded, Page, useCanEdit } from '../ui';
import { ChannelBadge } from '../../shell/channels';
import { RemoveButton } from '../RemoveAction';
import { channelSettings, type AccountView, type Items, type QueueView, type WorkstreamView } from '../types';

export function WorkstreamsPage() {
  const { t } = useTranslation();
  const canEdit = useCanEdit();
  const workstreams = useResource<Items<WorkstreamView>>('/api/v1/workstreams');
  const queues = useResource<Items<QueueView>>('/api/v1/queues');
  const accounts = useResource<Items<AccountView>>('/api/v1/messaging-accounts');
  const numberOf = (id: string | null) => accounts.data?.items.flatMap((a) => a.numbers).find((n) => n.id === id);
  const queueName = (id: string) => queues.data?.items.find((q) => q.id === id)?.name ?? '';
  return (
    <Page title={t('admin.workstreams.title')} intro={t('admin.workstreams.intro')}
      actions={canEdit && <Link to="/admin/workstreams/new" className="button primary">{t('admin.workstreams.new')}</Link>}>
      <Loaded resource={workstreams}>
        {({ items }) =>
          items.length === 0 ? (
            <p className="empty">{t('admin.workstreams.empty')}</p>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('admin.workstreams.name')}</th>
                  <th scope="col">{t('admin.workstreams.channel')}</th>
                  <th scope="col">{t('admin.workstreams.mode')}</th>
                  <th scope="col">{t('admin.channelSetup.number')}</th>
                  <th scope="col">{t('admin.workstreams.fallbackQueue')}</th>
                  <th scope="col"><span className="visually-hidden">{t('admin.actions')}</span></th>
                </tr>
              </thead>
              <tbody>
                {items.map((w) => {
                  const number = numberOf(channelSettings(w).numberId);
                  return (
                    <tr key={w.id}>
                      <td><Link to={`/admin/workstreams/${w.id}`}>{w.name}</Link></td>
                      <td><ChannelBadge channel={w.channel} /></td>
                      <td>{t(`admin.workstreams.modes.${w.mode}`)}</td>
                      <td>{number ? <>{number.name} <span className="mono">{number.number}</span></> : <span className="warn">{t('admin.workstreams.noNumber')}</span>}</td>
                      <td>{queueName(w.fallbackQueueId)}</td>
                      <td className="row-actions">
                        <Link to={`/admin/workstreams/${w.id}/setup`}>{t('admin.workstreams.channelSetup')}</Link>
                        <Link to={`/admin/workstreams/${w.id}/routing`}>{t('admin.workstreams.routing')}</Link>
                        <Link to={`/admin/workstreams/${w.id}/behaviors`}>{t('admin.workstreams.behaviors')}</Link>
                        {canEdit && <RemoveButton path={`/api/v1/workstreams/${w.id}`} name={w.name} subject="workstream" onRemoved={() => void workstreams.reload()} />}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )
        }
      </Loaded>
    </Page>
  );
}
