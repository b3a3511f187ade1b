import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../shell/api';
import { useResource } from '../../shell/use-resource';
import { FormError, TextField } from '../../shell/fields';
import { Loaded, Page, useCanEdit } from '../ui';
import type { LabelView } from '../../../server/labels/schema';
import type { Items } from '../types';

const DEFAULT_COLOR = '#1f6feb';

/** The labels agents put on conversations (as Chatwoot has them): admins keep the list and each label's colour. */
export function LabelsPage() {
  const { t } = useTranslation();
  const canEdit = useCanEdit();
  const labels = useResource<Items<LabelView>>('/api/v1/labels');
  const [name, setName] = useState('');
  const [color, setColor] = useState(DEFAULT_COLOR);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function change(run: () => Promise<unknown>) {
    setBusy(true);
    setError(null);
    try {
      await run();
      await labels.reload();
      return true;
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      return false;
    } finally {
      setBusy(false);
    }
  }

  async function add(e: FormEvent) {
    e.preventDefault();
    if (await change(() => api('POST', '/api/v1/labels', { body: { name, color } }))) setName('');
  }

  return (
    <Page title={t('admin.labels.title')} intro={t('admin.labels.intro')}>
      {canEdit && (
        <form className="row align-end label-new" onSubmit={(e) => void add(e)} aria-label={t('admin.labels.new')}>
          <TextField label={t('admin.labels.name')} value={name} maxLength={40} onChange={(e) => setName(e.target.value)} />
          <TextField label={t('admin.labels.color')} type="color" value={color} onChange={(e) => setColor(e.target.value)} />
          <button type="submit" className="primary" disabled={busy || !name.trim()}>{t('admin.labels.add')}</button>
        </form>
      )}
      <FormError message={error} />
      <Loaded resource={labels}>
        {({ items }) =>
          items.length === 0 ? (
            <p className="empty">{t('admin.labels.empty')}</p>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('admin.labels.name')}</th>
                  <th scope="col">{t('admin.labels.color')}</th>
                  {canEdit && <th scope="col"><span className="visually-hidden">{t('admin.labels.actions')}</span></th>}
                </tr>
              </thead>
              <tbody>
                {items.map((l) => (
                  <tr key={l.id}>
                    <td><span className="label-chip" style={{ ['--label-color' as string]: l.color }}>{l.name}</span></td>
                    <td>
                      {canEdit ? (
                        <input type="color" value={l.color} aria-label={t('admin.labels.colorOf', { name: l.name })} disabled={busy}
                          onChange={(e) => void change(() => api('PATCH', `/api/v1/labels/${l.id}`, { body: { color: e.target.value } }))} />
                      ) : (
                        <span className="mono">{l.color}</span>
                      )}
                    </td>
                    {canEdit && (
                      <td>
                        <button type="button" className="danger" disabled={busy}
                          onClick={() => window.confirm(t('admin.labels.confirmDelete', { name: l.name })) && void change(() => api('DELETE', `/api/v1/labels/${l.id}`))}>
                          {t('admin.labels.delete')}
                        </button>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Loaded>
    </Page>
  );
}
