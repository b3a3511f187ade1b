import { describe, expect, it } from 'vitest';
import { snippetAround } from './search-snippet.js';

const marked = ({ snippet, highlight }: ReturnType<typeof snippetAround>) =>
  highlight ? snippet.slice(0, highlight.start) + '[' + snippet.slice(highlight.start, highlight.start + highlight.length) + ']' + snippet.slice(highlight.start + highlight.length) : snippet;

describe('snippetAround', () => {
  it('keeps a short message whole and marks the match whatever its case', () => {
    expect(marked(snippetAround('My ORDER 1234 never came', 'order'))).toBe('My [ORDER] 1234 never came');
  });
  it('cuts a long message around the match, at spaces, with … where cut', () => {
    const body = `${'word '.repeat(40)}the parcel number is 98765 ${'tail '.repeat(40)}`;
    const result = snippetAround(body, '98765');
    expect(result.snippet.startsWith('…')).toBe(true);
    expect(result.snippet.endsWith('…')).toBe(true);
    expect(result.snippet.length).toBeLessThanOrEqual(142);
    expect(marked(result)).toContain('is [98765] tail');
    expect(result.snippet).not.toMatch(/…\S*wor\b|…ord/);
  });
  it('gives the start without a highlight when the text cannot be placed', () => {
    expect(snippetAround('Straße 5', 'STRASSE')).toEqual({ snippet: 'Straße 5', highlight: null });
  });
});
