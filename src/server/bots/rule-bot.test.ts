import { describe, expect, it } from 'vitest';
import { Value } from '@sinclair/typebox/value';
import { BotSettings } from '../automation/schema.js';
import { resolveNumberedChoice, ruleBotAnswer, withButtons } from './rule-bot.js';

const settings = Value.Default(BotSettings, {
  kind: 'rule',
  rule: {
    welcome: 'Hi! I am the Acme bot.',
    intents: [
      { name: 'Opening hours', keywords: ['hours', 'open', '영업시간'], reply: 'We are open 9 to 5.', buttons: ['Billing'] },
      { name: 'Billing', keywords: ['invoice', 'bill'], pattern: 'refund|charged twice', reply: 'Let me get someone from billing.', handoff: true, variables: { topic: 'billing' } },
    ],
  },
}) as BotSettings;

describe('the rule bot', () => {
  it('answers an intent by keyword, as a whole word only', () => {
    expect(ruleBotAnswer(settings.rule, 'When are you OPEN?', { firstTurn: false })).toEqual({ replies: [{ text: 'We are open 9 to 5.', buttons: [{ id: 'intent:Billing', title: 'Billing' }] }], handoff: null });
    expect(ruleBotAnswer(settings.rule, 'I opened a box', { firstTurn: false }).replies[0].text).toBe(settings.rule.fallbackReply);
  });

  it('matches Korean keywords inside a word with its particle', () => {
    expect(ruleBotAnswer(settings.rule, '영업시간이 어떻게 되나요', { firstTurn: false }).replies[0].text).toBe('We are open 9 to 5.');
  });

  it('hands off on an intent that says so, with its variables and the intent name', () => {
    expect(ruleBotAnswer(settings.rule, 'I was charged twice!', { firstTurn: false })).toEqual({
      replies: [{ text: 'Let me get someone from billing.', buttons: [] }],
      handoff: { reason: 'intent "Billing" hands off', variables: { botIntent: 'Billing', topic: 'billing' } },
    });
  });

  it('"talk to a person" hands off in any of the catalogue languages, and by its button label', () => {
    for (const text of ['Talk to a person', 'can I speak to an agent', '상담원 연결해주세요', 'quiero hablar con una persona']) {
      expect(ruleBotAnswer(settings.rule, text, { firstTurn: false }).handoff?.reason).toBe('the customer asked for a person');
    }
  });

  it('welcomes on the first turn and falls back later, offering intents and a person', () => {
    expect(ruleBotAnswer(settings.rule, 'hello', { firstTurn: true }).replies).toEqual([
      { text: 'Hi! I am the Acme bot.', buttons: [{ id: 'intent:Opening hours', title: 'Opening hours' }, { id: 'intent:Billing', title: 'Billing' }, { id: 'person', title: 'Talk to a person' }] },
    ]);
    expect(ruleBotAnswer(settings.rule, 'hello', { firstTurn: false }).replies[0].text).toBe(settings.rule.fallbackReply);
  });

  it('shows quick replies as numbered lines and reads a number as that choice', () => {
    expect(withButtons({ text: 'Pick one', buttons: [{ id: 'a', title: 'A' }, { id: 'b', title: 'B' }] })).toBe('Pick one\n\n1. A\n2. B');
    expect(resolveNumberedChoice(' 2 ', ['Opening hours', 'Billing'])).toBe('Billing');
    expect(resolveNumberedChoice('7', ['Opening hours'])).toBe('7');
    expect(resolveNumberedChoice('10', Array.from({ length: 10 }, (_, i) => `Option ${i + 1}`))).toBe('Option 10');
  });

  it("matches a tapped button by its id first, whatever its text says, then by text when the id is unknown", () => {
    // The title says "bill", a Billing keyword; the id names Opening hours: the id wins.
    expect(ruleBotAnswer(settings.rule, 'bill', { firstTurn: false, buttonId: 'intent:Opening hours' }).replies[0].text).toBe('We are open 9 to 5.');
    expect(ruleBotAnswer(settings.rule, 'Opening hours', { firstTurn: false, buttonId: 'person' }).handoff?.reason).toBe('the customer asked for a person');
    // An id from another template (or an intent since renamed) falls back to the text.
    expect(ruleBotAnswer(settings.rule, 'Billing', { firstTurn: false, buttonId: 'intent:Invoices' }).handoff?.reason).toBe('intent "Billing" hands off');
    expect(ruleBotAnswer(settings.rule, 'Talk to a person', { firstTurn: false, buttonId: '{handoff:true}' }).handoff?.reason).toBe('the customer asked for a person');
  });

  it('offers up to nine intents and a person, the most WhatsApp lists', () => {
    const many = Value.Default(BotSettings, { kind: 'rule', rule: { intents: Array.from({ length: 12 }, (_, i) => ({ name: `Topic ${i + 1}`, keywords: [`k${i}`], reply: 'ok' })) } }) as BotSettings;
    const [reply] = ruleBotAnswer(many.rule, 'hello', { firstTurn: true }).replies;
    expect(reply.buttons.map((b) => b.title)).toEqual([...Array.from({ length: 9 }, (_, i) => `Topic ${i + 1}`), 'Talk to a person']);
  });
});
