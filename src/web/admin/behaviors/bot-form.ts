import type { BotIntent } from './behaviors-types';

/** A rule-bot intent as the editor holds it: lists as comma-separated text, variables as "name=value" pairs. */
export type IntentDraft = { name: string; keywords: string; pattern: string; reply: string; buttons: string; handoff: boolean; variables: string };

const list = (text: string) => text.split(',').map((s) => s.trim()).filter(Boolean);

export function intentDraft(i: BotIntent): IntentDraft {
  return {
    name: i.name, keywords: i.keywords.join(', '), pattern: i.pattern ?? '', reply: i.reply, buttons: i.buttons.join(', '), handoff: i.handoff,
    variables: Object.entries(i.variables).map(([k, v]) => `${k}=${v}`).join(', '),
  };
}

export function intentOf(d: IntentDraft): BotIntent {
  const variables = Object.fromEntries(list(d.variables).map((pair) => {
    const at = pair.indexOf('=');
    return at < 0 ? [pair, ''] : [pair.slice(0, at).trim(), pair.slice(at + 1).trim()];
  }));
  return {
    name: d.name.trim(), keywords: list(d.keywords), ...(d.pattern.trim() ? { pattern: d.pattern.trim() } : {}), reply: d.reply,
    buttons: list(d.buttons), handoff: d.handoff, variables,
  };
}

/** An i18n key under admin.errors, or null: what the server would refuse about an intent. */
export function intentProblem(d: IntentDraft): string | null {
  if (!d.name.trim()) return 'admin.errors.required';
  if (!list(d.keywords).length && !d.pattern.trim()) return 'admin.errors.intentTrigger';
  if (d.pattern.trim()) {
    try {
      new RegExp(d.pattern.trim(), 'i');
    } catch {
      return 'admin.errors.pattern';
    }
  }
  if (list(d.buttons).length > 3 || list(d.buttons).some((b) => b.length > 20)) return 'admin.errors.buttons';
  if (Object.keys(intentOf(d).variables).some((k) => !/^[A-Za-z][A-Za-z0-9_]{0,39}$/.test(k))) return 'admin.errors.variableName';
  return null;
}
