import { useTranslation } from 'react-i18next';
import { FieldSet, SelectField } from '../../shell/fields';
import type { QueueView } from '../types';
import type { OverflowActionValue } from './queue-form';

/** What to do with a conversation when a queue overflows: transfer (to which queue), end it, or assign anyway. */
export function OverflowAction({ legend, hint, value, queues, optional, error, onChange }: {
  legend: string; hint?: string; value: OverflowActionValue; queues: QueueView[]; optional?: boolean; error?: string; onChange: (v: OverflowActionValue) => void;
}) {
  const { t } = useTranslation();
  return (
    <FieldSet legend={legend} hint={hint} error={error}>
      <div className="row">
        <SelectField label={t('admin.queues.action')} value={value.action} onChange={(e) => onChange({ ...value, action: e.target.value as OverflowActionValue['action'] })}>
          {optional && <option value="">{t('admin.queues.actions.wait')}</option>}
          <option value="transfer">{t('admin.queues.actions.transfer')}</option>
          <option value="end">{t('admin.queues.actions.end')}</option>
          <option value="assign-anyway">{t('admin.queues.actions.assign-anyway')}</option>
        </SelectField>
        {value.action === 'transfer' && (
          <SelectField label={t('admin.queues.transferTo')} value={value.queueId} onChange={(e) => onChange({ ...value, queueId: e.target.value })}>
            <option value="">{t('admin.choose')}</option>
            {queues.map((q) => <option key={q.id} value={q.id}>{q.name}</option>)}
          </SelectField>
        )}
      </div>
    </FieldSet>
  );
}
