import { Link, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useResource } from '../../shell/use-resource';
import { Loaded, Page } from '../ui';
import { channelSettings, type Items, type QueueView, type WorkstreamView } from '../types';
import type { RouteRuleView, RulesetView } from './routing-types';
import { RulesetsSection } from './RulesetsSection';
import { RouteRulesSection } from './RouteRulesSection';
import { RuleTester } from './RuleTester';

/** A workstream's routing: classification rulesets, route-to-queue rules, and a box to try them. */
export function RoutingPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const workstream = useResource<WorkstreamView>(`/api/v1/workstreams/${id}`);
  const queues = useResource<Items<QueueView>>('/api/v1/queues');
  const rules = useResource<Items<RouteRuleView>>(`/api/v1/workstreams/${id}/routing-rules`);
  const rulesets = useResource<Items<RulesetView>>(`/api/v1/workstreams/${id}/classification-rulesets`);
  return (
    <Loaded resource={workstream}>
      {(w) => (
        <Page title={t('admin.routing.title', { name: w.name })} actions={<Link to={`/admin/workstreams/${w.id}`} className="button">{t('admin.routing.backToWorkstream')}</Link>}>
          {params.get('setup') === 'done' && <p className="notice ok" role="status">{t('admin.routing.setupDone')}</p>}
          <div className="stack">
            <Loaded resource={rulesets}>{({ items }) => <RulesetsSection workstreamId={w.id} rulesets={items} reload={rulesets.reload} />}</Loaded>
            <Loaded resource={queues}>
              {(q) => (
                <Loaded resource={rules}>
                  {({ items }) => (
                    <RouteRulesSection workstreamId={w.id} rules={items} queues={q.items} reload={rules.reload}
                      fallbackQueueName={q.items.find((x) => x.id === w.fallbackQueueId)?.name ?? ''} />
                  )}
                </Loaded>
              )}
            </Loaded>
            <RuleTester workstreamId={w.id} language={channelSettings(w).language} channel={w.channel} />
          </div>
        </Page>
      )}
    </Loaded>
  );
}
