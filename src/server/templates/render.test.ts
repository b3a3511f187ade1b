import { describe, expect, it } from 'vitest';
import { pickLocalization, placeholdersOf, renderTemplate } from './render.js';

describe('template placeholders', () => {
  it('lists each placeholder once, in order', () => {
    expect(placeholdersOf('Hi {{1}}, your order {{2}} ships {{ 3 }}; thanks {{1}}')).toEqual(['1', '2', '3']);
  });

  it('fills every placeholder', () => {
    expect(renderTemplate('Hi {{1}}, order {{2}}', { '1': 'Ada', '2': 'ZX-42' })).toBe('Hi Ada, order ZX-42');
  });

  it('refuses a missing or blank variable and names it', () => {
    expect(() => renderTemplate('Hi {{1}}, order {{2}}', { '1': 'Ada', '2': ' ' })).toThrow(/\{\{2\}\}/);
  });
});

describe('choosing a localization', () => {
  const locs = [
    { language: 'en', text: 'Hello {{1}}', contentSid: 'HX1' },
    { language: 'ko', text: '안녕하세요 {{1}}', contentSid: 'HX2' },
  ];
  it("prefers the customer's language", () => expect(pickLocalization(locs, ['ko'], 'en')?.contentSid).toBe('HX2'));
  it('matches a regional variant by its base language', () => expect(pickLocalization(locs, ['ko-KR'], 'en')?.contentSid).toBe('HX2'));
  it('falls back to the default language', () => expect(pickLocalization(locs, ['es'], 'en')?.contentSid).toBe('HX1'));
});
