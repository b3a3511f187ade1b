import { describe, expect, it } from 'vitest';
import en from '../i18n/en/supervisor.json';
import ko from '../i18n/ko/supervisor.json';
import { CHANNEL_IDS } from '../../shared/channel-ids';

/** Every supervisor string the code asks for exists in English and Korean, and the two match. */
const sources = import.meta.glob(['./**/*.ts', './**/*.tsx', '!./**/*.test.ts'], { query: '?raw', import: 'default', eager: true }) as Record<string, string>;
const usedKeys = [...new Set(Object.values(sources).flatMap((source) => [...source.matchAll(/['"`](supervisor\.[A-Za-z0-9.-]+[A-Za-z0-9])['"`]/g)].map((m) => m[1])))];

function lookup(catalog: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), catalog);
}
const hasKey = (catalog: unknown, key: string) => ['', '_other'].some((suffix) => typeof lookup(catalog, key + suffix) === 'string');
function leaves(node: unknown, prefix = ''): string[] {
  if (typeof node !== 'object' || node === null) return [prefix];
  return Object.entries(node).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
}

describe('supervisor catalogs', () => {
  it('finds the keys the supervisor area uses', () => expect(usedKeys.length).toBeGreaterThan(60));

  it.each([['en', en], ['ko', ko]])('%s has every key the code uses', (_name, catalog) => {
    expect(usedKeys.filter((key) => !hasKey(catalog, key))).toEqual([]);
  });

  it('has the same keys in English and Korean', () => {
    expect(leaves(ko).sort()).toEqual(leaves(en).sort());
  });

  // Presences and conversation states are the common glossary's (src/web/i18n/glossary.test.ts).
  it.each([['en', en], ['ko', ko]])('%s names every channel', (_name, catalog) => {
    const keys = CHANNEL_IDS.map((c) => `supervisor.channels.${c}`);
    expect(keys.filter((key) => !hasKey(catalog, key))).toEqual([]);
  });
});
