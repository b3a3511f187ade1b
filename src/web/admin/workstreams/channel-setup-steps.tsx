import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { CheckboxField, FieldSet, SelectField } from '../../shell/fields';
import type { NumberView, TemplateView, WorkstreamView } from '../types';
import { LANGUAGES, languageName } from '../languages';
import { useChannelName, type ChannelId } from '../../shell/channels';
import { listedTriggers, textIn, type BehaviorChoices, type BehaviorsView, type TriggerDefinition } from './behaviors-form';

export type ChannelSetup = { numberId: string; language: string; attachments: boolean; customerAttachments: boolean; agentAttachments: boolean };
type StepProps = { setup: ChannelSetup; update: (patch: Partial<ChannelSetup>) => void };
type NumberOption = NumberView & { accountName: string };

/** The numbers carrying the channel; one whose channel already serves another workstream is shown but cannot be chosen. */
export function NumberStep({ setup, update, numbers, channel, workstreams, workstreamId }: StepProps & { numbers: NumberOption[]; channel: ChannelId; workstreams: WorkstreamView[]; workstreamId: string }) {
  const { t } = useTranslation();
  const channelName = useChannelName();
  const ownerOf = (n: NumberOption) => {
    const owner = n.workstreams.find((w) => w.channel === channel)?.workstreamId;
    return owner && owner !== workstreamId ? workstreams.find((w) => w.id === owner)?.name ?? '…' : null;
  };
  if (numbers.length === 0) {
    return <p>{t('admin.channelSetup.noNumbers', { channel: channelName(channel) })} <Link to="/admin/accounts">{t('admin.accounts.title')}</Link></p>;
  }
  return (
    <FieldSet legend={t('admin.channelSetup.pickNumber', { channel: channelName(channel) })} hint={t('admin.channelSetup.numberHint')}>
      {numbers.map((n) => {
        const owner = ownerOf(n);
        return (
          <label key={n.id} className={`radio ${owner ? 'disabled' : ''}`}>
            <input type="radio" name="number" checked={setup.numberId === n.id} disabled={!!owner} onChange={() => update({ numberId: n.id })} />
            <span>
              <strong>{n.name}</strong> <span className="mono">{n.number}</span> <span className="muted">· {n.accountName}</span>
              {owner && <span className="muted"> · {t('admin.channelSetup.usedBy', { name: owner })}</span>}
            </span>
          </label>
        );
      })}
    </FieldSet>
  );
}

export function LanguageStep({ setup, update }: StepProps) {
  const { t, i18n } = useTranslation();
  const ui = i18n.resolvedLanguage ?? 'en';
  const options: string[] = LANGUAGES.includes(setup.language as (typeof LANGUAGES)[number]) ? [...LANGUAGES] : [setup.language, ...LANGUAGES];
  return (
    <SelectField label={t('admin.channelSetup.language')} hint={t('admin.channelSetup.languageHint')} value={setup.language} onChange={(e) => update({ language: e.target.value })}>
      {options.map((code) => <option key={code} value={code}>{languageName(code, ui)} ({code})</option>)}
    </SelectField>
  );
}

/** Templates whose localizations cover the workstream's language are the ones agents can send when the window has closed. */
export function templatesFor(templates: TemplateView[], language: string): TemplateView[] {
  const base = language.split('-')[0];
  return templates.filter((tpl) => tpl.localizations.some((l) => l.language === language || l.language.split('-')[0] === base));
}

export type BehaviorsData = { catalogue: TriggerDefinition[]; view: BehaviorsView };

/**
 * Templates in the language, then the automated messages and the survey. Without the behaviors
 * API (an older server) the page says so instead of offering switches that would do nothing.
 */
