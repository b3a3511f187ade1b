import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FieldSet, TextField } from '../../shell/fields';
import { useLocale } from '../../shell/time';

type Holiday = { date: string; name: string };

/** Days the queue is closed whatever its weekly hours say. */
export function HolidaysEditor({ holidays, onChange, error }: { holidays: Holiday[]; onChange: (h: Holiday[]) => void; error?: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [draft, setDraft] = useState<Holiday>({ date: '', name: '' });
  const sorted = [...holidays].sort((a, b) => a.date.localeCompare(b.date));
  const format = (date: string) => {
    const d = new Date(`${date}T00:00:00Z`);
    return Number.isNaN(d.getTime()) ? date : d.toLocaleDateString(locale, { timeZone: 'UTC', dateStyle: 'full' });
  };
  return (
    <FieldSet legend={t('admin.queues.holidays')} hint={t('admin.queues.holidaysHint')} error={error}>
      {sorted.length === 0 && <p className="muted">{t('admin.queues.noHolidays')}</p>}
      <ul className="plain-list">
        {sorted.map((h) => (
          <li key={h.date} className="holiday">
            <span>{format(h.date)}{h.name && <> — {h.name}</>}</span>
            <button type="button" onClick={() => onChange(holidays.filter((x) => x !== h))} aria-label={t('admin.queues.removeHoliday', { date: h.date })}>{t('admin.remove')}</button>
          </li>
        ))}
      </ul>
      <div className="row align-end">
        <TextField label={t('admin.queues.holidayDate')} type="date" value={draft.date} onChange={(e) => setDraft({ ...draft, date: e.target.value })} />
        <TextField label={t('admin.queues.holidayName')} value={draft.name} maxLength={100} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
        <button type="button" disabled={!draft.date} onClick={() => { onChange([...holidays, draft]); setDraft({ date: '', name: '' }); }}>{t('admin.queues.addHoliday')}</button>
      </div>
    </FieldSet>
  );
}
