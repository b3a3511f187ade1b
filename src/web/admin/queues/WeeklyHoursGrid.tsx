import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DAYS, SLOTS_PER_DAY, describeDay, emptyGrid, slotTime, weekdaysNineToSix, type Day, type Grid } from './weekly-hours';

/**
 * Opening hours as a week of half-hour cells: click or drag to paint, or move with the arrow
 * keys and press Space. Each row also says its hours in words.
 */
export function WeeklyHoursGrid({ grid, onChange, disabled }: { grid: Grid; onChange: (grid: Grid) => void; disabled?: boolean }) {
  const { t } = useTranslation();
  const [focus, setFocus] = useState<{ day: number; slot: number }>({ day: 0, slot: 18 });
  const painting = useRef<boolean | null>(null);
  const cells = useRef(new Map<string, HTMLButtonElement>());

  useEffect(() => {
    const stop = () => (painting.current = null);
    window.addEventListener('pointerup', stop);
    return () => window.removeEventListener('pointerup', stop);
  }, []);

  const setCell = (day: Day, slot: number, value: boolean) => {
    if (grid[day][slot] === value) return;
    onChange({ ...grid, [day]: grid[day].map((v, i) => (i === slot ? value : v)) });
  };

  function onKey(event: KeyboardEvent, dayIndex: number, slot: number) {
    const moves: Record<string, [number, number]> = { ArrowRight: [0, 1], ArrowLeft: [0, -1], ArrowDown: [1, 0], ArrowUp: [-1, 0] };
    if (event.key in moves) {
      event.preventDefault();
      const [dd, ds] = moves[event.key];
      const next = { day: Math.min(6, Math.max(0, dayIndex + dd)), slot: Math.min(SLOTS_PER_DAY - 1, Math.max(0, slot + ds)) };
      setFocus(next);
      cells.current.get(`${next.day}:${next.slot}`)?.focus();
    }
  }

  return (
    <div className="hours-grid-wrap">
      <div className="inline-actions">
        <button type="button" disabled={disabled} onClick={() => onChange(weekdaysNineToSix())}>{t('admin.queues.presetWeekdays')}</button>
        <button type="button" disabled={disabled} onClick={() => onChange(emptyGrid())}>{t('admin.queues.clearHours')}</button>
      </div>
      <div role="grid" aria-label={t('admin.queues.weeklyGrid')} className="hours-grid" aria-disabled={disabled || undefined}>
        <div role="row" className="hours-row hours-head">
          <span role="columnheader" className="hours-day" />
          {Array.from({ length: SLOTS_PER_DAY }, (_, slot) => (
            <span role="columnheader" key={slot} className="hours-hour" aria-label={slotTime(slot)}>{slot % 4 === 0 ? slotTime(slot).slice(0, 2) : ''}</span>
          ))}
          <span role="columnheader" className="hours-summary">{t('admin.queues.open')}</span>
        </div>
        {DAYS.map((day, dayIndex) => {
          const summary = describeDay(grid, day);
          return (
            <div role="row" key={day} className="hours-row">
              <span role="rowheader" className="hours-day">{t(`admin.days.${day}`)}</span>
              {grid[day].map((open, slot) => (
                <span role="gridcell" key={slot} className="hours-cell-wrap">
                  <button
                    type="button"
                    ref={(el) => { if (el) cells.current.set(`${dayIndex}:${slot}`, el); }}
                    className={`hours-cell ${open ? 'open' : ''} ${slot % 2 === 0 ? 'hour-start' : ''}`}
                    aria-pressed={open}
                    aria-label={`${t(`admin.days.${day}`)} ${slotTime(slot)}–${slotTime(slot + 1)}`}
                    tabIndex={focus.day === dayIndex && focus.slot === slot ? 0 : -1}
                    disabled={disabled}
                    onFocus={() => setFocus({ day: dayIndex, slot })}
                    onKeyDown={(e) => onKey(e, dayIndex, slot)}
                    onPointerDown={(e) => {
                      e.preventDefault();
                      painting.current = !open;
                      setCell(day, slot, !open);
                    }}
                    onPointerEnter={() => painting.current !== null && setCell(day, slot, painting.current)}
                    onClick={(e) => {
                      // Keyboard activation (Space/Enter) arrives as a click without a pointer.
                      if (e.detail === 0) setCell(day, slot, !open);
                    }}
                  />
                </span>
              ))}
              <span role="gridcell" className="hours-summary">{summary.length ? summary.join(', ') : t('admin.queues.closed')}</span>
            </div>
          );
        })}
      </div>
    </div>
  );
}