export function BehaviorsStep({ setup, usesTemplates, templates, behaviors, choices, onChoices }: {
  setup: ChannelSetup; usesTemplates: boolean; templates: TemplateView[]; behaviors: BehaviorsData | null; choices: BehaviorChoices | null; onChoices: (c: BehaviorChoices) => void;
}) {
  const { t, i18n } = useTranslation();
  const ui = i18n.resolvedLanguage ?? 'en';
  const usable = templatesFor(templates, setup.language);
  return (
    <div className="stack">
      {usesTemplates && <section aria-labelledby="beh-templates">
        <h3 id="beh-templates">{t('admin.channelSetup.templates')}</h3>
        <p className="muted">{t('admin.channelSetup.templatesHint', { language: languageName(setup.language, ui) })}</p>
        {usable.length === 0 ? (
          <p className="warn">{t('admin.channelSetup.noTemplates')} <Link to="/admin/templates/new">{t('admin.templates.new')}</Link></p>
        ) : (
          <ul className="plain-list">
            {usable.map((tpl) => <li key={tpl.id}><strong>{tpl.name}</strong> <span className="muted">({tpl.localizations.map((l) => l.language).join(', ')})</span></li>)}
          </ul>
        )}
      </section>}
      {behaviors && choices ? (
        <>
          <FieldSet legend={t('admin.channelSetup.automatedMessages')} hint={t('admin.channelSetup.automatedMessagesHint')} className="behaviors">
            {listedTriggers(behaviors.catalogue).map((d) => (
              <CheckboxField key={d.trigger} checked={choices.messages[d.trigger] ?? false}
                label={<>{t(`admin.behaviors.triggers.${d.trigger}`)}{d.audience === 'agent' && <span className="muted"> ({t('admin.behaviors.toAgent')})</span>}</>}
                hint={`${t('admin.behaviors.exampleIn', { language: languageName(setup.language, ui) })} “${textIn(d, behaviors.view.automatedMessages[d.trigger], setup.language)}”`}
                onChange={(e) => onChoices({ ...choices, messages: { ...choices.messages, [d.trigger]: e.target.checked } })} />
            ))}
          </FieldSet>
          <FieldSet legend={t('admin.channelSetup.survey')} hint={t('admin.channelSetup.surveyHint')}>
            <CheckboxField label={t('admin.channelSetup.surveyOn')} checked={choices.survey.enabled} onChange={(e) => onChoices({ ...choices, survey: { ...choices.survey, enabled: e.target.checked } })} />
            {choices.survey.enabled && (
              <div className="indent">
                <FieldSet legend={t('admin.behaviors.surveyChannel')}>
                  {(['chat', 'link'] as const).map((c) => (
                    <label key={c} className="radio">
                      <input type="radio" name="survey-channel" checked={choices.survey.channel === c} onChange={() => onChoices({ ...choices, survey: { ...choices.survey, channel: c } })} />
                      <span>{t(`admin.behaviors.surveyChannels.${c}`)}</span>
                    </label>
                  ))}
                </FieldSet>
                {usesTemplates && <SelectField label={t('admin.behaviors.surveyTemplate')} hint={t('admin.behaviors.surveyTemplateHint', { one: '{{1}}' })} value={choices.survey.templateId ?? ''}
                  onChange={(e) => onChoices({ ...choices, survey: { ...choices.survey, templateId: e.target.value || null } })}>
                  <option value="">{t('admin.behaviors.noTemplate')}</option>
                  {templates.map((tpl) => <option key={tpl.id} value={tpl.id}>{tpl.name}</option>)}
                </SelectField>}
              </div>
            )}
          </FieldSet>
        </>
      ) : (
        <p className="muted">{t('admin.behaviors.unavailable')}</p>
      )}
    </div>
  );
}

export function FeaturesStep({ setup, update }: StepProps) {
  const { t } = useTranslation();
  return (
    <FieldSet legend={t('admin.channelSetup.attachments')} hint={t('admin.channelSetup.attachmentsHint')}>
      <CheckboxField label={t('admin.channelSetup.attachmentsOn')} checked={setup.attachments}
        onChange={(e) => update({ attachments: e.target.checked, ...(e.target.checked && !setup.customerAttachments && !setup.agentAttachments ? { customerAttachments: true, agentAttachments: true } : {}) })} />
      <div className="indent">
        <CheckboxField label={t('admin.channelSetup.customerAttachments')} hint={t('admin.channelSetup.customerAttachmentsHint')} disabled={!setup.attachments}
          checked={setup.attachments && setup.customerAttachments} onChange={(e) => update({ customerAttachments: e.target.checked })} />
        <CheckboxField label={t('admin.channelSetup.agentAttachments')} hint={t('admin.channelSetup.agentAttachmentsHint')} disabled={!setup.attachments}
          checked={setup.attachments && setup.agentAttachments} onChange={(e) => update({ agentAttachments: e.target.checked })} />
      </div>
    </FieldSet>
  );
}

export function SummaryStep({ setup, usesTemplates, numbers, templates, choices }: { setup: ChannelSetup; usesTemplates: boolean; numbers: NumberOption[]; templates: TemplateView[]; choices: BehaviorChoices | null }) {
  const { t, i18n } = useTranslation();
  const number = numbers.find((n) => n.id === setup.numberId);
  const yesNo = (on: boolean) => (on ? t('admin.yes') : t('admin.no'));
  return (
    <>
      <p>{t('admin.channelSetup.summaryIntro')}</p>
      <dl className="summary">
        <dt>{t('admin.channelSetup.number')}</dt>
        <dd>{number ? <>{number.name} <span className="mono">{number.number}</span></> : t('admin.channelSetup.noneChosen')}</dd>
        <dt>{t('admin.channelSetup.language')}</dt>
        <dd>{languageName(setup.language, i18n.resolvedLanguage ?? 'en')} ({setup.language})</dd>
        {usesTemplates && (
          <>
            <dt>{t('admin.channelSetup.templates')}</dt>
            <dd>{t('admin.channelSetup.templatesCount', { count: templatesFor(templates, setup.language).length })}</dd>
          </>
        )}
        {choices && (
          <>
            <dt>{t('admin.channelSetup.automatedMessages')}</dt>
            <dd>{t('admin.behaviors.messagesOn', { count: Object.values(choices.messages).filter(Boolean).length })}</dd>
            <dt>{t('admin.channelSetup.survey')}</dt>
            <dd>{choices.survey.enabled ? t(`admin.behaviors.surveyChannels.${choices.survey.channel}`) : t('admin.no')}</dd>
          </>
        )}
        <dt>{t('admin.channelSetup.customerAttachments')}</dt>
        <dd>{yesNo(setup.attachments && setup.customerAttachments)}</dd>
        <dt>{t('admin.channelSetup.agentAttachments')}</dt>
        <dd>{yesNo(setup.attachments && setup.agentAttachments)}</dd>
      </dl>
    </>
  );
}
