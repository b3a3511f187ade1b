import { describe, expect, it } from 'vitest';
import { languageFromPhone } from './language.js';

describe('languageFromPhone', () => {
  it('reads the language from the country code', () => {
    expect(languageFromPhone('+821012345678')).toBe('ko');
    expect(languageFromPhone('+14155550100')).toBe('en');
    expect(languageFromPhone('+5215512345678')).toBe('es');
    expect(languageFromPhone('+5511987654321')).toBe('pt');
  });
  it('answers null for a number it cannot place or a country it has no language for', () => {
    expect(languageFromPhone('12345')).toBeNull();
    expect(languageFromPhone('+2348012345678')).toBeNull();
  });
});
