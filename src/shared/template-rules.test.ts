import { describe, expect, it } from 'vitest';
import { placeholderProblem, templateNameProblem } from './template-rules.js';

describe('WhatsApp template rules', () => {
  it('accepts lowercase letters, digits and underscores in a name, nothing else', () => {
    expect(templateNameProblem('order_update_2')).toBeUndefined();
    for (const name of ['Order update', 'order-update', 'orderUpdate', 'örder', '']) expect(templateNameProblem(name)).toEqual({ reason: 'name-characters' });
  });

  it('accepts {{1}}…{{n}} in order of first use, repeats included', () => {
    expect(placeholderProblem('No placeholders, {single braces} are text.')).toBeUndefined();
    expect(placeholderProblem('Hi {{1}}, order {{2}} for {{1}} ships {{3}}.')).toBeUndefined();
  });

  it('refuses gaps and placeholders out of order, naming what was expected', () => {
    expect(placeholderProblem('Hi {{1}}, order {{3}}')).toEqual({ reason: 'placeholder-order', expected: 2, found: 3 });
    expect(placeholderProblem('{{2}} then {{1}}')).toEqual({ reason: 'placeholder-order', expected: 1, found: 2 });
    expect(placeholderProblem('Starts at {{0}}')).toMatchObject({ reason: 'placeholder-malformed' });
  });

  it('refuses malformed braces, quoting them', () => {
    expect(placeholderProblem('Hi {{1}')).toEqual({ reason: 'placeholder-malformed', fragment: '{{1}' });
    expect(placeholderProblem('Hi {{ }}')).toEqual({ reason: 'placeholder-malformed', fragment: '{{ }}' });
    expect(placeholderProblem('Hi {{a}}')).toEqual({ reason: 'placeholder-malformed', fragment: '{{a}}' });
    expect(placeholderProblem('Hi {{ 1 }}')).toEqual({ reason: 'placeholder-malformed', fragment: '{{ 1 }}' });
    expect(placeholderProblem('Hi {1}} and {{1}}')).toEqual({ reason: 'placeholder-malformed', fragment: '{1}}' });
    expect(placeholderProblem('Hi {{1}} and {{2}')).toEqual({ reason: 'placeholder-malformed', fragment: '{{2}' });
  });
});
