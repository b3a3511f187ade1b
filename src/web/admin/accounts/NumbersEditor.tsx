import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../shell/api';
import { useForm } from '../../shell/use-form';
import { CheckboxField, FieldSet, FormError, TextField } from '../../shell/fields';
import { ChannelBadge, useChannelName, useChannels, type ChannelId } from '../../shell/channels';
import { useResource } from '../../shell/use-resource';
import { useCanEdit, useProblemText } from '../ui';
import type { AccountView, Items, NumberView, WorkstreamView } from '../types';
import { e164Problem, messagingServiceSidProblem, normalizeE164, required } from './validation';

type NumberDraft = { name: string; number: string; messagingServiceSid: string; channels: ChannelId[] };
const emptyDraft: NumberDraft = { name: '', number: '', messagingServiceSid: '', channels: ['whatsapp'] };

/** The account's numbers and the channels each carries: add, edit and remove, each checked as it is typed. */
export function NumbersEditor({ account, onChange }: { account: AccountView; onChange: () => Promise<void> }) {
  const { t } = useTranslation();
  const canEdit = useCanEdit();
  const workstreams = useResource<Items<WorkstreamView>>('/api/v1/workstreams');
  const [editing, setEditing] = useState<string | null>(null);
  const workstreamName = (id: string | null) => workstreams.data?.items.find((w) => w.id === id)?.name ?? '';

  return (
    <div className="numbers-editor">
      {account.numbers.length === 0 ? (
        <p className="muted">{t('admin.numbers.none')}</p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">{t('admin.numbers.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('admin.numbers.name')}</th>
              <th scope="col">{t('admin.numbers.number')}</th>
              <th scope="col">{t('admin.numbers.channels')}</th>
              <th scope="col"><span className="visually-hidden">{t('admin.actions')}</span></th>
            </tr>
          </thead>
          <tbody>
            {account.numbers.map((n) =>
              editing === n.id ? (
                <tr key={n.id}>
                  <td colSpan={4}>
                    <NumberForm accountId={account.id} number={n} onDone={async () => { setEditing(null); await onChange(); }} onCancel={() => setEditing(null)} />
                  </td>
                </tr>
              ) : (
                <NumberRow key={n.id} accountId={account.id} number={n} workstreamName={workstreamName} canEdit={canEdit} onEdit={() => setEditing(n.id)} onRemoved={onChange} />
              ),
            )}
          </tbody>
        </table>
      )}
      {canEdit && editing === null && <NumberForm accountId={account.id} onDone={onChange} />}
    </div>
  );
}

function NumberRow({ accountId, number, workstreamName, canEdit, onEdit, onRemoved }: { accountId: string; number: NumberView; workstreamName: (id: string | null) => string; canEdit: boolean; onEdit: () => void; onRemoved: () => Promise<void> }) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function remove() {
    try {
      // In use: the admin saw which workstream it leaves without a number, and confirmed.
      await api('DELETE', `/api/v1/messaging-accounts/${accountId}/numbers/${number.id}${number.workstreamId ? '?detachWorkstreams=true' : ''}`);
      await onRemoved();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t('common.networkError'));
    }
  }
  return (
    <tr>
      <td>{number.name}</td>
      <td className="mono">{number.number}{number.messagingServiceSid && <div className="muted small">{number.messagingServiceSid}</div>}</td>
      <td>
        <ul className="plain-list number-channels">
          {number.channels.map((channel) => {
            const served = number.workstreams.find((w) => w.channel === channel);
            return (
              <li key={channel}>
                <ChannelBadge channel={channel} />{' '}
                {served ? workstreamName(served.workstreamId) || t('admin.numbers.aWorkstream') : <span className="muted">{t('admin.numbers.unused')}</span>}
              </li>
            );
          })}
        </ul>
      </td>
      <td className="row-actions">
        {canEdit && !confirming && (
          <>
            <button type="button" onClick={onEdit} aria-label={t('admin.numbers.editNamed', { name: number.name })}>{t('admin.edit')}</button>
            <button type="button" className="danger" onClick={() => setConfirming(true)} aria-label={t('admin.numbers.removeNamed', { name: number.name })}>{t('admin.remove')}</button>
          </>
        )}
        {confirming && (
          <div className="confirm-inline" role="group" aria-label={t('admin.numbers.removeNamed', { name: number.name })}>
            {number.workstreamId ? (
              <span className="error">{t('admin.numbers.inUse', { workstream: workstreamName(number.workstreamId) })}</span>
            ) : (
              <span>{t('admin.numbers.removeConfirm')}</span>
            )}
            <button type="button" className="danger" onClick={() => void remove()}>{t(number.workstreamId ? 'admin.numbers.removeAnyway' : 'admin.numbers.removeYes')}</button>
            <button type="button" onClick={() => { setConfirming(false); setError(null); }}>{t('common.cancel')}</button>
          </div>
        )}
        {error && <p className="error" role="alert">{error}</p>}
      </td>
    </tr>
  );
}

