import { BODY_MAX, normalizeShortcut, SHORTCUT_MAX, SHORTCUT_PATTERN, TITLE_MAX, unknownPlaceholders } from '../../../shared/quick-reply-text';
import type { CannedResponseView } from '../types';

/** The quick reply form's values, checks and API bodies; pure and unit-tested. */
export type QuickReplyValues = { shortcut: string; title: string; body: string; language: string; scope: CannedResponseView['scope'] };
export type Problems = Partial<Record<keyof QuickReplyValues, { key: string; values?: Record<string, unknown> }>>;

export const newQuickReplyValues = (): QuickReplyValues => ({ shortcut: '', title: '', body: '', language: '', scope: 'shared' });

export const quickReplyValuesOf = (r: CannedResponseView): QuickReplyValues => ({ shortcut: r.shortcut, title: r.title, body: r.body, language: r.language ?? '', scope: r.scope });

const shortcutRule = new RegExp(SHORTCUT_PATTERN);

export function quickReplyProblems(v: QuickReplyValues): Problems {
  const p: Problems = {};
  const shortcut = normalizeShortcut(v.shortcut);
  if (!shortcut) p.shortcut = { key: 'admin.errors.required' };
  else if (shortcut.length > SHORTCUT_MAX) p.shortcut = { key: 'admin.errors.tooLong', values: { max: SHORTCUT_MAX } };
  else if (!shortcutRule.test(shortcut)) p.shortcut = { key: 'admin.quickReplies.shortcutRule' };
  if (!v.title.trim()) p.title = { key: 'admin.errors.required' };
  else if (v.title.trim().length > TITLE_MAX) p.title = { key: 'admin.errors.tooLong', values: { max: TITLE_MAX } };
  const unknown = unknownPlaceholders(v.body);
  if (!v.body.trim()) p.body = { key: 'admin.errors.required' };
  else if (v.body.length > BODY_MAX) p.body = { key: 'admin.errors.tooLong', values: { max: BODY_MAX } };
  else if (unknown.length) p.body = { key: 'admin.quickReplies.unknownPlaceholder', values: { list: unknown.map((name) => `{${name}}`).join(', ') } };
  return p;
}

export function createQuickReplyBody(v: QuickReplyValues) {
  return { shortcut: normalizeShortcut(v.shortcut), title: v.title.trim(), body: v.body, language: v.language || null, scope: v.scope };
}

/** Only what changed (the scope of a reply is fixed once it exists). */
export function updateQuickReplyBody(v: QuickReplyValues, current: CannedResponseView) {
  const next = createQuickReplyBody(v);
  return {
    ...(next.shortcut !== current.shortcut ? { shortcut: next.shortcut } : {}),
    ...(next.title !== current.title ? { title: next.title } : {}),
    ...(next.body !== current.body ? { body: next.body } : {}),
    ...(next.language !== current.language ? { language: next.language } : {}),
  };
}
