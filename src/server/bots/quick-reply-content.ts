import { createHash } from 'node:crypto';
import type { ContentCreateRequest } from '../channels/twilio/twilio-content-client.js';
import type { BotReply } from './rule-bot.js';

/** WhatsApp's limits for interactive session messages, as Twilio's Content API documents them. */
const QUICK_REPLY_MAX_BUTTONS = 3;
const QUICK_REPLY_MAX_TITLE = 20;
const LIST_MAX_ITEMS = 10;
const LIST_MAX_ITEM = 24;
const MAX_BODY = 1024;
const MAX_ID = 200;

/** The label of the button that opens a list, in the catalogue's languages. */
const LIST_BUTTON: Record<string, string> = { en: 'Options', ko: '선택하기', es: 'Opciones' };

export type ReplyContent = { hash: string; request: ContentCreateRequest };

/**
 * The Content template that shows a bot reply's quick replies as WhatsApp buttons: up to three as
 * `twilio/quick-reply`, more (up to ten) as a `twilio/list-picker`. Answers why not when WhatsApp
 * would refuse it, so the caller can send numbered text instead. The hash names the content: the
 * same reply in the same language is created at Twilio once.
 */
export function quickReplyContent(reply: BotReply, language: string): { ok: true; content: ReplyContent } | { ok: false; reason: string } {
  const { text, buttons } = reply;
  const lang = (language.split('-')[0] || 'en').toLowerCase();
  if (buttons.length > LIST_MAX_ITEMS) return { ok: false, reason: `WhatsApp shows at most ${LIST_MAX_ITEMS} options; this reply has ${buttons.length}` };
  if (text.length > MAX_BODY) return { ok: false, reason: `the text is longer than the ${MAX_BODY} characters WhatsApp allows with buttons` };
  // Twilio reads {{…}} in a Content body as a placeholder to fill in.
  if (/\{\{.*\}\}/s.test(text)) return { ok: false, reason: 'the text contains {{…}}, which Twilio reads as a placeholder' };
  if (buttons.some((b) => b.id.length > MAX_ID)) return { ok: false, reason: `a button id is longer than ${MAX_ID} characters` };
  const asList = buttons.length > QUICK_REPLY_MAX_BUTTONS;
  const maxTitle = asList ? LIST_MAX_ITEM : QUICK_REPLY_MAX_TITLE;
  const long = buttons.find((b) => b.title.length > maxTitle);
  if (long) return { ok: false, reason: `the option "${long.title}" is longer than the ${maxTitle} characters WhatsApp shows` };
  const types = asList
    ? { 'twilio/list-picker': { body: text, button: LIST_BUTTON[lang] ?? LIST_BUTTON.en, items: buttons.map((b) => ({ id: b.id, item: b.title })) } }
    : { 'twilio/quick-reply': { body: text, actions: buttons.map((b) => ({ id: b.id, title: b.title })) } };
  const hash = createHash('sha256').update(JSON.stringify([lang, types])).digest('hex');
  return { ok: true, content: { hash, request: { friendly_name: `switchboard_bot_${hash.slice(0, 16)}`, language: lang, types } } };
}
