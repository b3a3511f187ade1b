import type { TemplateView } from '../types';
import { placeholderProblem, templateNameProblem, type PlaceholderProblem } from '../../../shared/template-rules';

/**
 * Template text rules for the editor: placeholders {{1}}, {{2}}… (the same rule as the server's
 * templates/render.ts), highlighting, preview with sample values, and the form's checks.
 */
const PLACEHOLDER = /\{\{\s*(\d+)\s*\}\}/g;
const LANGUAGE = /^[a-z]{2,3}(-[A-Za-z]{2,4})?$/;
const CONTENT_SID = /^HX[0-9a-fA-F]{32}$/;

export type Segment = { text: string; placeholder?: string };

export function placeholdersOf(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]))];
}

/** The text cut into plain runs and placeholders, for highlighting. */
export function segmentsOf(text: string): Segment[] {
  const segments: Segment[] = [];
  let last = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    if (match.index > last) segments.push({ text: text.slice(last, match.index) });
    segments.push({ text: match[0], placeholder: match[1] });
    last = match.index + match[0].length;
  }
  if (last < text.length) segments.push({ text: text.slice(last) });
  return segments;
}

/** The text as the customer would read it; a placeholder without a sample stays visible. */
export function previewOf(text: string, samples: Record<string, string>): Segment[] {
  return segmentsOf(text).map((s) => (s.placeholder && samples[s.placeholder]?.trim() ? { text: samples[s.placeholder], placeholder: s.placeholder } : s));
}

export type LocalizationValue = { language: string; text: string; contentSid: string };
export type TemplateValues = { name: string; defaultLanguage: string; text: string; contentSid: string; localizations: LocalizationValue[] };

export const newTemplateValues = (): TemplateValues => ({ name: '', defaultLanguage: 'en', text: '', contentSid: '', localizations: [] });

export function templateValuesOf(t: TemplateView): TemplateValues {
  const own = t.localizations.find((l) => l.language === t.defaultLanguage);
  return {
    name: t.name,
    defaultLanguage: t.defaultLanguage,
    text: t.text,
    contentSid: own?.contentSid ?? '',
    localizations: t.localizations.filter((l) => l.language !== t.defaultLanguage).map((l) => ({ language: l.language, text: l.text, contentSid: l.contentSid ?? '' })),
  };
}

export function templateBody(v: TemplateValues) {
  const sid = (s: string) => s.trim() || null;
  return {
    name: v.name.trim(),
    defaultLanguage: v.defaultLanguage.trim(),
    text: v.text,
    localizations: [
      { language: v.defaultLanguage.trim(), text: v.text, contentSid: sid(v.contentSid) },
      ...v.localizations.map((l) => ({ language: l.language.trim(), text: l.text, contentSid: sid(l.contentSid) })),
    ],
  };
}

export type Problem = { key: string; values?: Record<string, unknown> };

export function contentSidProblem(sid: string): Problem | undefined {
  return sid.trim() && !CONTENT_SID.test(sid.trim()) ? { key: 'admin.errors.contentSid' } : undefined;
}

function textRuleProblem(problem: PlaceholderProblem | undefined): Problem | undefined {
  if (!problem) return undefined;
  return problem.reason === 'placeholder-malformed'
    ? { key: 'admin.errors.placeholderMalformed', values: { fragment: problem.fragment, example: '{{1}}, {{2}}…' } }
    : { key: 'admin.errors.placeholderOrder', values: { expected: `{{${problem.expected}}}`, found: `{{${problem.found}}}`, example: '{{1}}, {{2}}…' } };
}

/** Field → problem; a localization's problems are keyed "localizations.<index>.<field>". */
export function templateProblems(v: TemplateValues): Record<string, Problem | undefined> {
  const p: Record<string, Problem | undefined> = {};
  if (!v.name.trim()) p.name = { key: 'admin.errors.required' };
  else if (v.name.length > 120) p.name = { key: 'admin.errors.tooLong', values: { max: 120 } };
  else if (templateNameProblem(v.name.trim())) p.name = { key: 'admin.errors.templateName' };
  if (!LANGUAGE.test(v.defaultLanguage.trim())) p.defaultLanguage = { key: 'admin.errors.language' };
  if (!v.text.trim()) p.text = { key: 'admin.errors.required' };
  else if (v.text.length > 1024) p.text = { key: 'admin.errors.tooLong', values: { max: 1024 } };
  else p.text = textRuleProblem(placeholderProblem(v.text));
  p.contentSid = contentSidProblem(v.contentSid);
  const expected = placeholdersOf(v.text).sort().join(',');
  const seen = new Set([v.defaultLanguage.trim()]);
  v.localizations.forEach((l, i) => {
    const at = `localizations.${i}`;
    const language = l.language.trim();
    if (!LANGUAGE.test(language)) p[`${at}.language`] = { key: 'admin.errors.language' };
    else if (seen.has(language)) p[`${at}.language`] = { key: 'admin.errors.languageTwice' };
    seen.add(language);
    if (!l.text.trim()) p[`${at}.text`] = { key: 'admin.errors.required' };
    else if (placeholderProblem(l.text)) p[`${at}.text`] = textRuleProblem(placeholderProblem(l.text));
    else if (placeholdersOf(l.text).sort().join(',') !== expected) {
      p[`${at}.text`] = { key: 'admin.errors.placeholdersDiffer', values: { expected: placeholdersOf(v.text).map((x) => `{{${x}}}`).join(' ') || '—' } };
    }
    p[`${at}.contentSid`] = contentSidProblem(l.contentSid);
  });
  return p;
}
