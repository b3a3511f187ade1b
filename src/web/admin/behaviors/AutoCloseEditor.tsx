import { useTranslation } from 'react-i18next';
import { FormError, SelectField, TextField } from '../../shell/fields';
import { useForm } from '../../shell/use-form';
import { useCanEdit } from '../ui';
import { splitDuration, TIME_UNITS, type TimeUnit } from '../workstreams/workstream-form';
import type { AutoCloseSettings } from './behaviors-types';
import { useBehaviorsSection } from './behaviors-save';

const LIMITS = ['openSeconds', 'activeSeconds', 'wrapUpSeconds'] as const;
type Limit = (typeof LIMITS)[number];
type Values = Record<Limit, { amount: string; unit: TimeUnit }>;

/** How long Open, Active and Wrap-up conversations may stay idle before the sweep closes them. */
export function AutoCloseEditor({ autoClose }: { autoClose: AutoCloseSettings }) {
  const { t } = useTranslation();
  const canEdit = useCanEdit();
  const seconds = (v: { amount: string; unit: TimeUnit }) => (/^\d+$/.test(v.amount) ? Number(v.amount) * TIME_UNITS[v.unit] : NaN);
  const form = useForm<Values>(Object.fromEntries(LIMITS.map((l) => [l, splitDuration(autoClose[l])])) as Values, {
    networkMessage: t('common.networkError'),
    aliases: Object.fromEntries(LIMITS.map((l) => [`autoClose.${l}`, l])),
    validate: (v) => Object.fromEntries(LIMITS.map((l) => {
      const s = seconds(v[l]);
      return [l, Number.isNaN(s) || s < 60 || s > 365 * 86400 ? t('admin.errors.autoCloseLimit') : undefined];
    })),
  });
  useBehaviorsSection('autoClose', t('admin.behaviors.autoCloseTitle'), form, (v) => ({
    autoClose: Object.fromEntries(LIMITS.map((l) => [l, seconds(v[l])])) as Record<Limit, number>,
  }));
  return (
    <section className="card form" aria-labelledby="autoclose-title">
      <h2 id="autoclose-title">{t('admin.behaviors.autoCloseTitle')}</h2>
      <p className="muted">{t('admin.behaviors.autoCloseIntro')}</p>
      <fieldset className="plain" disabled={!canEdit}>
        {LIMITS.map((l) => (
          <div key={l} className="row align-end">
            <TextField label={t(`admin.behaviors.limits.${l}`)} type="number" min={1} value={form.values[l].amount} error={form.errors[l]}
              onChange={(e) => form.set(l, { ...form.values[l], amount: e.target.value })} />
            <SelectField label={t('admin.workstreams.unit')} value={form.values[l].unit} onChange={(e) => form.set(l, { ...form.values[l], unit: e.target.value as TimeUnit })}>
              {Object.keys(TIME_UNITS).map((u) => <option key={u} value={u}>{t(`admin.units.${u}`)}</option>)}
            </SelectField>
          </div>
        ))}
      </fieldset>
      <FormError message={form.formError} />
    </section>
  );
}
