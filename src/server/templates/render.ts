import { ValidationError } from '../http/errors.js';

const PLACEHOLDER = /\{\{\s*(\d+)\s*\}\}/g;

/** The placeholder numbers a template text uses, in order, without repeats: "{{1}} {{2}} {{1}}" → ["1", "2"]. */
export function placeholdersOf(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]))];
}

/** Fills every placeholder; a missing or empty variable is refused with the list of what is missing. */
export function renderTemplate(text: string, variables: Record<string, string>): string {
  const missing = placeholdersOf(text).filter((key) => !variables[key]?.trim());
  if (missing.length > 0) {
    throw new ValidationError(`The template needs a value for ${missing.map((k) => `{{${k}}}`).join(', ')}.`, 'variables');
  }
  return text.replace(PLACEHOLDER, (_match, key: string) => variables[key]);
}

export type Localization = { language: string; text: string; contentSid: string | null };

/** The localization for the customer's language, else the template's default language. */
export function pickLocalization(localizations: Localization[], preferred: (string | null | undefined)[], defaultLanguage: string): Localization | undefined {
  const wanted = [...preferred.filter((l): l is string => !!l), defaultLanguage];
  for (const language of wanted) {
    const exact = localizations.find((l) => l.language.toLowerCase() === language.toLowerCase());
    if (exact) return exact;
    const base = language.split('-')[0].toLowerCase();
    const sameBase = localizations.find((l) => l.language.split('-')[0].toLowerCase() === base);
    if (sameBase) return sameBase;
  }
  return localizations[0];
}
