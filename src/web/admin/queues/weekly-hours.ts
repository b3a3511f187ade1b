/**
 * The weekly grid of a queue's operating hours: each day in half-hour slots. The API keeps
 * windows ({day, open, close}); the grid is how people see and paint them.
 */
export const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Day = (typeof DAYS)[number];
export type Window = { day: Day; open: string; close: string };
export type Grid = Record<Day, boolean[]>;

export const SLOTS_PER_DAY = 48;
const SLOT_MINUTES = 30;

export function emptyGrid(): Grid {
  return Object.fromEntries(DAYS.map((d) => [d, Array<boolean>(SLOTS_PER_DAY).fill(false)])) as Grid;
}

export function slotTime(slot: number): string {
  if (slot >= SLOTS_PER_DAY) return '24:00';
  const minutes = slot * SLOT_MINUTES;
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

function slotOf(time: string, roundUp: boolean): number {
  const [h, m] = time.split(':').map(Number);
  const exact = (h * 60 + m) / SLOT_MINUTES;
  return Math.min(SLOTS_PER_DAY, roundUp ? Math.ceil(exact) : Math.floor(exact));
}

/** Windows → grid. A window that does not fall on half hours is widened to the slots it touches. */
export function gridFromWindows(windows: Window[]): Grid {
  const grid = emptyGrid();
  for (const w of windows) {
    for (let s = slotOf(w.open, false); s < slotOf(w.close, true); s++) grid[w.day][s] = true;
  }
  return grid;
}

/** Grid → windows: each run of open slots becomes one window, in day order. */
export function windowsFromGrid(grid: Grid): Window[] {
  const windows: Window[] = [];
  for (const day of DAYS) {
    let start: number | null = null;
    grid[day].forEach((open, slot) => {
      if (open && start === null) start = slot;
      if (!open && start !== null) {
        windows.push({ day, open: slotTime(start), close: slotTime(slot) });
        start = null;
      }
    });
    if (start !== null) windows.push({ day, open: slotTime(start), close: '24:00' });
  }
  return windows;
}

/** The day's windows as text, for the row summary and screen readers: "09:00–12:00, 13:00–18:00". */
export function describeDay(grid: Grid, day: Day): string[] {
  return windowsFromGrid({ ...emptyGrid(), [day]: grid[day] }).map((w) => `${w.open}–${w.close}`);
}

/** A common starting point: weekdays 09:00–18:00. */
export function weekdaysNineToSix(): Grid {
  return gridFromWindows((['mon', 'tue', 'wed', 'thu', 'fri'] as const).map((day) => ({ day, open: '09:00', close: '18:00' })));
}
