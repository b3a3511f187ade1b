import { describe, expect, it } from 'vitest';
import { insertReply, matchingReplies, replyText, slashQuery, type QuickReply } from './quick-replies.js';

const reply = (shortcut: string, title: string, body: string, language: string | null = null): QuickReply => ({
  id: shortcut, shortcut, title, body, language, scope: 'shared', ownerUserId: null, createdAt: '', updatedAt: '',
});
const replies = [
  reply('hello', 'Greeting', 'Hello {CustomerName}! I am {AgentName}.'),
  reply('thanks', 'Thank you for waiting', 'Thank you for waiting.'),
  reply('hours', 'Opening hours', 'We are open 9 to 6.'),
  reply('hello-ko', 'Greeting in Korean', '안녕하세요 {CustomerName}님', 'ko'),
];

describe('quick replies', () => {
  it('notices a slash word at the caret, not inside a word or a URL', () => {
    expect(slashQuery('/he', 3)).toEqual({ start: 0, query: 'he' });
    expect(slashQuery('ok /', 4)).toEqual({ start: 3, query: '' });
    expect(slashQuery('and/or', 6)).toBeNull();
    expect(slashQuery('https://x.y/pa', 14)).toBeNull();
    expect(slashQuery('/hello there', 12)).toBeNull();
  });

  it('ranks shortcut prefixes first, then shortcuts or titles that contain the query, never the text alone', () => {
    expect(matchingReplies(replies, 'h').map((r) => r.shortcut)).toEqual(['hello', 'hours', 'hello-ko', 'thanks']);
    expect(matchingReplies(replies, 'wait').map((r) => r.shortcut)).toEqual(['thanks']);
    expect(matchingReplies(replies, 'are')).toEqual([]);
    expect(matchingReplies(replies, 'opening').map((r) => r.shortcut)).toEqual(['hours']);
  });

  it("puts replies in the customer's language first among equals", () => {
    expect(matchingReplies(replies, 'hello', 'ko').map((r) => r.shortcut)).toEqual(['hello-ko', 'hello']);
    expect(matchingReplies(replies, 'hello', 'ko-KR').map((r) => r.shortcut)).toEqual(['hello-ko', 'hello']);
    expect(matchingReplies(replies, 'hello', 'en').map((r) => r.shortcut)).toEqual(['hello', 'hello-ko']);
  });

  it("fills the customer's and the agent's names, leaving a placeholder without a value visible", () => {
    expect(replyText(replies[0], { customer: 'Ada', agent: 'Sam' })).toBe('Hello Ada! I am Sam.');
    expect(replyText(replies[0], { customer: null, agent: 'Sam' })).toBe('Hello {CustomerName}! I am Sam.');
  });

  it('replaces the slash word with the text', () => {
    expect(insertReply('Hi /th!', { start: 3, query: 'th' }, 'Thank you for waiting.')).toEqual({ text: 'Hi Thank you for waiting.!', caret: 25 });
  });
});
