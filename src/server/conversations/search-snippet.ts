const BEFORE = 40;
const LENGTH = 140;

export type Snippet = { snippet: string; highlight: { start: number; length: number } | null };

/**
 * The part of a message around the searched text, so a result shows why it matched: up to 40
 * characters before the match and 140 in all, cut at spaces where one is near, with … where cut.
 * The search itself is the database's ILIKE; a match JavaScript cannot place (case rules differ for
 * a few letters) gives the message's start without a highlight.
 */
export function snippetAround(body: string, search: string): Snippet {
  const text = body.replace(/\s+/g, ' ').trim();
  const at = text.toLowerCase().indexOf(search.toLowerCase());
  if (at === -1) return { snippet: cut(text, 0), highlight: null };
  let start = Math.max(0, at - BEFORE);
  if (start > 0) {
    const space = text.indexOf(' ', start);
    if (space !== -1 && space < at) start = space + 1;
  }
  const snippet = cut(text, start);
  const offset = start > 0 ? 1 : 0;
  return { snippet, highlight: { start: at - start + offset, length: Math.min(search.length, snippet.length - (at - start + offset)) } };
}

function cut(text: string, start: number): string {
  let end = Math.min(text.length, start + LENGTH);
  if (end < text.length) {
    const space = text.lastIndexOf(' ', end);
    if (space > start + LENGTH / 2) end = space;
  }
  return (start > 0 ? '…' : '') + text.slice(start, end) + (end < text.length ? '…' : '');
}
