import type { Template } from './types';

const PLACEHOLDER = /\{\{\s*(\d+)\s*\}\}/g;

export type TemplateVersion = { templateId: string; name: string; language: string; text: string; contentSid: string | null };
export type FilledPart = { text: string; placeholder?: string; missing?: boolean };

/** Every approved localization of every template, as one pickable row each. */
export function templateVersions(templates: Template[]): TemplateVersion[] {
  return templates.flatMap((t) => {
    const localized = t.localizations.map((l) => ({ templateId: t.id, name: t.name, language: l.language, text: l.text, contentSid: l.contentSid }));
    if (localized.some((l) => l.language === t.defaultLanguage)) return localized;
    return [{ templateId: t.id, name: t.name, language: t.defaultLanguage, text: t.text, contentSid: null }, ...localized];
  });
}

/** The placeholder numbers a text uses, in order, without repeats. */
export function placeholdersOf(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]))];
}

/** The text cut into literal parts and placeholders (filled when a value is given), for a live preview. */
export function fillTemplate(text: string, variables: Record<string, string>): FilledPart[] {
  const parts: FilledPart[] = [];
  let last = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    if (match.index > last) parts.push({ text: text.slice(last, match.index) });
    const value = variables[match[1]]?.trim();
    parts.push(value ? { text: value, placeholder: match[1] } : { text: match[0], placeholder: match[1], missing: true });
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}

export const missingVariables = (text: string, variables: Record<string, string>) => placeholdersOf(text).filter((k) => !variables[k]?.trim());
