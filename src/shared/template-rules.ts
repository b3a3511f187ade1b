/**
 * WhatsApp's rules for a template, shared by the server (which refuses a template Twilio and Meta
 * would reject at approval) and the admin form (which says so as the person types).
 */

/** Meta accepts only lowercase letters, digits and underscores in a template's name. */
export const TEMPLATE_NAME_PATTERN = '^[a-z0-9_]+$';

export type TemplateNameProblem = { reason: 'name-characters' };

export function templateNameProblem(name: string): TemplateNameProblem | undefined {
  return new RegExp(TEMPLATE_NAME_PATTERN).test(name) ? undefined : { reason: 'name-characters' };
}

/**
 * What is wrong with a text's placeholders: braces that are not exactly `{{n}}` (`{{1}`, `{{ }}`,
 * `{{a}}`), or numbers that do not appear as 1, 2, … n in order of first use (a gap or a jump).
 */
export type PlaceholderProblem = { reason: 'placeholder-malformed'; fragment: string } | { reason: 'placeholder-order'; expected: number; found: number };

const WELL_FORMED = /\{\{([1-9]\d*)\}\}/g;

export function placeholderProblem(text: string): PlaceholderProblem | undefined {
  const withoutPlaceholders = text.replace(WELL_FORMED, (whole) => ' '.repeat(whole.length));
  const stray = /\{\{|\}\}/.exec(withoutPlaceholders);
  if (stray) return { reason: 'placeholder-malformed', fragment: strayFragment(text, stray.index, stray[0]) };
  let next = 1;
  const seen = new Set<number>();
  for (const match of text.matchAll(WELL_FORMED)) {
    const n = Number(match[1]);
    if (seen.has(n)) continue;
    if (n !== next) return { reason: 'placeholder-order', expected: next, found: n };
    seen.add(n);
    next += 1;
  }
  return undefined;
}

/** The few characters around a stray "{{" or "}}", as the person wrote them: "{{1}", "{{ }}", "{1}}". */
function strayFragment(text: string, at: number, stray: string): string {
  if (stray === '}}') {
    const open = text.lastIndexOf('{', at);
    return text.slice(open >= 0 && at - open <= 10 ? open : at, at + 2);
  }
  const close = text.indexOf('}', at);
  if (close < 0 || close - at > 10) return text.slice(at, at + 2);
  return text.slice(at, text[close + 1] === '}' ? close + 2 : close + 1);
}

/** The problem in English, for the API's answer; the web app words it in the reader's language. */
export function templateProblemSentence(problem: TemplateNameProblem | PlaceholderProblem): string {
  switch (problem.reason) {
    case 'name-characters':
      return 'A WhatsApp template name may contain only lowercase letters (a–z), digits and underscores, e.g. order_update.';
    case 'placeholder-malformed':
      return `"${problem.fragment}" is not a placeholder: write placeholders exactly as {{1}}, {{2}}…`;
    case 'placeholder-order':
      return `Placeholders must be numbered {{1}}, {{2}}… in the order they first appear, with no gaps: {{${problem.found}}} comes where {{${problem.expected}}} was expected.`;
  }
}
