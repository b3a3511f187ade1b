import { describe, expect, it } from 'vitest';
import { insertReply, matchingReplies, slashQuery } from './quick-replies.js';

const replies = [
  { shortcut: 'hello', text: 'Hello! How can I help?' },
  { shortcut: 'thanks', text: 'Thank you for waiting.' },
  { shortcut: 'hours', text: 'We are open 9 to 6.' },
];

describe('quick replies', () => {
  it('notices a slash word at the caret, not inside a word or a URL', () => {
    expect(slashQuery('/he', 3)).toEqual({ start: 0, query: 'he' });
    expect(slashQuery('ok /', 4)).toEqual({ start: 3, query: '' });
    expect(slashQuery('and/or', 6)).toBeNull();
    expect(slashQuery('https://x.y/pa', 14)).toBeNull();
    expect(slashQuery('/hello there', 12)).toBeNull();
  });

  it('ranks shortcut prefixes first, then any mention', () => {
    expect(matchingReplies(replies, 'h').map((r) => r.shortcut)).toEqual(['hello', 'hours', 'thanks']);
    expect(matchingReplies(replies, 'wait').map((r) => r.shortcut)).toEqual(['thanks']);
  });

  it('replaces the slash word with the text', () => {
    expect(insertReply('Hi /th!', { start: 3, query: 'th' }, replies[1])).toEqual({ text: 'Hi Thank you for waiting.!', caret: 25 });
  });
});
