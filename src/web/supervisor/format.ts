/** "1m 05s", "2h 03m" or "—": durations the way a supervisor reads them. */
export function formatSeconds(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return '—';
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

export const formatPercent = (value: number | null | undefined) => (value === null || value === undefined ? '—' : `${value}%`);

/** Where each presence segment sits on a bar from `start` to `end`, in percent. */
export function timelineLayout(segments: { presence: string; from: string; to: string }[], start: Date, end: Date) {
  const span = end.getTime() - start.getTime();
  return segments.map((s) => {
    const from = Math.max(new Date(s.from).getTime(), start.getTime());
    const to = Math.min(new Date(s.to).getTime(), end.getTime());
    return { presence: s.presence, left: ((from - start.getTime()) / span) * 100, width: (Math.max(0, to - from) / span) * 100, from: s.from, to: s.to };
  });
}

/** Query string of the filters that are set. */
export function queryOf(params: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) search.set(k, v);
  return search.toString();
}
