import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useResource } from '../shell/use-resource';
import { Page } from './ui';
import { channelSettings, type AccountView, type Items, type QueueView, type TemplateView, type UserView, type WorkstreamView } from './types';
import { HealthList, type HealthWarning } from './accounts/HealthList';


/** The setup walkthrough as a checklist: what is done, what is next, and what needs attention. */
export function Overview() {
  const { t } = useTranslation();
  const accounts = useResource<Items<AccountView>>('/api/v1/messaging-accounts');
  const workstreams = useResource<Items<WorkstreamView>>('/api/v1/workstreams');
  const queues = useResource<Items<QueueView>>('/api/v1/queues');
  const templates = useResource<Items<TemplateView>>('/api/v1/templates');
  const users = useResource<Items<UserView>>('/api/v1/users');
  const warnings = useResource<Items<HealthWarning>>('/api/v1/configuration-warnings');
  const numbers = accounts.data?.items.flatMap((a) => a.numbers) ?? [];
  const steps = [
    { key: 'account', done: (accounts.data?.items.length ?? 0) > 0, to: '/admin/accounts/new' },
    { key: 'number', done: numbers.length > 0, to: '/admin/accounts' },
    { key: 'workstream', done: workstreams.data?.items.some((w) => channelSettings(w).numberId) ?? false, to: '/admin/workstreams/new' },
    { key: 'queue', done: (queues.data?.items.some((q) => q.agentIds.length > 0)) ?? false, to: '/admin/queues' },
    { key: 'template', done: (templates.data?.items.length ?? 0) > 0, to: '/admin/templates/new' },
    { key: 'agents', done: (users.data?.items.filter((u) => u.role === 'agent').length ?? 0) > 0, to: '/admin/users/new' },
  ];
  return (
    <Page title={t('admin.overview.title')} intro={t('admin.overview.intro')}>
      {warnings.data && warnings.data.items.length > 0 && (
        <section className="card warnings" aria-labelledby="warnings-title">
          <h2 id="warnings-title">{t('admin.overview.warnings')}</h2>
          <HealthList items={warnings.data.items} />
        </section>
      )}
      <ol className="checklist">
        {steps.map((s) => (
          <li key={s.key} className={s.done ? 'done' : ''}>
            <span className="check" aria-hidden="true">{s.done ? '✓' : ''}</span>
            <div>
              <strong>{t(`admin.overview.steps.${s.key}.title`)}</strong>
              <span className="visually-hidden">{s.done ? t('admin.overview.done') : t('admin.overview.todo')}</span>
              <p className="muted">{t(`admin.overview.steps.${s.key}.text`)}</p>
            </div>
            <Link to={s.to} className="button" aria-label={`${s.done ? t('admin.overview.review') : t('admin.overview.start')}: ${t(`admin.overview.steps.${s.key}.title`)}`}>
              {s.done ? t('admin.overview.review') : t('admin.overview.start')}
            </Link>
          </li>
        ))}
      </ol>
    </Page>
  );
}
