import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../../shell/api';
import { Stepper } from '../../shell/Stepper';
import { useResource } from '../../shell/use-resource';
import { FormError } from '../../shell/fields';
import { FormActions, Loaded, Page, useCanEdit } from '../ui';
import { useChannelName, useChannels } from '../../shell/channels';
import { channelSettings, type AccountView, type Items, type TemplateView, type WorkstreamView } from '../types';
import { NumberStep, LanguageStep, BehaviorsStep, FeaturesStep, SummaryStep, type ChannelSetup } from './channel-setup-steps';
import { behaviorsBody, choicesOf, type BehaviorChoices, type BehaviorsView, type TriggerDefinition } from './behaviors-form';

const STEPS = ['number', 'language', 'behaviors', 'features', 'summary'] as const;

/**
 * The setup of a workstream on its channel, one decision per page: number → language → behaviors →
 * user features → summary. What a page offers follows the channel's capabilities (no templates
 * where the channel has none). Nothing is saved until the admin confirms the summary.
 */
export function ChannelSetupWizard() {
  const { id } = useParams();
  const { t } = useTranslation();
  const channelName = useChannelName();
  const workstream = useResource<WorkstreamView>(`/api/v1/workstreams/${id}`);
  return (
    <Loaded resource={workstream}>
      {(w) => (
        <Page title={t('admin.channelSetup.title', { name: w.name, channel: channelName(w.channel) })}>
          <SetupWalk workstream={w} />
        </Page>
      )}
    </Loaded>
  );
}

function SetupWalk({ workstream }: { workstream: WorkstreamView }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const canEdit = useCanEdit();
  const [params] = useSearchParams();
  const accounts = useResource<Items<AccountView>>('/api/v1/messaging-accounts');
  const workstreams = useResource<Items<WorkstreamView>>('/api/v1/workstreams');
  const templates = useResource<Items<TemplateView>>('/api/v1/templates');
  const catalogue = useResource<Items<TriggerDefinition>>('/api/v1/automation/triggers');
  const behaviorsView = useResource<BehaviorsView>(`/api/v1/workstreams/${workstream.id}/behaviors`);
  const behaviors = catalogue.data && behaviorsView.data ? { catalogue: catalogue.data.items, view: behaviorsView.data } : null;
  const [choices, setChoices] = useState<BehaviorChoices | null>(null);
  useEffect(() => {
    if (behaviors && !choices) setChoices(choicesOf(behaviors.catalogue, behaviors.view));
  }, [behaviors, choices]);
  const [step, setStep] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const channels = useChannels();
  const usesTemplates = channels?.[workstream.channel].capabilities.templates ?? false;
  const settings = channelSettings(workstream);
  const [setup, setSetup] = useState<ChannelSetup>({
    numberId: settings.numberId ?? params.get('numberId') ?? '',
    language: settings.language,
    attachments: settings.customerAttachments || settings.agentAttachments,
    customerAttachments: settings.customerAttachments,
    agentAttachments: settings.agentAttachments,
  });
  const update = (patch: Partial<ChannelSetup>) => setSetup((s) => ({ ...s, ...patch }));

  useEffect(() => document.getElementById('wizard-heading')?.focus(), [step]);

  async function finish() {
    setSaving(true);
    setError(null);
    try {
      await api('PATCH', `/api/v1/workstreams/${workstream.id}`, {
        body: {
          [workstream.channel]: {
            numberId: setup.numberId || null,
            language: setup.language,
            customerAttachments: setup.attachments && setup.customerAttachments,
            agentAttachments: setup.attachments && setup.agentAttachments,
          },
        },
      });
      const body = behaviors && choices ? behaviorsBody(behaviors.catalogue, behaviors.view, choices) : {};
      if (Object.keys(body).length) await api('PUT', `/api/v1/workstreams/${workstream.id}/behaviors`, { body });
      navigate(`/admin/workstreams/${workstream.id}/routing?setup=done`);
    } catch (err) {
      setError(err instanceof Error ? err.message : t('common.networkError'));
      // The number is the setting the server refuses most (taken meanwhile): show it again.
      if (err instanceof Error && /number/i.test(err.message)) setStep(0);
    } finally {
      setSaving(false);
    }
  }

  // Only the numbers that carry the workstream's channel can serve it.
  const numbers = accounts.data?.items.flatMap((a) => a.numbers.filter((n) => n.channels.includes(workstream.channel)).map((n) => ({ ...n, accountName: a.name }))) ?? [];
  const selectedNumber = numbers.find((n) => n.id === setup.numberId);
  const canGoOn = step !== 0 || !!selectedNumber;
  return (
    <>
      <Stepper label={t('admin.wizard.progress')} steps={STEPS.map((s) => t(`admin.channelSetup.steps.${s}`))} current={step} />
      <div className="card wizard-page">
        <h2 id="wizard-heading" tabIndex={-1}>{t(`admin.channelSetup.steps.${STEPS[step]}`)}</h2>
        {step === 0 && <NumberStep setup={setup} update={update} numbers={numbers} channel={workstream.channel} workstreams={workstreams.data?.items ?? []} workstreamId={workstream.id} />}
        {step === 1 && <LanguageStep setup={setup} update={update} />}
        {step === 2 && <BehaviorsStep setup={setup} usesTemplates={usesTemplates} templates={templates.data?.items ?? []} behaviors={behaviors} choices={choices} onChoices={setChoices} />}
        {step === 3 && <FeaturesStep setup={setup} update={update} />}
        {step === 4 && <SummaryStep setup={setup} usesTemplates={usesTemplates} numbers={numbers} templates={templates.data?.items ?? []} choices={behaviors ? choices : null} />}
        <FormError message={error} />
        <FormActions>
          {step === 0 ? (
            <Link to={`/admin/workstreams/${workstream.id}`} className="button">{t('common.cancel')}</Link>
          ) : (
            <button type="button" onClick={() => setStep(step - 1)}>{t('admin.wizard.back')}</button>
          )}
          {step < STEPS.length - 1 ? (
            <button type="button" className="primary" disabled={!canGoOn} onClick={() => setStep(step + 1)}>{t('admin.wizard.next')}</button>
          ) : (
            <button type="button" className="primary" disabled={!canEdit || saving} onClick={() => void finish()}>{saving ? t('common.working') : t('admin.channelSetup.finish')}</button>
          )}
        </FormActions>
      </div>
    </>
  );
}
