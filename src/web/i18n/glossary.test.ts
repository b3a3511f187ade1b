import { describe, expect, it } from 'vitest';
import type { TSchema } from '@sinclair/typebox';
import { CONVERSATION_STATES } from '../../server/db/schema';
import { PresenceValue } from '../../server/workstreams/schema';

/**
 * One word per conversation state and presence in each language, kept in common.json
 * (`common.state.*`, `common.presence.*`; the glossary table is in docs/ARCHITECTURE.md): the agent
 * workspace, supervisor area and admin center all show those, so an area catalog must not carry
 * its own, and no code may ask an area for one.
 */
const catalogs = import.meta.glob<Record<string, unknown>>('./*/*.json', { import: 'default', eager: true });
const sources = import.meta.glob(['../**/*.ts', '../**/*.tsx', '!../**/*.test.ts'], { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

const presences = (PresenceValue.anyOf as TSchema[]).map((s) => String(s.const));
function leaves(node: unknown, prefix = ''): [string, unknown][] {
  if (typeof node !== 'object' || node === null) return [[prefix, node]];
  return Object.entries(node).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
}
const words = (file: string) => new Map(leaves(catalogs[file]));

describe('state and presence glossary', () => {
  it.each(['en', 'ko'])('%s common catalog names every conversation state and presence', (language) => {
    const common = words(`./${language}/common.json`);
    const keys = [...CONVERSATION_STATES.map((s) => `common.state.${s}`), ...presences.map((p) => `common.presence.${p}`)];
    expect(keys.filter((key) => typeof common.get(key) !== 'string')).toEqual([]);
  });

  it.each(['en', 'ko'])('%s uses a different word for each state and each presence', (language) => {
    const common = words(`./${language}/common.json`);
    const stateWords = CONVERSATION_STATES.map((s) => common.get(`common.state.${s}`));
    const presenceWords = presences.map((p) => common.get(`common.presence.${p}`));
    expect(new Set(stateWords).size).toBe(stateWords.length);
    expect(new Set(presenceWords).size).toBe(presenceWords.length);
  });

  it('no area catalog has its own state or presence words', () => {
    const areaFiles = Object.keys(catalogs).filter((file) => !file.endsWith('/common.json'));
    expect(areaFiles.length).toBeGreaterThanOrEqual(8);
    const own = areaFiles.flatMap((file) =>
      leaves(catalogs[file])
        .map(([key]) => key)
        .filter((key) => /\.(state|states|presence|presences)\.[^.]+$/.test(key))
        .map((key) => `${file}: ${key}`),
    );
    expect(own).toEqual([]);
  });

  it('no code asks an area catalog for a state or presence word', () => {
    const asked = Object.entries(sources).flatMap(([file, source]) =>
      [...source.matchAll(/['"`]((?:agent|supervisor|admin|simulator)\.(?:state|states|presence|presences)\.)/g)].map((m) => `${file}: ${m[1]}`),
    );
    expect(Object.keys(sources).length).toBeGreaterThan(50);
    expect(asked).toEqual([]);
  });
});
