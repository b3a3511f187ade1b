import { describe, expect, it } from 'vitest';
import { firstUnstorableField, isStorableText, storableText } from './text-guard.js';

describe('text PostgreSQL can store', () => {
  it.each([
    ['plain', true],
    ['😀 한국어', true],
    ['a\u0000b', false],
    ['lone high \ud83d', false],
    ['\ude00 lone low', false],
    ['swapped \ude00\ud83d', false],
  ])('%j is storable: %s', (text, storable) => {
    expect(isStorableText(text)).toBe(storable);
  });

  it('removes NUL bytes and replaces lone surrogates, keeping pairs', () => {
    expect(storableText('Ada\u0000 Love\u0000lace 😀 \ud83d!')).toBe('Ada Lovelace 😀 \ufffd!');
  });

  it('names the first unstorable string by its path, keys included', () => {
    expect(firstUnstorableField({ name: 'ok', variables: [{ value: 'fine' }, { value: 'x\u0000' }] })).toBe('variables.1.value');
    expect(firstUnstorableField({ a: { ['k\u0000']: 'v' } })).toBe('a.k');
    expect(firstUnstorableField({ n: 1, b: true, z: null, s: ['a', 'b'] })).toBeNull();
    expect(firstUnstorableField('\ud800')).toBe('(body)');
    expect(firstUnstorableField(undefined)).toBeNull();
  });
});

describe('deep bodies', () => {
  it('walks a deeply nested body without overflowing the stack', () => {
    let deep: unknown = 'x\u0000';
    for (let i = 0; i < 100_000; i++) deep = { a: deep };
    expect(firstUnstorableField(deep)).toMatch(/^a(\.a)+$/);
  });
});
