import { describe, expect, it } from 'vitest';
import type { Template } from './types';
import { fillTemplate, missingVariables, placeholdersOf, templateVersions } from './template-fill.js';

describe('template filling', () => {
  const text = 'Hello {{1}}, order {{2}} for {{1}}';

  it('lists each placeholder once, in order', () => {
    expect(placeholdersOf(text)).toEqual(['1', '2']);
  });

  it('previews filled and missing placeholders', () => {
    expect(fillTemplate(text, { '1': 'Ada' })).toEqual([
      { text: 'Hello ' },
      { text: 'Ada', placeholder: '1' },
      { text: ', order ' },
      { text: '{{2}}', placeholder: '2', missing: true },
      { text: ' for ' },
      { text: 'Ada', placeholder: '1' },
    ]);
    expect(missingVariables(text, { '1': 'Ada', '2': '  ' })).toEqual(['2']);
  });

  it('offers each localization, and the default text when it has none', () => {
    const template: Template = {
      id: 't', name: 'order', defaultLanguage: 'en', text: 'Hi {{1}}', placeholders: ['1'], createdAt: '',
      localizations: [{ language: 'ko', text: '{{1}}님', contentSid: 'HX1' }],
    };
    expect(templateVersions([template]).map((v) => [v.language, v.contentSid])).toEqual([['en', null], ['ko', 'HX1']]);
  });
});
