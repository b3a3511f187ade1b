/** Canned responses, typed as "/shortcut" in the composer. Kept in the catalog: the server has no API for them yet. */
export type QuickReply = { shortcut: string; text: string };

/** The "/word" being typed just before the caret, if any. */
export function slashQuery(text: string, caret: number): { start: number; query: string } | null {
  const match = /(?:^|\s)\/([\p{L}\p{N}_-]*)$/u.exec(text.slice(0, caret));
  if (!match) return null;
  return { start: caret - match[1].length - 1, query: match[1].toLowerCase() };
}

export function matchingReplies(replies: QuickReply[], query: string): QuickReply[] {
  const starts = replies.filter((r) => r.shortcut.toLowerCase().startsWith(query));
  const contains = replies.filter((r) => !starts.includes(r) && (r.shortcut.toLowerCase().includes(query) || r.text.toLowerCase().includes(query)));
  return [...starts, ...contains];
}

/** Replaces the "/word" with the reply's text, and answers where the caret goes. */
export function insertReply(text: string, at: { start: number; query: string }, reply: QuickReply): { text: string; caret: number } {
  const end = at.start + 1 + at.query.length;
  const next = text.slice(0, at.start) + reply.text + text.slice(end);
  return { text: next, caret: at.start + reply.text.length };
}
