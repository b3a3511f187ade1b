import { safeMatch } from '../routing/safe-pattern.js';
import type { BotSettings } from '../automation/schema.js';

export type BotReply = { text: string; buttons: string[] };
export type BotAnswer = { replies: BotReply[]; handoff: { reason: string; variables: Record<string, string> } | null };

/** Words that always mean "let me talk to a person", in the catalogue's languages. */
const PERSON_WORDS = ['agent', 'person', 'human', 'representative', 'operator', '상담원', '사람', '상담사', 'agente', 'persona', 'humano'];

const normalize = (s: string) => s.toLowerCase().normalize('NFKC').trim();

function hasWord(text: string, word: string): boolean {
  const w = normalize(word);
  if (!w) return false;
  // Korean has no spaces between a noun and its particle: a substring is the word.
  if (/[\u3131-\uD79D]/u.test(w)) return text.includes(w);
  return new RegExp(`(^|[^\\p{L}\\p{N}])${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}\\p{N}])`, 'u').test(text);
}

/**
 * The built-in rule bot's answer to one customer message: "talk to a person" (the label of its
 * button or a word such as "agent") hands off; else the first intent whose keyword or pattern
 * matches replies, with its quick replies, and hands off when the intent says so; else the
 * welcome (first message) or the fallback, offering the intents and a person.
 */
export function ruleBotAnswer(rule: BotSettings['rule'], message: string, opts: { firstTurn: boolean }): BotAnswer {
  const text = normalize(message);
  if (text === normalize(rule.talkToPersonLabel) || PERSON_WORDS.some((w) => hasWord(text, w))) {
    return { replies: [], handoff: { reason: 'the customer asked for a person', variables: { botIntent: 'talk-to-person' } } };
  }
  const intent = rule.intents.find((i) => i.keywords.some((k) => hasWord(text, k)) || normalize(i.name) === text || (i.pattern ? safeMatch(i.pattern, message) : false));
  if (intent) {
    const replies = intent.reply ? [{ text: intent.reply, buttons: intent.buttons }] : [];
    const variables = { botIntent: intent.name, ...intent.variables };
    return { replies, handoff: intent.handoff ? { reason: `intent "${intent.name}" hands off`, variables } : null };
  }
  const offered = [...rule.intents.slice(0, 2).map((i) => i.name), rule.talkToPersonLabel];
  const text0 = opts.firstTurn && rule.welcome ? rule.welcome : rule.fallbackReply;
  return { replies: [{ text: text0, buttons: offered }], handoff: null };
}

/**
 * Quick replies as WhatsApp shows them without an approved interactive template: numbered lines
 * under the text. The customer answers with the label (or a button's payload), which the bot
 * matches like any message.
 */
export function withButtons(reply: BotReply): string {
  return reply.buttons.length ? `${reply.text}\n\n${reply.buttons.map((b, i) => `${i + 1}. ${b}`).join('\n')}` : reply.text;
}

/** "2" answers the second quick reply of the bot's last message. */
export function resolveNumberedChoice(message: string, lastButtons: string[]): string {
  const n = /^\s*(\d)\s*$/.exec(message);
  return n && lastButtons[Number(n[1]) - 1] ? lastButtons[Number(n[1]) - 1] : message;
}
