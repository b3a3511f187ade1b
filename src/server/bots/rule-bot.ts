import { safeMatch } from '../routing/safe-pattern.js';
import { RULE_BOT_WORDS, type BotSettings } from '../automation/schema.js';

/** A quick reply: the title the customer taps, and the id WhatsApp sends back with it (ButtonPayload). */
export type BotButton = { id: string; title: string };
export type BotReply = { text: string; buttons: BotButton[] };
export type BotAnswer = { replies: BotReply[]; handoff: { reason: string; variables: Record<string, string> } | null };

/** A bot that failed hands off, naming what went wrong, so the customer is never left without an answer. */
export const failedAnswer = (reason: string): BotAnswer => ({ replies: [], handoff: { reason, variables: { botError: reason } } });

/** Words that always mean "let me talk to a person", in the catalogue's languages. */
const PERSON_WORDS = ['agent', 'person', 'human', 'representative', 'operator', '상담원', '사람', '상담사', 'agente', 'persona', 'humano'];

const normalize = (s: string) => s.toLowerCase().normalize('NFKC').trim();

/** WhatsApp shows at most 10 options (a list); the last is always "talk to a person". */
const MAX_OFFERED = 10;
const PERSON_ID = 'person';
const INTENT_ID = 'intent:';

function hasWord(text: string, word: string): boolean {
  const w = normalize(word);
  if (!w) return false;
  // Korean has no spaces between a noun and its particle: a substring is the word.
  if (/[\u3131-\uD79D]/u.test(w)) return text.includes(w);
  return new RegExp(`(^|[^\\p{L}\\p{N}])${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}\\p{N}])`, 'u').test(text);
}

/**
 * The rule bot's settings as said in one language (the customer's, else the workstream's, as the
 * automated messages choose): a fallback or "talk to a person" left at its English default is
 * said in that language, or its base ("es-MX" → "es"); an admin's own wording stays as written.
 */
export function ruleInLanguage(rule: BotSettings['rule'], language: string | null): BotSettings['rule'] {
  const wanted = language ? [language, language.split('-')[0].toLowerCase()] : [];
  const say = (words: Record<string, string>, current: string) => {
    if (current !== words.en) return current;
    const found = wanted.find((candidate) => candidate in words);
    return found ? words[found] : current;
  };
  return {
    ...rule,
    fallbackReply: say(RULE_BOT_WORDS.fallbackReply, rule.fallbackReply),
    talkToPersonLabel: say(RULE_BOT_WORDS.talkToPersonLabel, rule.talkToPersonLabel),
  };
}

/**
 * The built-in rule bot's answer to one customer message. A tapped button is matched by its id
 * first ("talk to a person", or the intent it names); otherwise by text: "talk to a person" (its
 * label or a word such as "agent") hands off, else the first intent whose keyword, name or pattern
 * matches replies with its quick replies and hands off when it says so; else the welcome (first
 * message) or the fallback, offering the intents and a person.
 */
export function ruleBotAnswer(rule: BotSettings['rule'], message: string, opts: { firstTurn: boolean; buttonId?: string | null }): BotAnswer {
  const text = normalize(message);
  const tapped = opts.buttonId ? chosenByButtonId(rule, opts.buttonId) : null;
  if (tapped === PERSON_ID || (!tapped && (text === normalize(rule.talkToPersonLabel) || PERSON_WORDS.some((w) => hasWord(text, w))))) {
    return { replies: [], handoff: { reason: 'the customer asked for a person', variables: { botIntent: 'talk-to-person' } } };
  }
  const intent = tapped ?? rule.intents.find((i) => i.keywords.some((k) => hasWord(text, k)) || normalize(i.name) === text || (i.pattern ? safeMatch(i.pattern, message) : false));
  if (intent) {
    const replies = intent.reply ? [{ text: intent.reply, buttons: ruleButtons(rule, intent.buttons) }] : [];
    const variables = { botIntent: intent.name, ...intent.variables };
    return { replies, handoff: intent.handoff ? { reason: `intent "${intent.name}" hands off`, variables } : null };
  }
  const offered = [...rule.intents.slice(0, MAX_OFFERED - 1).map((i) => i.name), rule.talkToPersonLabel];
  const text0 = opts.firstTurn && rule.welcome ? rule.welcome : rule.fallbackReply;
  return { replies: [{ text: text0, buttons: ruleButtons(rule, offered) }], handoff: null };
}

/** Buttons naming an intent carry it as their id, so a tap reaches that intent even if its title matches another's keywords. */
function ruleButtons(rule: BotSettings['rule'], titles: string[]): BotButton[] {
  const unique = [...new Set(titles)];
  return unique.map((title) => {
    if (normalize(title) === normalize(rule.talkToPersonLabel)) return { id: PERSON_ID, title };
    const intent = rule.intents.find((i) => normalize(i.name) === normalize(title));
    return { id: intent ? INTENT_ID + intent.name : `text:${title}`, title };
  });
}

/** What a button id names: a person, an intent of this bot, or nothing known (the bot then reads the text). */
function chosenByButtonId(rule: BotSettings['rule'], id: string): typeof PERSON_ID | BotSettings['rule']['intents'][number] | null {
  if (id === PERSON_ID) return PERSON_ID;
  if (!id.startsWith(INTENT_ID)) return null;
  return rule.intents.find((i) => i.name === id.slice(INTENT_ID.length)) ?? null;
}

/**
 * Quick replies as text, when they cannot be buttons: numbered lines under the text. The customer
 * answers with the number or the label, which the bot matches like any message.
 */
export function withButtons(reply: BotReply): string {
  return reply.buttons.length ? `${reply.text}\n\n${reply.buttons.map((b, i) => `${i + 1}. ${b.title}`).join('\n')}` : reply.text;
}

/** "2" answers the second quick reply of the bot's last message. */
export function resolveNumberedChoice(message: string, lastButtons: string[]): string {
  const n = /^\s*(\d{1,2})\s*$/.exec(message);
  return n && lastButtons[Number(n[1]) - 1] ? lastButtons[Number(n[1]) - 1] : message;
}
