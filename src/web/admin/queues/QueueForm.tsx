import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../shell/api';
import { useForm } from '../../shell/use-form';
import { CheckboxField, FieldSet, FormError, SelectField, TextField } from '../../shell/fields';
import { FormActions, useCanEdit } from '../ui';
import type { QueueView, UserView } from '../types';
import { WeeklyHoursGrid } from './WeeklyHoursGrid';
import { HolidaysEditor } from './HolidaysEditor';
import { OverflowAction } from './OverflowAction';
import { queueAliases, queueBody, queueProblems, type QueueValues } from './queue-form';

const METHODS = ['highest-capacity', 'round-robin', 'least-active'] as const;

/** A queue: who works it, how work is handed out, when it is open, and what happens when it overflows. */
export function QueueForm({ queue, queues, users, initial, onSaved }: { queue?: QueueView; queues: QueueView[]; users: UserView[]; initial: QueueValues; onSaved: (q: QueueView) => void }) {
  const { t } = useTranslation();
  const canEdit = useCanEdit();
  const [saved, setSaved] = useState(false);
  const [agentFilter, setAgentFilter] = useState('');
  const form = useForm<QueueValues>(initial, {
    networkMessage: t('common.networkError'),
    aliases: queueAliases,
    validate: (v) => Object.fromEntries(Object.entries(queueProblems(v, queue?.id)).map(([f, p]) => [f, p && t(p.key, p.values)])),
  });
  const { values, set, errors } = form;
  const zones = useMemo(() => (typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : ['UTC']), []);
  const otherQueues = queues.filter((q) => q.id !== queue?.id);
  // Deactivated users are offered only while they are still members, so they can be taken out.
  const people = users.filter((u) => (!u.disabled || initial.agentIds.includes(u.id)) && `${u.name} ${u.email}`.toLowerCase().includes(agentFilter.toLowerCase()));

  return (
    <form className="form" noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void form.submit(async (v) => {
          setSaved(false);
          const body = queueBody(v);
          onSaved(queue ? await api<QueueView>('PATCH', `/api/v1/queues/${queue.id}`, { body }) : await api<QueueView>('POST', '/api/v1/queues', { body }));
          setSaved(true);
        });
      }}>
      <fieldset className="plain stack" disabled={!canEdit}>
        <section className="card">
          <h2>{t('admin.queues.general')}</h2>
          <div className="row">
            <TextField label={t('admin.queues.name')} value={values.name} error={errors.name} onChange={(e) => set('name', e.target.value)} maxLength={100} />
            <TextField label={t('admin.queues.priority')} hint={t('admin.queues.priorityHint')} type="number" min={0} max={1000} value={values.priority} error={errors.priority} onChange={(e) => set('priority', e.target.value)} />
            <SelectField label={t('admin.queues.assignmentMethod')} value={values.assignmentMethod} onChange={(e) => set('assignmentMethod', e.target.value as QueueValues['assignmentMethod'])}
              hint={t(`admin.queues.methodHints.${values.assignmentMethod}`)}>
              {METHODS.map((m) => <option key={m} value={m}>{t(`admin.queues.methods.${m}`)}</option>)}
            </SelectField>
          </div>
        </section>

        <section className="card">
          <h2>{t('admin.queues.agents')}</h2>
          <TextField label={t('admin.queues.filterAgents')} type="search" value={agentFilter} onChange={(e) => setAgentFilter(e.target.value)} />
          <FieldSet legend={t('admin.queues.members', { count: values.agentIds.length })} className="agent-list">
            {people.map((u) => (
              <CheckboxField key={u.id} label={`${u.name} · ${u.email} · ${t(`admin.roles.${u.role}`)}`} checked={values.agentIds.includes(u.id)}
                onChange={(e) => set('agentIds', e.target.checked ? [...values.agentIds, u.id] : values.agentIds.filter((x) => x !== u.id))} />
            ))}
          </FieldSet>
        </section>

        <section className="card">
          <h2>{t('admin.queues.hours')}</h2>
          <SelectField label={t('admin.queues.timeZone')} value={values.timeZone} error={errors.timeZone} onChange={(e) => set('timeZone', e.target.value)}>
            {(zones.includes(values.timeZone) ? zones : [values.timeZone, ...zones]).map((z) => <option key={z} value={z}>{z}</option>)}
          </SelectField>
          <CheckboxField label={t('admin.queues.alwaysOpen')} checked={values.alwaysOpen} onChange={(e) => set('alwaysOpen', e.target.checked)} />
          {!values.alwaysOpen && (
            <>
              <WeeklyHoursGrid grid={values.grid} onChange={(g) => set('grid', g)} disabled={!canEdit} />
              {errors.grid && <p className="field-error" role="alert">{errors.grid}</p>}
            </>
          )}
          <HolidaysEditor holidays={values.holidays} onChange={(h) => set('holidays', h)} error={errors.holidays} />
        </section>

        <section className="card">
          <h2>{t('admin.queues.overflow')}</h2>
          <p className="muted">{t('admin.queues.overflowIntro')}</p>
          <OverflowAction legend={t('admin.queues.outOfHours')} hint={t('admin.queues.outOfHoursHint')} value={values.outOfHours} queues={otherQueues}
            optional error={errors.outOfHours} onChange={(a) => set('outOfHours', a)} />
          <FieldSet legend={t('admin.queues.itemLimit')}>
            <CheckboxField label={t('admin.queues.itemLimitOn')} checked={values.itemLimitOn} onChange={(e) => set('itemLimitOn', e.target.checked)} />
            {values.itemLimitOn && (
              <>
                <TextField label={t('admin.queues.itemLimitValue')} type="number" min={1} value={values.itemLimit} error={errors.itemLimit} onChange={(e) => set('itemLimit', e.target.value)} />
                <OverflowAction legend={t('admin.queues.then')} value={values.itemLimitAction} queues={otherQueues} error={errors.itemLimitAction} onChange={(a) => set('itemLimitAction', a)} />
              </>
            )}
          </FieldSet>
          <FieldSet legend={t('admin.queues.waiting')}>
            <CheckboxField label={t('admin.queues.waitingOn')} checked={values.waitingOn} onChange={(e) => set('waitingOn', e.target.checked)} />
            {values.waitingOn && (
              <>
                <TextField label={t('admin.queues.waitingMinutes')} type="number" min={1} value={values.waitingMinutes} error={errors.waitingMinutes} onChange={(e) => set('waitingMinutes', e.target.value)} />
                <OverflowAction legend={t('admin.queues.then')} value={values.waitingAction} queues={otherQueues} error={errors.waitingAction} onChange={(a) => set('waitingAction', a)} />
              </>
            )}
          </FieldSet>
        </section>
      </fieldset>
      <FormError message={form.formError} />
      {canEdit && (
        <FormActions>
          {saved && <span className="ok" role="status">{t('admin.saved')}</span>}
          <button type="submit" className="primary" disabled={form.submitting}>{queue ? t('common.save') : t('admin.queues.create')}</button>
        </FormActions>
      )}
    </form>
  );
}
