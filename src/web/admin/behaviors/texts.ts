/**
 * Rewritten texts of an automated message, as the editor holds them: one box per language, an
 * empty box meaning "use the default". Pure, so what is sent is unit-tested.
 */
export type TriggerDraft = { enabled: boolean; texts: Record<string, string> };

/** The languages offered: the catalogue's, the workstream's, and any already rewritten. */
export function editorLanguages(catalogueLanguages: string[], workstreamLanguage: string, rewritten: string[]): string[] {
  return [...new Set([workstreamLanguage, ...catalogueLanguages, ...rewritten])];
}

/** Settings for the API: texts trimmed, empty ones left out (the default applies). */
export function triggerSettings(draft: TriggerDraft): { enabled: boolean; texts: Record<string, string> } {
  return { enabled: draft.enabled, texts: Object.fromEntries(Object.entries(draft.texts).map(([l, text]) => [l, text.trim()]).filter(([, text]) => text)) };
}

/** The {Placeholders} a text uses that the trigger does not fill: they would reach the customer as typed. */
export function unknownPlaceholders(text: string, allowed: string[]): string[] {
  const used = [...text.matchAll(/\{([A-Za-z]+)\}/g)].map((m) => m[1]);
  return [...new Set(used.filter((p) => !allowed.includes(p)))];
}
