import { describe, expect, it } from 'vitest';
import type { ContentTemplate } from '../channels/twilio/twilio-content-client.js';
import { importProblem, planImport } from './plan-import.js';
import type { TemplateView } from './schema.js';

const sid = (n: number) => 'HX' + n.toString(16).padStart(32, '0');
const content = (n: number, over: Partial<ContentTemplate> = {}): ContentTemplate => ({
  sid: sid(n), friendlyName: 'order_update', language: 'en', variables: { '1': 'Ada' }, types: ['twilio/text'], body: 'Hi {{1}}', ...over,
});
const existingTemplate = (over: Partial<TemplateView> = {}): TemplateView => ({
  id: 't1', name: 'order_update', defaultLanguage: 'en', text: 'Hello {{1}}', placeholders: ['1'], createdAt: '',
  localizations: [{ language: 'en', text: 'Hello {{1}}', contentSid: null }, { language: 'es', text: 'Hola {{1}}', contentSid: sid(99) }], ...over,
});

describe('what can be imported', () => {
  it('accepts a text template with numbered placeholders', () => expect(importProblem(content(1))).toBeNull());
  it('refuses one without text, one with named variables, one with an odd language', () => {
    expect(importProblem(content(1, { body: null, types: ['twilio/location'] }))).toMatch(/no text.*twilio\/location/);
    expect(importProblem(content(1, { body: 'Hi {{first_name}}' }))).toMatch(/named variables \(\{\{first_name\}\}\)/);
    expect(importProblem(content(1, { language: 'English' }))).toMatch(/language "English"/);
  });

  it("refuses one WhatsApp's rules would refuse: a name with capitals or spaces, placeholders with a gap", () => {
    expect(importProblem(content(1, { friendlyName: 'Order update' }))).toMatch(/lowercase letters/);
    expect(importProblem(content(1, { body: 'Hi {{1}}, order {{3}}' }))).toMatch(/no gaps/);
  });
});

describe('planning an import', () => {
  it('makes one template of the languages that share a name, English first as default', () => {
    const plan = planImport([content(1, { language: 'ko', body: '{{1}}님 안녕하세요' }), content(2), content(3, { friendlyName: 'other' })], [sid(1), sid(2)], []);
    expect(plan.skipped).toEqual([]);
    expect(plan.groups).toEqual([
      {
        name: 'order_update', existingId: null, defaultLanguage: 'en', text: 'Hi {{1}}',
        localizations: [{ language: 'ko', text: '{{1}}님 안녕하세요', contentSid: sid(1) }, { language: 'en', text: 'Hi {{1}}', contentSid: sid(2) }],
      },
    ]);
  });

  it('writes Twilio regional languages the Switchboard way', () => {
    const plan = planImport([content(1, { language: 'pt_BR', friendlyName: 'x' })], [sid(1)], []);
    expect(plan.groups[0]).toMatchObject({ defaultLanguage: 'pt-BR', localizations: [{ language: 'pt-BR' }] });
  });

  it('merges into the template of the same name, keeping its default language', () => {
    const plan = planImport([content(1, { language: 'ko', body: '{{1}}님' })], [sid(1)], [existingTemplate()]);
    expect(plan.groups).toEqual([{ name: 'order_update', existingId: 't1', defaultLanguage: 'en', text: 'Hello {{1}}', localizations: [{ language: 'ko', text: '{{1}}님', contentSid: sid(1) }] }]);
  });

  it('skips, with a reason each, what is unknown, unusable, duplicated or does not fit', () => {
    const contents = [content(1), content(2), content(3, { body: 'Hi {{name}}' }), content(4, { language: 'ko', body: 'no placeholder' })];
    const plan = planImport(contents, [sid(1), sid(2), sid(3), sid(4), sid(5)], []);
    expect(plan.groups).toHaveLength(1);
    expect(plan.groups[0].localizations.map((l) => l.contentSid)).toEqual([sid(1)]);
    expect(Object.fromEntries(plan.skipped.map((s) => [s.contentSid, s.reason]))).toEqual({
      [sid(2)]: expect.stringMatching(/in en already/),
      [sid(3)]: expect.stringMatching(/named variables/),
      [sid(4)]: expect.stringMatching(/placeholders differ/),
      [sid(5)]: expect.stringMatching(/does not list/),
    });
  });
});
