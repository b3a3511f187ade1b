import { describe, expect, it } from 'vitest';
import { placeholdersOf, previewOf, segmentsOf, templateBody, templateProblems, templateValuesOf } from './template-text';

describe('template text', () => {
  it('cuts text into plain runs and placeholders', () => {
    expect(segmentsOf('Hi {{1}}, order {{ 2 }}.')).toEqual([{ text: 'Hi ' }, { text: '{{1}}', placeholder: '1' }, { text: ', order ' }, { text: '{{ 2 }}', placeholder: '2' }, { text: '.' }]);
    expect(placeholdersOf('{{2}} {{1}} {{2}}')).toEqual(['2', '1']);
  });

  it('previews with sample values and leaves unfilled placeholders visible', () => {
    expect(previewOf('Hi {{1}}, order {{2}}', { '1': 'Ada', '2': ' ' }).map((s) => s.text).join('')).toBe('Hi Ada, order {{2}}');
  });

  it('keeps the default language as a localization with its Content SID', () => {
    const view = {
      id: 't', name: 'order', defaultLanguage: 'en', text: 'Hi {{1}}', placeholders: ['1'], createdAt: '',
      localizations: [{ language: 'en', text: 'Hi {{1}}', contentSid: 'HX' + 'a'.repeat(32) }, { language: 'ko', text: '{{1}}님', contentSid: null }],
    };
    const values = templateValuesOf(view);
    expect(values.localizations).toEqual([{ language: 'ko', text: '{{1}}님', contentSid: '' }]);
    expect(templateBody(values).localizations).toEqual(view.localizations);
  });

  it('names the localization field that is wrong', () => {
    const problems = templateProblems({
      name: 'x', defaultLanguage: 'en', text: 'Hi {{1}}', contentSid: 'HX12',
      localizations: [{ language: 'en', text: 'Hi {{1}}', contentSid: '' }, { language: 'ko', text: '안녕', contentSid: '' }, { language: 'Korean', text: '{{1}}', contentSid: '' }],
    });
    expect(Object.fromEntries(Object.entries(problems).filter(([, v]) => v).map(([k, v]) => [k, v!.key]))).toEqual({
      contentSid: 'admin.errors.contentSid',
      'localizations.0.language': 'admin.errors.languageTwice',
      'localizations.1.text': 'admin.errors.placeholdersDiffer',
      'localizations.2.language': 'admin.errors.language',
    });
  });

  it("says which of WhatsApp's rules the name and the texts break", () => {
    const problems = templateProblems({
      name: 'Order update', defaultLanguage: 'en', text: 'Hi {{1}}, order {{3}}', contentSid: '',
      localizations: [{ language: 'ko', text: '{{1}님 {{3}}', contentSid: '' }],
    });
    expect(problems.name?.key).toBe('admin.errors.templateName');
    expect(problems.text).toMatchObject({ key: 'admin.errors.placeholderOrder', values: { expected: '{{2}}', found: '{{3}}' } });
    expect(problems['localizations.0.text']).toMatchObject({ key: 'admin.errors.placeholderMalformed', values: { fragment: '{{1}' } });
  });
});
