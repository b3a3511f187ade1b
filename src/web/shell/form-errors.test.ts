import { describe, expect, it } from 'vitest';
import { formFieldFor, visibleErrors } from './form-errors';

describe('placing a server error in a form', () => {
  const fields = ['name', 'numberId', 'localizations'];
  it('uses the field itself, an alias, or the nearest parent the form has', () => {
    expect(formFieldFor('name', fields)).toBe('name');
    expect(formFieldFor('whatsapp.numberId', fields, { 'whatsapp.numberId': 'numberId' })).toBe('numberId');
    expect(formFieldFor('localizations.1.contentSid', fields)).toBe('localizations');
  });
  it('answers null when the form has no such field, so the error is shown for the whole form', () => {
    expect(formFieldFor('other.thing', fields)).toBeNull();
    expect(formFieldFor(undefined, fields)).toBeNull();
  });
});

describe('which errors show', () => {
  it("shows the client's check only on touched fields, and the server's answer otherwise", () => {
    const shown = visibleErrors({ name: 'Required', number: 'Bad' }, { number: 'Taken', sid: 'Refused' }, new Set(['name']));
    expect(shown).toEqual({ name: 'Required', number: 'Taken', sid: 'Refused' });
  });
});
