/** How an audit entry's changes read: field names in words, ids as names, lists and rules spelled out. Pure and unit-tested. */

/** 'whatsapp.fallbackQueueId' → 'Whatsapp › fallback queue': the words of a field the admin center has no label for. */
export function fieldWords(field: string): string {
  const words = field.split('.').map((part) =>
    part
      .replace(/Ids?$/, '')
      .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
      .toLowerCase(),
  );
  const text = words.join(' › ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export type ValueWords = { yes: string; no: string; none: string };

/** A value as words: an id becomes the name the server gave for it, a list is joined, a rule reads as its parts. */
export function valueText(value: unknown, names: Record<string, string>, words: ValueWords): string {
  if (value === null || value === undefined || value === '') return words.none;
  if (typeof value === 'boolean') return value ? words.yes : words.no;
  if (typeof value === 'string') return names[value.toLowerCase()] ?? value;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.length ? value.map((v) => valueText(v, names, words)).join(', ') : words.none;
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${fieldWords(k)}: ${valueText(v, names, words)}`)
      .join('; ');
  }
  return String(value);
}

/** A local calendar day (yyyy-mm-dd, as a date input gives it) to the moment it starts, days later. */
export function dayStart(day: string, addDays = 0): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y, m - 1, d + addDays).toISOString();
}
