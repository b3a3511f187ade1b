import { useCallback, useEffect, useState } from 'react';
import { api } from '../shell/api';
import { fillPlaceholders } from '../../shared/quick-reply-text';
import type { CannedResponseView } from '../../server/canned-responses/schema';

/** A canned response from the server, typed as "/shortcut" in the composer. */
export type QuickReply = CannedResponseView;

/** The "/word" being typed just before the caret, if any. */
export function slashQuery(text: string, caret: number): { start: number; query: string } | null {
  const match = /(?:^|\s)\/([\p{L}\p{N}_-]*)$/u.exec(text.slice(0, caret));
  if (!match) return null;
  return { start: caret - match[1].length - 1, query: match[1].toLowerCase() };
}

/** Shortcuts that start with the query first, then shortcuts or titles that contain it; the customer's language first among equals. */
export function matchingReplies(replies: QuickReply[], query: string, language: string | null = null): QuickReply[] {
  const inLanguage = (r: QuickReply) => (language && r.language && language.startsWith(r.language) ? 0 : 1);
  const byLanguage = (list: QuickReply[]) => [...list].sort((a, b) => inLanguage(a) - inLanguage(b));
  const starts = replies.filter((r) => r.shortcut.startsWith(query));
  const contains = replies.filter((r) => !starts.includes(r) && (r.shortcut.includes(query) || r.title.toLowerCase().includes(query)));
  return [...byLanguage(starts), ...byLanguage(contains)];
}

/** The reply's text with the customer's and the agent's names in it, as it will be inserted. */
export function replyText(reply: QuickReply, names: { customer: string | null; agent: string | null }): string {
  return fillPlaceholders(reply.body, { CustomerName: names.customer, AgentName: names.agent });
}

/** Replaces the "/word" with the text, and answers where the caret goes. */
export function insertReply(text: string, at: { start: number; query: string }, replacement: string): { text: string; caret: number } {
  const end = at.start + 1 + at.query.length;
  const next = text.slice(0, at.start) + replacement + text.slice(end);
  return { text: next, caret: at.start + replacement.length };
}

let cached: QuickReply[] = [];
let loading: Promise<QuickReply[]> | null = null;

function fetchReplies(): Promise<QuickReply[]> {
  loading ??= api<{ items: QuickReply[] }>('GET', '/api/v1/canned-responses')
    .then((answer) => (cached = answer.items))
    .finally(() => (loading = null));
  return loading;
}

/**
 * The quick replies the agent may use (shared and personal), kept for the page; `refresh` asks the
 * server again, so a reply an admin just added shows the next time "/" is typed.
 */
export function useQuickReplies(): { replies: QuickReply[]; refresh(): void } {
  const [replies, setReplies] = useState<QuickReply[]>(cached);
  const refresh = useCallback(() => {
    fetchReplies().then(setReplies, () => {});
  }, []);
  useEffect(refresh, [refresh]);
  return { replies, refresh };
}
