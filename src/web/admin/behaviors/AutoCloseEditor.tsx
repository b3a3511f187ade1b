import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../shell/api';
import { FormError, SelectField, TextField } from '../../shell/fields';
import { useForm } from '../../shell/use-form';
import { FormActions, useCanEdit } from '../ui';
import { splitDuration, TIME_UNITS, type TimeUnit } from '../workstreams/workstream-form';
import type { AutoCloseSettings, BehaviorsView } from './behaviors-types';

const LIMITS = ['openSeconds', 'activeSeconds', 'wrapUpSeconds'] as const;
type Limit = (typeof LIMITS)[number];
type Values = Record<Limit, { amount: string; unit: TimeUnit }>;

/** How long Open, Active and Wrap-up conversations may stay idle before the sweep closes them. */
export function AutoCloseEditor({ workstreamId, autoClose, onSaved }: { workstreamId: string; autoClose: AutoCloseSettings; onSaved: (b: BehaviorsView) => void }) {
  const { t } = useTranslation();
  const canEdit = useCanEdit();
  const [saved, setSaved] = useState(false);
  const seconds = (v: { amount: string; unit: TimeUnit }) => (/^\d+$/.test(v.amount) ? Number(v.amount) * TIME_UNITS[v.unit] : NaN);
  const form = useForm<Values>(Object.fromEntries(LIMITS.map((l) => [l, splitDuration(autoClose[l])])) as Values, {
    networkMessage: t('common.networkError'),
    aliases: Object.fromEntries(LIMITS.map((l) => [`autoClose.${l}`, l])),
    validate: (v) => Object.fromEntries(LIMITS.map((l) => {
      const s = seconds(v[l]);
      return [l, Number.isNaN(s) || s < 60 || s > 365 * 86400 ? t('admin.errors.autoCloseLimit') : undefined];
    })),
  });
  return (
    <form className="card form" noValidate aria-labelledby="autoclose-title" onSubmit={(e) => {
      e.preventDefault();
      void form.submit(async (v) => {
        const body = { autoClose: Object.fromEntries(LIMITS.map((l) => [l, seconds(v[l])])) };
        onSaved(await api<BehaviorsView>('PUT', `/api/v1/workstreams/${workstreamId}/behaviors`, { body }));
        setSaved(true);
      });
    }}>
      <h2 id="autoclose-title">{t('admin.behaviors.autoCloseTitle')}</h2>
      <p className="muted">{t('admin.behaviors.autoCloseIntro')}</p>
      <fieldset className="plain" disabled={!canEdit}>
        {LIMITS.map((l) => (
          <div key={l} className="row align-end">
            <TextField label={t(`admin.behaviors.limits.${l}`)} type="number" min={1} value={form.values[l].amount} error={form.errors[l]}
              onChange={(e) => { setSaved(false); form.set(l, { ...form.values[l], amount: e.target.value }); }} />
            <SelectField label={t('admin.workstreams.unit')} value={form.values[l].unit} onChange={(e) => form.set(l, { ...form.values[l], unit: e.target.value as TimeUnit })}>
              {Object.keys(TIME_UNITS).map((u) => <option key={u} value={u}>{t(`admin.units.${u}`)}</option>)}
            </SelectField>
          </div>
        ))}
      </fieldset>
      <FormError message={form.formError} />
      {canEdit && (
        <FormActions>
          {saved && <span className="ok" role="status">{t('admin.saved')}</span>}
          <button type="submit" className="primary" disabled={form.submitting}>{t('admin.behaviors.saveAutoClose')}</button>
        </FormActions>
      )}
    </form>
  );
}