/** Adds a number, or edits one when `number` is given. */
function NumberForm({ accountId, number, onDone, onCancel }: { accountId: string; number?: NumberView; onDone: () => Promise<void>; onCancel?: () => void }) {
  const { t } = useTranslation();
  const problem = useProblemText();
  const channels = useChannels();
  const channelName = useChannelName();
  const initial: NumberDraft = number ? { name: number.name, number: number.number, messagingServiceSid: number.messagingServiceSid ?? '', channels: number.channels } : emptyDraft;
  const form = useForm(initial, {
    networkMessage: t('common.networkError'),
    validate: (v) => ({
      name: problem(required(v.name)),
      number: problem(e164Problem(v.number)),
      messagingServiceSid: problem(messagingServiceSidProblem(v.messagingServiceSid)),
      channels: v.channels.length === 0 ? t('admin.errors.atLeastOne') : undefined,
    }),
  });
  const { values, set, errors } = form;
  const preview = !errors.number && values.number.trim() ? normalizeE164(values.number) : null;

  async function save(v: NumberDraft) {
    const body = { name: v.name.trim(), number: normalizeE164(v.number), messagingServiceSid: v.messagingServiceSid.trim() || null, channels: v.channels };
    if (number) await api('PATCH', `/api/v1/messaging-accounts/${accountId}/numbers/${number.id}`, { body });
    else await api('POST', `/api/v1/messaging-accounts/${accountId}/numbers`, { body });
    if (!number) form.setValues(emptyDraft);
    await onDone();
  }

  return (
    <form className="number-form" noValidate aria-label={number ? t('admin.numbers.editNamed', { name: number.name }) : t('admin.numbers.add')}
      onSubmit={(e) => { e.preventDefault(); void form.submit(save); }}>
      {!number && <h3>{t('admin.numbers.add')}</h3>}
      <div className="row">
        <TextField label={t('admin.numbers.name')} value={values.name} error={errors.name} onChange={(e) => set('name', e.target.value)} placeholder={t('admin.numbers.namePlaceholder')} maxLength={100} />
        <TextField label={t('admin.numbers.number')} value={values.number} error={errors.number} onChange={(e) => set('number', e.target.value)} placeholder="+14155238886"
          inputMode="tel" autoComplete="off" hint={preview && preview !== values.number.trim() ? t('admin.numbers.savedAs', { number: preview }) : t('admin.numbers.numberHint')} />
      </div>
      <FieldSet legend={t('admin.numbers.channels')} hint={t('admin.numbers.channelsHint')} error={errors.channels}>
        <div className="check-row">
          {(channels ? Object.keys(channels) as ChannelId[] : values.channels).map((c) => (
            <CheckboxField key={c} label={channelName(c)} checked={values.channels.includes(c)}
              onChange={(e) => set('channels', e.target.checked ? [...values.channels, c] : values.channels.filter((x) => x !== c))} />
          ))}
        </div>
      </FieldSet>
      <details className="advanced" open={!!values.messagingServiceSid || undefined}>
        <summary>{t('admin.numbers.advanced')}</summary>
        <TextField label={t('admin.numbers.messagingServiceSid')} hint={t('admin.numbers.messagingServiceSidHint')} value={values.messagingServiceSid}
          error={errors.messagingServiceSid} onChange={(e) => set('messagingServiceSid', e.target.value)} className="mono-input" autoComplete="off" />
      </details>
      <FormError message={form.formError} />
      <div className="inline-actions">
        {onCancel && <button type="button" onClick={onCancel}>{t('common.cancel')}</button>}
        <button type="submit" className="primary" disabled={form.submitting}>{number ? t('common.save') : t('admin.numbers.addButton')}</button>
      </div>
    </form>
  );
}
