import { describe, expect, it } from 'vitest';
import { hasFormatting, parseWhatsApp, wrapSelection } from './whatsapp-format.js';

describe('parseWhatsApp', () => {
  it('reads the four WhatsApp styles', () => {
    expect(parseWhatsApp('a *b* _c_ ~d~ ```e```')).toEqual([
      'a ',
      { type: 'bold', children: ['b'] },
      ' ',
      { type: 'italic', children: ['c'] },
      ' ',
      { type: 'strike', children: ['d'] },
      ' ',
      { type: 'mono', text: 'e' },
    ]);
  });

  it('nests styles but keeps monospace literal', () => {
    expect(parseWhatsApp('*bold _and italic_*')).toEqual([{ type: 'bold', children: ['bold ', { type: 'italic', children: ['and italic'] }] }]);
    expect(parseWhatsApp('```*not bold*```')).toEqual([{ type: 'mono', text: '*not bold*' }]);
  });

  it('leaves markers alone inside words, around spaces and across lines', () => {
    expect(parseWhatsApp('snake_case_name')).toEqual(['snake_case_name']);
    expect(parseWhatsApp('2 * 3 * 4')).toEqual(['2 * 3 * 4']);
    expect(parseWhatsApp('*open\nclose*')).toEqual(['*open\nclose*']);
    expect(parseWhatsApp('*unclosed')).toEqual(['*unclosed']);
    expect(parseWhatsApp('**')).toEqual(['**']);
  });

  it('finds links and drops trailing punctuation', () => {
    expect(parseWhatsApp('see https://example.com/a_b_c. ok')).toEqual([
      'see ',
      { type: 'link', href: 'https://example.com/a_b_c', text: 'https://example.com/a_b_c' },
      '. ok',
    ]);
    expect(parseWhatsApp('javascript:alert(1)')).toEqual(['javascript:alert(1)']);
  });

  it('keeps markup-looking text as plain text', () => {
    expect(parseWhatsApp('<img src=x onerror=alert(1)>')).toEqual(['<img src=x onerror=alert(1)>']);
  });
});

describe('hasFormatting', () => {
  it('is true only for styled text', () => {
    expect(hasFormatting('plain https://x.y')).toBe(false);
    expect(hasFormatting('a _b_')).toBe(true);
  });
});

describe('wrapSelection', () => {
  it('wraps the selection and keeps it selected', () => {
    expect(wrapSelection('say hello now', 4, 9, '*')).toEqual({ text: 'say *hello* now', start: 5, end: 10 });
  });
});
