import { describe, expect, it } from 'vitest';
import { describeDay, emptyGrid, gridFromWindows, weekdaysNineToSix, windowsFromGrid } from './weekly-hours';

describe('the weekly hours grid', () => {
  it('turns windows into half-hour slots and back', () => {
    const windows = [
      { day: 'mon' as const, open: '09:00', close: '12:30' },
      { day: 'mon' as const, open: '13:30', close: '18:00' },
      { day: 'sat' as const, open: '22:00', close: '24:00' },
    ];
    const grid = gridFromWindows(windows);
    expect(grid.mon.filter(Boolean)).toHaveLength(7 + 9);
    expect(grid.mon[18]).toBe(true);
    expect(grid.mon[25]).toBe(false);
    expect(windowsFromGrid(grid)).toEqual(windows);
  });

  it('widens a window that does not fall on half hours to the slots it touches', () => {
    expect(windowsFromGrid(gridFromWindows([{ day: 'tue', open: '08:45', close: '17:10' }]))).toEqual([{ day: 'tue', open: '08:30', close: '17:30' }]);
  });

  it('describes a day for people and screen readers', () => {
    expect(describeDay(weekdaysNineToSix(), 'wed')).toEqual(['09:00–18:00']);
    expect(describeDay(weekdaysNineToSix(), 'sun')).toEqual([]);
    expect(windowsFromGrid(emptyGrid())).toEqual([]);
  });
});
