import { useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../../shell/api';
import { useForm } from '../../shell/use-form';
import { CheckboxField, FieldSet, FormError, SelectField, TextAreaField, TextField } from '../../shell/fields';
import { useResource } from '../../shell/use-resource';
import { FormActions, useCanEdit } from '../ui';
import { useChannelName, useChannels, type ChannelId } from '../../shell/channels';
import type { Items, QueueView, WorkstreamView } from '../types';
import { PRESENCES, TIME_UNITS, workstreamAliases, workstreamBody, workstreamProblems, type TimeUnit, type WorkstreamValues } from './workstream-form';

type CapacityProfile = { id: string; name: string };

/** Every distribution setting of a workstream (unified routing), checked as it is typed. */
export function WorkstreamForm({ workstream, queues, initial, onSaved }: { workstream?: WorkstreamView; queues: QueueView[]; initial: WorkstreamValues; onSaved: (w: WorkstreamView) => void }) {
  const { t } = useTranslation();
  const canEdit = useCanEdit();
  const creating = !workstream;
  const [saved, setSaved] = useState(false);
  // Capacity profiles arrive with the routing API; without it only units are offered.
  const profiles = useResource<Items<CapacityProfile>>('/api/v1/capacity-profiles');
  const channels = useChannels();
  const channelName = useChannelName();
  const channelIds = channels ? (Object.keys(channels) as ChannelId[]) : [initial.channel];
  const form = useForm<WorkstreamValues>(initial, {
    networkMessage: t('common.networkError'),
    aliases: workstreamAliases,
    validate: (v) => Object.fromEntries(Object.entries(workstreamProblems(v)).map(([field, p]) => [field, t(p.key, p.values)])),
  });
  const { values, set, errors } = form;

  const save = (v: WorkstreamValues) =>
    form.submit(async () => {
      setSaved(false);
      const body = workstreamBody(v, creating);
      const result = creating
        ? await api<WorkstreamView>('POST', '/api/v1/workstreams', { body })
        : await api<WorkstreamView>('PATCH', `/api/v1/workstreams/${workstream.id}`, { body });
      setSaved(true);
      onSaved(result);
    });

  const togglePresence = (p: string, on: boolean) => set('allowedPresences', on ? [...values.allowedPresences, p] : values.allowedPresences.filter((x) => x !== p));

  return (
    <form className="form card" noValidate onSubmit={(e) => { e.preventDefault(); void save(values); }}>
      <fieldset className="plain" disabled={!canEdit}>
        <h2>{t('admin.workstreams.general')}</h2>
        <FieldSet legend={t('admin.workstreams.channel')} hint={creating ? t('admin.workstreams.channelHintNew') : t('admin.workstreams.channelFixed')}>
          <div className="check-row">
            {channelIds.map((c) => (
              <label key={c} className="radio">
                <input type="radio" name="channel" value={c} checked={values.channel === c} disabled={!creating} onChange={() => set('channel', c)} autoFocus={creating && c === values.channel} />
                <span><strong>{channelName(c)}</strong></span>
              </label>
            ))}
          </div>
        </FieldSet>
        <TextField label={t('admin.workstreams.name')} value={values.name} error={errors.name} onChange={(e) => set('name', e.target.value)} maxLength={100} />
        <FieldSet legend={t('admin.workstreams.mode')} hint={creating ? t('admin.workstreams.modeHintNew') : t('admin.workstreams.modeFixed')}>
          {(['push', 'pick'] as const).map((m) => (
            <label key={m} className="radio">
              <input type="radio" name="mode" value={m} checked={values.mode === m} disabled={!creating} onChange={() => set('mode', m)} />
              <span><strong>{t(`admin.workstreams.modes.${m}`)}</strong> <span className="muted">— {t(`admin.workstreams.modeHints.${m}`)}</span></span>
            </label>
          ))}
        </FieldSet>

        <h2>{t('admin.workstreams.distribution')}</h2>
        <SelectField label={t('admin.workstreams.fallbackQueue')} hint={<>{t('admin.workstreams.fallbackQueueHint')} <Link to="/admin/queues/new">{t('admin.queues.new')}</Link></>}
          value={values.fallbackQueueId} error={errors.fallbackQueueId} onChange={(e) => set('fallbackQueueId', e.target.value)}>
          <option value="">{t('admin.choose')}</option>
          {queues.map((q) => <option key={q.id} value={q.id}>{q.name}</option>)}
        </SelectField>
        <FieldSet legend={t('admin.workstreams.capacity')} hint={t('admin.workstreams.capacityHint')}>
          <div className="row align-end">
            {profiles.data && (
              <SelectField label={t('admin.workstreams.capacityKind')} value={values.capacityMode} onChange={(e) => set('capacityMode', e.target.value as WorkstreamValues['capacityMode'])}>
                <option value="units">{t('admin.workstreams.capacityUnits')}</option>
                <option value="profile">{t('admin.workstreams.capacityProfile')}</option>
              </SelectField>
            )}
            {values.capacityMode === 'units' || !profiles.data ? (
              <TextField label={t('admin.workstreams.capacityPerConversation')} type="number" min={0} max={10000} value={values.capacityPerConversation}
                error={errors.capacityPerConversation} onChange={(e) => set('capacityPerConversation', e.target.value)} />
            ) : (
              <SelectField label={t('admin.workstreams.capacityProfile')} value={values.capacityProfileId} error={errors.capacityProfileId} onChange={(e) => set('capacityProfileId', e.target.value)}>
                <option value="">{t('admin.choose')}</option>
                {profiles.data.items.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
              </SelectField>
            )}
          </div>
        </FieldSet>
        {values.mode === 'push' && (
          <TextField label={t('admin.workstreams.offerTimeout')} hint={t('admin.workstreams.offerTimeoutHint')} type="number" min={10} max={3600}
            value={values.offerTimeoutSeconds} error={errors.offerTimeoutSeconds} onChange={(e) => set('offerTimeoutSeconds', e.target.value)} />
        )}
        <FieldSet legend={t('admin.workstreams.allowedPresences')} hint={t('admin.workstreams.allowedPresencesHint')} error={errors.allowedPresences}>
          <div className="check-row">
            {PRESENCES.map((p) => (
              <CheckboxField key={p} label={t(`common.presence.${p}`)} checked={values.allowedPresences.includes(p)} onChange={(e) => togglePresence(p, e.target.checked)} />
            ))}
          </div>
        </FieldSet>
        <FieldSet legend={t('admin.workstreams.skillMatching')}>
          {(['none', 'exact', 'closest'] as const).map((m) => (
            <label key={m} className="radio">
              <input type="radio" name="skillMatching" checked={values.skillMatching === m} onChange={() => set('skillMatching', m)} />
              <span><strong>{t(`admin.workstreams.skillMatchings.${m}`)}</strong> <span className="muted">— {t(`admin.workstreams.skillMatchingHints.${m}`)}</span></span>
            </label>
          ))}
        </FieldSet>
        <CheckboxField label={t('admin.workstreams.keepSameAgent')} hint={t('admin.workstreams.keepSameAgentHint')} checked={values.keepSameAgent} onChange={(e) => set('keepSameAgent', e.target.checked)} />
        <FieldSet legend={t('admin.workstreams.wrapUpBlocking')} hint={t('admin.workstreams.wrapUpBlockingHint')}>
          <div className="row align-end">
            <SelectField label={t('admin.workstreams.wrapUpBlockingKind')} value={values.wrapUpBlocking} onChange={(e) => set('wrapUpBlocking', e.target.value as WorkstreamValues['wrapUpBlocking'])}>
              {(['always', 'never', 'timed'] as const).map((k) => <option key={k} value={k}>{t(`admin.workstreams.wrapUp.${k}`)}</option>)}
            </SelectField>
            {values.wrapUpBlocking === 'timed' && (
              <TextField label={t('admin.workstreams.wrapUpSeconds')} type="number" min={30} max={3600} value={values.wrapUpBlockingSeconds}
                error={errors.wrapUpBlockingSeconds} onChange={(e) => set('wrapUpBlockingSeconds', e.target.value)} />
            )}
          </div>
        </FieldSet>
        <FieldSet legend={t('admin.workstreams.wrapUpReasons')} hint={t('admin.workstreams.wrapUpReasonsHint')} error={errors.wrapUpReasons}>
          <TextAreaField label={t('admin.workstreams.wrapUpReasonsList')} rows={4} value={values.wrapUpReasons} onChange={(e) => set('wrapUpReasons', e.target.value)} />
          <CheckboxField label={t('admin.workstreams.wrapUpReasonRequired')} checked={values.wrapUpReasonRequired} onChange={(e) => set('wrapUpReasonRequired', e.target.checked)} />
        </FieldSet>
        <FieldSet legend={t('admin.workstreams.autoClose')}>
          <CheckboxField label={t('admin.workstreams.autoCloseOn')} checked={values.autoClose} onChange={(e) => set('autoClose', e.target.checked)} />
          {values.autoClose && (
            <div className="row align-end">
              <TextField label={t('admin.workstreams.autoCloseAfter')} type="number" min={1} value={values.autoCloseAmount} error={errors.autoCloseAmount}
                onChange={(e) => set('autoCloseAmount', e.target.value)} />
              <SelectField label={t('admin.workstreams.unit')} value={values.autoCloseUnit} onChange={(e) => set('autoCloseUnit', e.target.value as TimeUnit)}>
                {Object.keys(TIME_UNITS).map((u) => <option key={u} value={u}>{t(`admin.units.${u}`)}</option>)}
              </SelectField>
            </div>
          )}
        </FieldSet>
        <TextField label={t('admin.workstreams.inactiveAfter')} hint={t('admin.workstreams.inactiveAfterHint')} type="number" min={0} max={100}
          value={values.inactiveAfterMissedOffers} error={errors.inactiveAfterMissedOffers} onChange={(e) => set('inactiveAfterMissedOffers', e.target.value)} />
      </fieldset>
      <FormError message={form.formError} />
      {canEdit && (
        <FormActions>
          {saved && !creating && <span className="ok" role="status">{t('admin.saved')}</span>}
          <button type="submit" className="primary" disabled={form.submitting}>{creating ? t('admin.workstreams.createAndSetup') : t('common.save')}</button>
        </FormActions>
      )}
    </form>
  );
}
