import { describe, expect, it } from 'vitest';
import en from '../i18n/en/admin.json';
import ko from '../i18n/ko/admin.json';
import { TRIGGERS } from '../../server/automation/catalogue';

/** Every admin string the code asks for exists in English and Korean, with plural forms where counted. */
const sources = import.meta.glob(['./**/*.ts', './**/*.tsx', '!./**/*.test.ts'], { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

function lookup(catalog: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), catalog);
}

const hasKey = (catalog: unknown, key: string) => ['', '_other'].some((suffix) => typeof lookup(catalog, key + suffix) === 'string');

const usedKeys = [...new Set(Object.values(sources).flatMap((source) => [...source.matchAll(/['"](admin\.[A-Za-z0-9.-]+[A-Za-z0-9])['"]/g)].map((m) => m[1])))];

describe('admin catalogs', () => {
  it('finds the keys the admin center uses', () => expect(usedKeys.length).toBeGreaterThan(200));

  it.each([['en', en], ['ko', ko]])('%s has every key the code uses', (_name, catalog) => {
    expect(usedKeys.filter((key) => !hasKey(catalog, key))).toEqual([]);
  });

  it.each([['en', en], ['ko', ko]])('%s names every value of the enumerations shown', (_name, catalog) => {
    const groups: Record<string, string[]> = {
      'admin.accounts.providers': ['twilio', 'simulator'],
      'admin.accounts.steps': ['channel', 'account', 'numbers', 'callback', 'done'],
      'admin.channelSetup.steps': ['number', 'language', 'behaviors', 'features', 'summary'],
      'admin.workstreams.modes': ['push', 'pick'],
      'admin.workstreams.wrapUp': ['always', 'never', 'timed'],
      'admin.queues.methods': ['highest-capacity', 'round-robin', 'least-active'],
      'admin.queues.actions': ['wait', 'transfer', 'end', 'assign-anyway'],
      'admin.roles': ['agent', 'supervisor', 'admin'],
      'admin.presences': ['available', 'busy', 'dnd', 'away', 'offline', 'inactive'],
      'admin.days': ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
      'admin.routing.operators': ['equals', 'not-equals', 'contains', 'starts-with', 'in', 'matches', 'between'],
      'admin.routing.reasons': ['rule', 'fallback-no-match', 'fallback-error', 'overflowing-only-match'],
      'admin.audit.actions': ['created', 'updated', 'deleted', 'token-rotated', 'imported', 'added', 'removed', 'purged', 'erased'],
      'admin.audit.entities': ['messaging-account', 'whatsapp-number', 'workstream', 'routing-rule', 'classification-ruleset', 'capacity-profile', 'queue', 'user', 'template', 'retention-setting', 'message-content', 'customer', 'canned-response'],
      'admin.quickReplies.scopes': ['shared', 'personal'],
      'admin.quickReplies.scopeHints': ['shared', 'personal'],
      'admin.bot.kinds': ['none', 'rule', 'http'],
      'admin.behaviors.limits': ['openSeconds', 'activeSeconds', 'wrapUpSeconds'],
      'admin.behaviors.triggers': [...TRIGGERS],
      'admin.routing.fields': ['customer.phone', 'customer.country', 'customer.name', 'message.first', 'language', 'time.local', 'time.day', 'output.priority', 'output.capacityRequired', 'output.skills', 'contact', 'var'],
    };
    const missing = Object.entries(groups).flatMap(([prefix, values]) => values.map((v) => `${prefix}.${v}`)).filter((key) => !hasKey(catalog, key));
    expect(missing).toEqual([]);
  });
});
