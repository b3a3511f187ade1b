/** A queue's opening times: weekly windows in a time zone, minus holidays. Pure: time comes in as `now`. */
export const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Day = (typeof DAYS)[number];

export type OperatingHours = {
  timeZone: string;
  /** null: open around the clock (holidays still close). */
  weekly: { day: Day; open: string; close: string }[] | null;
  holidays: { date: string; name?: string }[];
};

export type HoursStatus = { open: boolean; reason: 'open' | 'outside-hours' | 'holiday'; holiday?: string; local: string; nextOpenAt: Date | null };

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', weekday: 'short' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall clock in a time zone: date YYYY-MM-DD, day mon…sun, time HH:MM. */
export function localClock(now: Date, timeZone: string): { date: string; day: Day; time: string } {
  const parts = Object.fromEntries(formatter(timeZone).formatToParts(now).map((p) => [p.type, p.value]));
  return { date: `${parts.year}-${parts.month}-${parts.day}`, day: parts.weekday.toLowerCase().slice(0, 3) as Day, time: `${parts.hour}:${parts.minute}` };
}

/** Milliseconds the zone is ahead of UTC at an instant. */
function zoneOffset(instant: number, timeZone: string): number {
  const p = Object.fromEntries(formatter(timeZone).formatToParts(new Date(instant)).map((x) => [x.type, x.value]));
  const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** The instant a local date and HH:MM (24:00 allowed) happen in a zone. */
export function zonedInstant(date: string, time: string, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  const [hh, mm] = time.split(':').map(Number);
  const guess = Date.UTC(y, m - 1, d, hh, mm);
  const first = guess - zoneOffset(guess, timeZone);
  return new Date(guess - zoneOffset(first, timeZone));
}

function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

function dayOf(date: string): Day {
  const [y, m, d] = date.split('-').map(Number);
  return DAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()];
}

const LOOKAHEAD_DAYS = 60;

/** Whether the queue is open now, why not, and when it next opens (within 60 days). */
export function hoursStatus(hours: OperatingHours, now: Date): HoursStatus {
  const clock = localClock(now, hours.timeZone);
  const local = `${clock.date} ${clock.day} ${clock.time} ${hours.timeZone}`;
  const holiday = hours.holidays.find((h) => h.date === clock.date);
  if (!holiday && isOpenAt(hours, clock.day, clock.time)) return { open: true, reason: 'open', local, nextOpenAt: now };
  return {
    open: false,
    reason: holiday ? 'holiday' : 'outside-hours',
    ...(holiday ? { holiday: holiday.name ?? holiday.date } : {}),
    local,
    nextOpenAt: nextOpening(hours, now, clock.date),
  };
}

function isOpenAt(hours: OperatingHours, day: Day, time: string): boolean {
  if (hours.weekly === null) return true;
  return hours.weekly.some((w) => w.day === day && w.open <= time && time < w.close);
}

function nextOpening(hours: OperatingHours, now: Date, today: string): Date | null {
  for (let i = 0; i <= LOOKAHEAD_DAYS; i++) {
    const date = addDays(today, i);
    if (hours.holidays.some((h) => h.date === date)) continue;
    const windows = hours.weekly === null ? [{ open: '00:00', close: '24:00' }] : hours.weekly.filter((w) => w.day === dayOf(date));
    const starts = windows
      .map((w) => ({ start: zonedInstant(date, w.open, hours.timeZone), end: zonedInstant(date, w.close, hours.timeZone) }))
      .filter((w) => w.end.getTime() > now.getTime())
      .map((w) => (w.start.getTime() > now.getTime() ? w.start : now))
      .sort((a, b) => a.getTime() - b.getTime());
    if (starts.length) return starts[0];
  }
  return null;
}

/** Why weekly hours or holidays cannot be saved, or null. */
export function hoursProblem(hours: OperatingHours): string | null {
  for (const w of hours.weekly ?? []) {
    if (!(w.open < w.close)) return `On ${w.day} the opening time ${w.open} must be before the closing time ${w.close}.`;
  }
  for (const h of hours.holidays) {
    if (Number.isNaN(Date.parse(`${h.date}T00:00:00Z`))) return `${h.date} is not a date.`;
  }
  return null;
}
