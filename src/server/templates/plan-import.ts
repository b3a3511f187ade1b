import type { ContentTemplate } from '../channels/twilio/twilio-content-client.js';
import { placeholdersOf } from './render.js';
import type { TemplateView } from './schema.js';
import { placeholderProblem, templateNameProblem, templateProblemSentence } from '../../shared/template-rules.js';

/**
 * Turning Twilio Content templates into Switchboard templates, as pure rules: Twilio keeps one
 * Content template per language, Switchboard one template with a localization per language, so
 * Content templates that share a friendly name become the localizations of one template.
 */
export type ImportLocalization = { language: string; text: string; contentSid: string };
export type ImportGroup = { name: string; existingId: string | null; defaultLanguage: string; text: string; localizations: ImportLocalization[] };
export type Skipped = { contentSid: string; reason: string };

const LANGUAGE = /^[a-z]{2,3}(-[A-Za-z]{2,4})?$/;
const ANY_PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;
const MAX_TEXT = 1024;
const MAX_NAME = 120;

/** Twilio writes regional languages as en_US; Switchboard as en-US. */
export function normalizeLanguage(language: string): string {
  return language.trim().replace('_', '-');
}

export const templateNameOf = (content: ContentTemplate) => content.friendlyName.trim().slice(0, MAX_NAME);

/** Why a Content template cannot become a Switchboard localization, or null when it can. */
export function importProblem(content: ContentTemplate): string | null {
  if (!content.body) return `It has no text to show (content types: ${content.types.join(', ') || 'none'}).`;
  if (content.body.length > MAX_TEXT) return `Its text is longer than ${MAX_TEXT} characters.`;
  if (!LANGUAGE.test(normalizeLanguage(content.language))) return `Its language "${content.language}" is not a language code such as en or pt-BR.`;
  const named = [...content.body.matchAll(ANY_PLACEHOLDER)].map((m) => m[1]).filter((p) => !/^\d+$/.test(p));
  if (named.length) return `It uses named variables (${named.map((p) => `{{${p}}}`).join(', ')}); Switchboard templates use numbered ones such as {{1}}.`;
  if (!templateNameOf(content)) return 'It has no name.';
  const problem = templateNameProblem(templateNameOf(content)) ?? placeholderProblem(content.body);
  return problem ? templateProblemSentence(problem) : null;
}

function samePlaceholders(a: string, b: string): boolean {
  return placeholdersOf(a).sort().join(',') === placeholdersOf(b).sort().join(',');
}

/** Groups the chosen Content templates by name and merges each group into the template of that name, if one exists. */
export function planImport(contents: ContentTemplate[], chosenSids: string[], existing: TemplateView[]): { groups: ImportGroup[]; skipped: Skipped[] } {
  const skipped: Skipped[] = [];
  const byName = new Map<string, ImportLocalization[]>();
  for (const sid of new Set(chosenSids)) {
    const content = contents.find((c) => c.sid === sid);
    if (!content) {
      skipped.push({ contentSid: sid, reason: 'Twilio does not list this Content template for the account.' });
      continue;
    }
    const problem = importProblem(content);
    if (problem) {
      skipped.push({ contentSid: sid, reason: problem });
      continue;
    }
    const name = templateNameOf(content);
    const group = byName.get(name) ?? [];
    const language = normalizeLanguage(content.language);
    if (group.some((l) => l.language === language)) {
      skipped.push({ contentSid: sid, reason: `Another chosen Content template named "${name}" is in ${language} already.` });
      continue;
    }
    group.push({ language, text: content.body!, contentSid: content.sid });
    byName.set(name, group);
  }

  const groups: ImportGroup[] = [];
  for (const [name, imported] of byName) {
    const current = existing.find((t) => t.name === name);
    const defaultLanguage = current?.defaultLanguage ?? (imported.find((l) => l.language === 'en') ?? imported[0]).language;
    const text = imported.find((l) => l.language === defaultLanguage)?.text ?? current?.text ?? imported[0].text;
    // Every localization of a template fills the same placeholders; one that differs is left out, with the reason.
    const fitting = imported.filter((l) => samePlaceholders(l.text, text));
    for (const l of imported.filter((i) => !fitting.includes(i))) {
      skipped.push({ contentSid: l.contentSid, reason: `Its placeholders differ from the ${defaultLanguage} text of "${name}".` });
    }
    if (fitting.length === 0) continue;
    groups.push({ name, existingId: current?.id ?? null, defaultLanguage, text, localizations: fitting });
  }
  return { groups, skipped };
}
