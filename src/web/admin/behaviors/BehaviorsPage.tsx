import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useResource } from '../../shell/use-resource';
import { Loaded, Page } from '../ui';
import { channelSettings, type Items, type TemplateView, type WorkstreamView } from '../types';
import type { BehaviorsView, TriggerDefinition } from './behaviors-types';
import { AutomatedMessagesEditor } from './AutomatedMessagesEditor';
import { SurveyEditor } from './SurveyEditor';
import { BotEditor } from './BotEditor';
import { AutoCloseEditor } from './AutoCloseEditor';

/** A workstream's behaviors in full: automated messages per language, survey, bot and auto-close limits. */
export function BehaviorsPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const workstream = useResource<WorkstreamView>(`/api/v1/workstreams/${id}`);
  const behaviors = useResource<BehaviorsView>(`/api/v1/workstreams/${id}/behaviors`);
  const catalogue = useResource<Items<TriggerDefinition>>('/api/v1/automation/triggers');
  const templates = useResource<Items<TemplateView>>('/api/v1/templates');
  return (
    <Loaded resource={workstream}>
      {(w) => (
        <Page title={t('admin.behaviors.title', { name: w.name })} intro={t('admin.behaviors.intro')}
          actions={<Link to={`/admin/workstreams/${w.id}`} className="button">{t('admin.routing.backToWorkstream')}</Link>}>
          <Loaded resource={behaviors}>
            {(b) => (
              <div className="stack">
                <Loaded resource={catalogue}>
                  {({ items }) => <AutomatedMessagesEditor workstreamId={w.id} language={channelSettings(w).language} catalogue={items} behaviors={b} onSaved={behaviors.setData} />}
                </Loaded>
                <SurveyEditor workstreamId={w.id} survey={b.survey} templates={templates.data?.items ?? []} onSaved={behaviors.setData} />
                <BotEditor workstreamId={w.id} bot={b.bot} onSaved={behaviors.setData} />
                <AutoCloseEditor workstreamId={w.id} autoClose={b.autoClose} onSaved={behaviors.setData} />
              </div>
            )}
          </Loaded>
        </Page>
      )}
    </Loaded>
  );
}
