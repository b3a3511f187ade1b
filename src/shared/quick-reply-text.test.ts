import { describe, expect, it } from 'vitest';
import { fillPlaceholders, normalizeShortcut, placeholderSegments, SHORTCUT_PATTERN, unknownPlaceholders } from './quick-reply-text.js';

describe('quick reply text', () => {
  it('fills the known placeholders and leaves the ones without a value for the agent to see', () => {
    const body = 'Hello {CustomerName}, this is {AgentName}. {CustomerName}, how can I help?';
    expect(fillPlaceholders(body, { CustomerName: 'Ada', AgentName: 'Sam' })).toBe('Hello Ada, this is Sam. Ada, how can I help?');
    expect(fillPlaceholders(body, { CustomerName: '  ', AgentName: 'Sam' })).toBe('Hello {CustomerName}, this is Sam. {CustomerName}, how can I help?');
    expect(fillPlaceholders('Price: {1} {Unknown}', { CustomerName: 'Ada' })).toBe('Price: {1} {Unknown}');
  });

  it('names the placeholders it does not know, once each', () => {
    expect(unknownPlaceholders('Hi {CustomerName}, {QueueName} and {QueueName} and {agentname}')).toEqual(['QueueName', 'agentname']);
    expect(unknownPlaceholders('Hi {CustomerName} from {AgentName}, see {{1}}')).toEqual([]);
  });

  it('cuts the body into text and placeholders', () => {
    expect(placeholderSegments('Hi {CustomerName}!')).toEqual([{ text: 'Hi ' }, { text: '{CustomerName}', placeholder: 'CustomerName' }, { text: '!' }]);
    expect(placeholderSegments('')).toEqual([]);
  });

  it('reads a shortcut as typed, with or without the slash', () => {
    expect(normalizeShortcut(' /Greet ')).toBe('greet');
    const valid = new RegExp(SHORTCUT_PATTERN);
    expect(['greet', 'order-2', 'a_b'].every((s) => valid.test(s))).toBe(true);
    expect(['', '-x', 'has space', 'x'.repeat(33), '/greet', 'Greet'].some((s) => valid.test(s))).toBe(false);
  });
});
