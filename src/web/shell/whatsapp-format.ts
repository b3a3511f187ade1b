/**
 * WhatsApp's text formatting (*bold*, _italic_, ~strike~, ```mono```) and bare links, parsed into
 * a tree that the UI renders as React elements. Nothing here produces HTML, so a customer's text
 * can never become markup.
 */
export type FormatNode =
  | string
  | { type: 'bold' | 'italic' | 'strike'; children: FormatNode[] }
  | { type: 'mono'; text: string }
  | { type: 'link'; href: string; text: string };

const STYLE_OF: Record<string, 'bold' | 'italic' | 'strike'> = { '*': 'bold', _: 'italic', '~': 'strike' };
const MONO = '```';
const LINK = /^https?:\/\/[^\s<>"]+/i;
const TRAILING_PUNCTUATION = /[.,!?;:)\]'"]+$/;

const isWordChar = (ch: string | undefined) => ch !== undefined && /[\p{L}\p{N}]/u.test(ch);
const isSpace = (ch: string | undefined) => ch === undefined || /\s/.test(ch);

export function parseWhatsApp(text: string): FormatNode[] {
  const nodes: FormatNode[] = [];
  let plain = '';
  const flush = () => {
    if (plain) nodes.push(plain);
    plain = '';
  };
  let i = 0;
  while (i < text.length) {
    const opensHere = !isWordChar(text[i - 1]);
    const token = opensHere ? readToken(text, i) : null;
    if (token) {
      flush();
      nodes.push(token.node);
      i = token.end;
    } else {
      plain += text[i];
      i += 1;
    }
  }
  flush();
  return nodes;
}

function readToken(text: string, i: number): { node: FormatNode; end: number } | null {
  if (text.startsWith(MONO, i)) {
    const close = text.indexOf(MONO, i + MONO.length);
    if (close > i + MONO.length) return { node: { type: 'mono', text: text.slice(i + MONO.length, close) }, end: close + MONO.length };
    return null;
  }
  const link = LINK.exec(text.slice(i));
  if (link) {
    const href = link[0].replace(TRAILING_PUNCTUATION, '');
    return { node: { type: 'link', href, text: href }, end: i + href.length };
  }
  const style = STYLE_OF[text[i]];
  if (!style || isSpace(text[i + 1])) return null;
  const close = closingMarker(text, i);
  if (close === -1) return null;
  return { node: { type: style, children: parseWhatsApp(text.slice(i + 1, close)) }, end: close + 1 };
}

/** The closing marker on the same line: after a non-space, before a non-word character. */
function closingMarker(text: string, open: number): number {
  const marker = text[open];
  for (let j = open + 2; j < text.length; j++) {
    if (text[j] === '\n') return -1;
    if (text[j] === marker && !isSpace(text[j - 1]) && !isWordChar(text[j + 1])) return j;
  }
  return -1;
}

/** Does the text use any formatting (so a preview is worth showing)? */
export function hasFormatting(text: string): boolean {
  return parseWhatsApp(text).some((node) => typeof node !== 'string' && node.type !== 'link');
}

/** Wraps the selected part of a text in a marker, for the composer's formatting buttons. */
export function wrapSelection(text: string, start: number, end: number, marker: string): { text: string; start: number; end: number } {
  const selected = text.slice(start, end);
  const wrapped = `${marker}${selected}${marker}`;
  return { text: text.slice(0, start) + wrapped + text.slice(end), start: start + marker.length, end: end + marker.length };
}
