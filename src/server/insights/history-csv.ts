import type { HistoryView } from './schema.js';

/** A CSV field: quoted when it holds a separator, a quote or a line break. */
export function csvField(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The channel column of figures over every channel (or over the one the filter chose). */
export const ALL_CHANNELS = 'all';

/**
 * The historical figures as one CSV table of (section, name, channel, value): the same numbers the
 * JSON answer and the charts show, so a spreadsheet and the screen always agree. The figures over
 * all channels come first, then each channel's own.
 */
export function historyCsv(view: HistoryView, filters: Record<string, string | undefined>): string {
  const all = filters.channel ?? ALL_CHANNELS;
  const rows: (string | number | null)[][] = [['section', 'name', 'channel', 'value']];
  const add = (section: string, name: string, value: string | number | null, channel = all) => rows.push([section, name, channel, value]);
  add('range', 'from', view.from);
  add('range', 'to', view.to);
  for (const [name, value] of Object.entries(filters)) if (value) add('filter', name, value);
  add('totals', 'conversations', view.conversations);
  add('totals', 'answered', view.answered);
  add('totals', 'abandoned', view.abandoned);
  add('totals', 'abandonment_rate_percent', view.abandonmentRate);
  add('totals', 'transfers', view.transfers);
  for (const [label, summary] of [['speed_to_answer', view.speedToAnswer], ['first_response', view.firstResponse], ['handle', view.handle], ['wrap_up', view.wrapUp]] as const) {
    add(label, 'count', summary.count);
    add(label, 'average_seconds', summary.average);
    add(label, 'median_seconds', summary.median);
  }
  add('service_level', 'within_20s_percent', view.serviceLevel.within20s);
  add('service_level', 'within_60s_percent', view.serviceLevel.within60s);
  add('service_level', 'within_120s_percent', view.serviceLevel.within120s);
  view.volumeByHour.forEach((count, hour) => add('volume_by_hour_utc', String(hour).padStart(2, '0') + ':00', count));
  add('csat', 'responses', view.csat.responses);
  add('csat', 'average_rating', view.csat.averageRating);
  add('csat', 'satisfied_percent', view.csat.satisfiedPercent);
  for (const failure of view.deliveryFailures) add('delivery_failures', String(failure.code), failure.count);
  for (const reason of view.wrapUpReasons) add('wrap_up_reasons', reason.name, reason.count);
  for (const label of view.labels) add('labels', label.name, label.count);
  for (const c of view.byChannel) {
    add('totals', 'conversations', c.conversations, c.channel);
    add('totals', 'answered', c.answered, c.channel);
    add('totals', 'abandoned', c.abandoned, c.channel);
    add('speed_to_answer', 'average_seconds', c.speedToAnswer.average, c.channel);
    add('first_response', 'average_seconds', c.firstResponse.average, c.channel);
    add('service_level', 'within_60s_percent', c.serviceLevel.within60s, c.channel);
    add('csat', 'responses', c.csat.responses, c.channel);
    add('csat', 'average_rating', c.csat.averageRating, c.channel);
    for (const reason of c.wrapUpReasons) add('wrap_up_reasons', reason.name, reason.count, c.channel);
    for (const label of c.labels) add('labels', label.name, label.count, c.channel);
  }
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}
