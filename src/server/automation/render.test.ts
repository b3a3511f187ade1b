import { describe, expect, it } from 'vitest';
import { CATALOGUE } from './catalogue.js';
import { fillPlaceholders, formatOpening, isTriggerEnabled, textFor } from './render.js';

describe('automated message texts', () => {
  it('uses the default of the customer language, then its base language, then English', () => {
    expect(textFor('greeting', {}, 'ko').text).toBe(CATALOGUE.greeting.defaults.ko);
    expect(textFor('greeting', {}, 'es-MX')).toEqual({ language: 'es', text: CATALOGUE.greeting.defaults.es });
    expect(textFor('greeting', {}, 'fr').text).toBe(CATALOGUE.greeting.defaults.en);
    expect(textFor('greeting', {}, null).text).toBe(CATALOGUE.greeting.defaults.en);
  });

  it("prefers the workstream's rewrite for that language and keeps defaults for the others", () => {
    const settings = { greeting: { texts: { es: '¡Bienvenido a Acme!' } } };
    expect(textFor('greeting', settings, 'es').text).toBe('¡Bienvenido a Acme!');
    expect(textFor('greeting', settings, 'ko').text).toBe(CATALOGUE.greeting.defaults.ko);
  });

  it('a rewrite in a language without a default is used for that language', () => {
    expect(textFor('greeting', { greeting: { texts: { fr: 'Bonjour !' } } }, 'fr-CA').text).toBe('Bonjour !');
  });

  it('is on or off per workstream, else as the catalogue says', () => {
    expect(isTriggerEnabled('greeting', {})).toBe(false);
    expect(isTriggerEnabled('greeting', { greeting: { enabled: true } })).toBe(true);
    expect(isTriggerEnabled('out-of-hours', {})).toBe(true);
    expect(isTriggerEnabled('out-of-hours', { 'out-of-hours': { enabled: false } })).toBe(false);
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(fillPlaceholders('{AgentName} is now helping you.', { AgentName: 'Grace' })).toBe('Grace is now helping you.');
    expect(fillPlaceholders('Hi {Nobody}', {})).toBe('Hi {Nobody}');
    expect(fillPlaceholders('Queue {QueueName} now', { QueueName: null })).toBe('Queue now');
  });

  it('formats the next opening in the queue time zone and the customer language', () => {
    const at = new Date('2025-03-03T08:00:00Z'); // a Monday
    expect(formatOpening(at, 'en', 'Europe/Berlin')).toBe('Monday 09:00');
    expect(formatOpening(at, 'es', 'UTC')).toBe('lunes, 08:00');
    expect(formatOpening(null, 'en', 'UTC')).toBe('');
  });
});
