/**
 * The rules of a quick reply's text, shared by the server (which refuses bad input) and the web
 * app (which checks as the person types and fills the placeholders in the composer).
 */

/** What "/shortcut" may be: lowercase letters, digits, "-" and "_", up to 32, without the slash. */
export const SHORTCUT_PATTERN = '^[a-z0-9][a-z0-9_-]{0,31}$';
export const SHORTCUT_MAX = 32;
export const TITLE_MAX = 80;
export const BODY_MAX = 4096;

/** The placeholders a body may use, filled in when the agent inserts the reply. */
export const QUICK_REPLY_PLACEHOLDERS = ['CustomerName', 'AgentName'] as const;
export type QuickReplyPlaceholder = (typeof QUICK_REPLY_PLACEHOLDERS)[number];

const PLACEHOLDER = /\{([A-Za-z]+)\}/g;

/** Placeholders written in the body that Switchboard does not know, in order, without repeats. */
export function unknownPlaceholders(body: string): string[] {
  const known = new Set<string>(QUICK_REPLY_PLACEHOLDERS);
  return [...new Set([...body.matchAll(PLACEHOLDER)].map((m) => m[1]).filter((name) => !known.has(name)))];
}

/**
 * The body with the placeholders we have a value for filled in; the others stay as written, so
 * the agent sees what is missing and can type it before sending.
 */
export function fillPlaceholders(body: string, values: Partial<Record<QuickReplyPlaceholder, string | null | undefined>>): string {
  return body.replace(PLACEHOLDER, (whole, name: string) => {
    const value = values[name as QuickReplyPlaceholder]?.trim();
    return value ? value : whole;
  });
}

/** The body cut into literal text and placeholders, to show the placeholders apart. */
export function placeholderSegments(body: string): { text: string; placeholder?: string }[] {
  const segments: { text: string; placeholder?: string }[] = [];
  let last = 0;
  for (const match of body.matchAll(PLACEHOLDER)) {
    if (match.index > last) segments.push({ text: body.slice(last, match.index) });
    segments.push({ text: match[0], placeholder: match[1] });
    last = match.index + match[0].length;
  }
  if (last < body.length) segments.push({ text: body.slice(last) });
  return segments;
}

/** "/Greet " → "greet": what a person types, as the shortcut is stored. */
export function normalizeShortcut(input: string): string {
  return input.trim().replace(/^\//, '').toLowerCase();
}
