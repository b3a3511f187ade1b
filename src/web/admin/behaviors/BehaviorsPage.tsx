import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../shell/api';
import { useLeaveGuard } from '../../shell/leave-guard';
import { useResource } from '../../shell/use-resource';
import { Loaded, Page, useCanEdit } from '../ui';
import { channelSettings, type Items, type TemplateView, type WorkstreamView } from '../types';
import type { BehaviorsView, TriggerDefinition, UpdateBehaviorsBody } from './behaviors-types';
import { SECTION_KEYS, SectionsProvider, useSections, type SectionKey } from './behaviors-save';
import { AutomatedMessagesEditor } from './AutomatedMessagesEditor';
import { SurveyEditor } from './SurveyEditor';
import { BotEditor } from './BotEditor';
import { AutoCloseEditor } from './AutoCloseEditor';

/**
 * A workstream's behaviors in full: automated messages per language, survey, bot and auto-close
 * limits, saved together with one button (one request with the sections that changed).
 */
export function BehaviorsPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const canEdit = useCanEdit();
  const workstream = useResource<WorkstreamView>(`/api/v1/workstreams/${id}`);
  const behaviors = useResource<BehaviorsView>(`/api/v1/workstreams/${id}/behaviors`);
  const catalogue = useResource<Items<TriggerDefinition>>('/api/v1/automation/triggers');
  const templates = useResource<Items<TemplateView>>('/api/v1/templates');
  const { registry, dirty, current } = useSections();
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const sections = current();
  const unsaved = sections.filter(({ key }) => dirty.has(key)).map(({ section }) => section.label);
  const unsavedText = unsaved.length ? t('admin.behaviors.unsaved', { list: unsaved.join(', ') }) : null;
  useLeaveGuard(unsavedText && t('admin.behaviors.leaveUnsaved', { list: unsaved.join(', ') }));

  async function save() {
    const changed = current().filter(({ key }) => dirty.has(key));
    setSaved(false);
    setError(null);
    const parts = await Promise.all(changed.map(({ section }) => section.prepare()));
    if (!changed.length || parts.some((p) => p === null)) return;
    setSaving(true);
    try {
      const body: UpdateBehaviorsBody = Object.assign({}, ...parts);
      const view = await api<BehaviorsView>('PUT', `/api/v1/workstreams/${id}/behaviors`, { body });
      for (const { section } of changed) section.saved(view);
      behaviors.setData(view);
      setSaved(true);
    } catch (err) {
      const key = err instanceof ApiError ? err.field?.split(/[./]/).find(Boolean) : undefined;
      const section = SECTION_KEYS.includes(key as SectionKey) ? changed.find((c) => c.key === key)?.section : undefined;
      if (section) section.placeError(err);
      else setError(err instanceof ApiError ? err.message : t('common.networkError'));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Loaded resource={workstream}>
      {(w) => (
        <Page title={t('admin.behaviors.title', { name: w.name })} intro={t('admin.behaviors.intro')}
          actions={<Link to={`/admin/workstreams/${w.id}`} className="button">{t('admin.routing.backToWorkstream')}</Link>}>
          <Loaded resource={behaviors}>
            {(b) => (
              <SectionsProvider value={registry}>
                <form className="stack" noValidate aria-label={t('admin.behaviors.formLabel')} onSubmit={(e) => { e.preventDefault(); void save(); }}>
                  <Loaded resource={catalogue}>
                    {({ items }) => <AutomatedMessagesEditor language={channelSettings(w).language} catalogue={items} behaviors={b} />}
                  </Loaded>
                  <SurveyEditor survey={b.survey} templates={templates.data?.items ?? []} />
                  <BotEditor bot={b.bot} />
                  <AutoCloseEditor autoClose={b.autoClose} />
                  {canEdit && (
                    <div className="save-bar">
                      <span role="status" className={unsavedText ? 'warn' : saved ? 'ok' : 'muted'}>
                        {unsavedText ?? (saved ? t('admin.saved') : t('admin.behaviors.allSaved'))}
                      </span>
                      {error && <span className="form-error" role="alert">{error}</span>}
                      <button type="submit" className="primary" disabled={saving || !unsavedText}>{t('admin.behaviors.save')}</button>
                    </div>
                  )}
                </form>
              </SectionsProvider>
            )}
          </Loaded>
        </Page>
      )}
    </Loaded>
  );
}
