import type { HistoryView } from './schema.js';

/** A CSV field: quoted when it holds a separator, a quote or a line break. */
export function csvField(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The historical figures as one CSV table of (section, name, value): the same numbers the JSON
 * answer and the charts show, so a spreadsheet and the screen always agree.
 */
export function historyCsv(view: HistoryView, filters: Record<string, string | undefined>): string {
  const rows: (string | number | null)[][] = [['section', 'name', 'value']];
  rows.push(['range', 'from', view.from], ['range', 'to', view.to]);
  for (const [name, value] of Object.entries(filters)) if (value) rows.push(['filter', name, value]);
  rows.push(
    ['totals', 'conversations', view.conversations],
    ['totals', 'answered', view.answered],
    ['totals', 'abandoned', view.abandoned],
    ['totals', 'abandonment_rate_percent', view.abandonmentRate],
    ['totals', 'transfers', view.transfers],
  );
  for (const [label, summary] of [['speed_to_answer', view.speedToAnswer], ['first_response', view.firstResponse], ['handle', view.handle], ['wrap_up', view.wrapUp]] as const) {
    rows.push([label, 'count', summary.count], [label, 'average_seconds', summary.average], [label, 'median_seconds', summary.median]);
  }
  rows.push(
    ['service_level', 'within_20s_percent', view.serviceLevel.within20s],
    ['service_level', 'within_60s_percent', view.serviceLevel.within60s],
    ['service_level', 'within_120s_percent', view.serviceLevel.within120s],
  );
  view.volumeByHour.forEach((count, hour) => rows.push(['volume_by_hour_utc', String(hour).padStart(2, '0') + ':00', count]));
  rows.push(['csat', 'responses', view.csat.responses], ['csat', 'average_rating', view.csat.averageRating], ['csat', 'satisfied_percent', view.csat.satisfiedPercent]);
  for (const failure of view.deliveryFailures) rows.push(['delivery_failures', String(failure.code), failure.count]);
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}
