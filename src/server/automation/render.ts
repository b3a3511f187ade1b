import { CATALOGUE, type Trigger } from './catalogue.js';

/** One workstream's choices for one trigger: on/off and rewritten texts per language. */
export type TriggerSettings = { enabled?: boolean; texts?: Record<string, string> };
export type AutomatedMessageSettings = Partial<Record<Trigger, TriggerSettings>>;

export function isTriggerEnabled(trigger: Trigger, settings: AutomatedMessageSettings): boolean {
  return settings[trigger]?.enabled ?? CATALOGUE[trigger].enabledByDefault;
}

/**
 * The text for the customer's language: the workstream's rewrite, else the catalogue's default,
 * trying the exact language, then its base ("es-MX" → "es"), then English.
 */
export function textFor(trigger: Trigger, settings: AutomatedMessageSettings, language: string | null): { language: string; text: string } {
  const overrides = settings[trigger]?.texts ?? {};
  const defaults: Record<string, string> = CATALOGUE[trigger].defaults;
  const wanted = language ? [language, language.split('-')[0].toLowerCase()] : [];
  for (const candidate of [...wanted, 'en']) {
    const text = overrides[candidate] ?? defaults[candidate];
    if (text) return { language: candidate, text };
  }
  return { language: 'en', text: defaults.en };
}

/** Fills {AgentName}-style placeholders; an unknown or missing value leaves the text readable. */
export function fillPlaceholders(text: string, values: Record<string, string | number | null | undefined>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = values[name];
    return value === undefined || value === null || value === '' ? (name in values ? '' : whole) : String(value);
  }).replace(/\s{2,}/g, ' ').trim();
}

/** "Monday 09:00" in the customer's language and the queue's time zone. */
export function formatOpening(at: Date | null, language: string, timeZone: string): string {
  if (!at) return '';
  const locale = ['en', 'ko', 'es'].includes(language.split('-')[0]) ? language : 'en';
  return new Intl.DateTimeFormat(locale, { timeZone, weekday: 'long', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
}
