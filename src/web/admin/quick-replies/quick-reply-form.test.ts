import { describe, expect, it } from 'vitest';
import { createQuickReplyBody, newQuickReplyValues, quickReplyProblems, quickReplyValuesOf, updateQuickReplyBody } from './quick-reply-form';
import type { CannedResponseView } from '../types';

const reply: CannedResponseView = {
  id: 'r1', shortcut: 'greet', title: 'Greeting', body: 'Hello {CustomerName}', language: null, scope: 'shared', ownerUserId: null, createdAt: '', updatedAt: '',
};

describe('quick reply form', () => {
  it('checks each field as the person types', () => {
    expect(quickReplyProblems(newQuickReplyValues())).toEqual({
      shortcut: { key: 'admin.errors.required' },
      title: { key: 'admin.errors.required' },
      body: { key: 'admin.errors.required' },
    });
    const values = { ...newQuickReplyValues(), title: 'Hi', body: 'Hi {CustomerName}' };
    expect(quickReplyProblems({ ...values, shortcut: '/Greet' })).toEqual({});
    expect(quickReplyProblems({ ...values, shortcut: 'two words' }).shortcut?.key).toBe('admin.quickReplies.shortcutRule');
    expect(quickReplyProblems({ ...values, shortcut: 'x'.repeat(33) }).shortcut).toEqual({ key: 'admin.errors.tooLong', values: { max: 32 } });
    expect(quickReplyProblems({ ...values, shortcut: 'hi', body: 'Dear {Customer} and {QueueName}' }).body).toEqual({
      key: 'admin.quickReplies.unknownPlaceholder', values: { list: '{Customer}, {QueueName}' },
    });
  });

  it('sends the shortcut as stored, without the slash, and no language as null', () => {
    expect(createQuickReplyBody({ shortcut: ' /Greet', title: ' Greeting ', body: 'Hello', language: '', scope: 'personal' })).toEqual({
      shortcut: 'greet', title: 'Greeting', body: 'Hello', language: null, scope: 'personal',
    });
  });

  it('sends only what changed, never the scope', () => {
    expect(updateQuickReplyBody(quickReplyValuesOf(reply), reply)).toEqual({});
    expect(updateQuickReplyBody({ ...quickReplyValuesOf(reply), language: 'ko', title: 'Hello', scope: 'personal' }, reply)).toEqual({ language: 'ko', title: 'Hello' });
  });
});
