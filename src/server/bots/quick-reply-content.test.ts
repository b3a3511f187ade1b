import { describe, expect, it } from 'vitest';
import { quickReplyContent } from './quick-reply-content.js';

const button = (title: string, id = `intent:${title}`) => ({ id, title });

describe('quick replies as a Twilio Content template', () => {
  it('makes up to three buttons a twilio/quick-reply with their ids', () => {
    const built = quickReplyContent({ text: 'How can I help?', buttons: [button('Opening hours'), button('Talk to a person', 'person')] }, 'en-GB');
    expect(built).toMatchObject({
      ok: true,
      content: {
        request: {
          language: 'en',
          types: { 'twilio/quick-reply': { body: 'How can I help?', actions: [{ id: 'intent:Opening hours', title: 'Opening hours' }, { id: 'person', title: 'Talk to a person' }] } },
        },
      },
    });
  });

  it('makes four to ten options a twilio/list-picker, its button labelled in the language', () => {
    const buttons = Array.from({ length: 10 }, (_, i) => button(`Option ${i + 1}`));
    const built = quickReplyContent({ text: 'Pick one', buttons }, 'ko');
    expect(built.ok && built.content.request.types).toEqual({
      'twilio/list-picker': { body: 'Pick one', button: '선택하기', items: buttons.map((b) => ({ id: b.id, item: b.title })) },
    });
  });

  it('names the same reply in the same language by the same hash, and anything else by another', () => {
    const hash = (text: string, language: string, titles = ['A', 'B']) => {
      const built = quickReplyContent({ text, buttons: titles.map((t) => button(t)) }, language);
      return built.ok ? built.content.hash : null;
    };
    expect(hash('Hi', 'en')).toBe(hash('Hi', 'en-US'));
    expect(new Set([hash('Hi', 'en'), hash('Hi!', 'en'), hash('Hi', 'ko'), hash('Hi', 'en', ['A', 'C'])]).size).toBe(4);
  });

  it('says why when WhatsApp would refuse the buttons', () => {
    expect(quickReplyContent({ text: 'x', buttons: Array.from({ length: 11 }, (_, i) => button(`O${i}`)) }, 'en')).toEqual({ ok: false, reason: 'WhatsApp shows at most 10 options; this reply has 11' });
    expect(quickReplyContent({ text: 'x', buttons: [button('A title far too long for a button')] }, 'en')).toMatchObject({ ok: false, reason: expect.stringContaining('longer than the 20 characters') });
    expect(quickReplyContent({ text: 'Hello {{1}}', buttons: [button('A')] }, 'en')).toMatchObject({ ok: false, reason: expect.stringContaining('placeholder') });
    expect(quickReplyContent({ text: 'x'.repeat(1025), buttons: [button('A')] }, 'en')).toMatchObject({ ok: false, reason: expect.stringContaining('1024') });
  });
});
