import { describe, expect, it } from 'vitest';
import en from '../i18n/en/admin.json';
import ko from '../i18n/ko/admin.json';
import type { TSchema } from '@sinclair/typebox';
import { CHANNEL_IDS } from '../../shared/channel-ids';
import { TRIGGERS } from '../../server/automation/catalogue';
import { AutoCloseSettings, BotSettings } from '../../server/automation/schema';
import { AUDIT_ENTITIES, AUDIT_VERBS } from '../../server/audit/vocabulary';
import { CannedResponseScope } from '../../server/canned-responses/schema';
import { CreateAccountBody } from '../../server/messaging-accounts/schema';
import { AssignmentMethod, OverflowSettings } from '../../server/queues/schema';
import { DAYS } from '../../server/routing/operating-hours';
import { ROUTE_REASONS } from '../../server/routing/route-to-queue';
import { CONDITION_FIELD_PREFIXES, CONDITION_FIELDS, OPERATORS } from '../../server/routing/rule-schema';
import { RoleSchema } from '../../server/users/schema';
import { CreateWorkstreamBody } from '../../server/workstreams/schema';

/** Every admin string the code asks for exists in English and Korean, with plural forms where counted. */
const sources = import.meta.glob(['./**/*.ts', './**/*.tsx', '!./**/*.test.ts'], { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

function lookup(catalog: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), catalog);
}

/** The values a TypeBox union of literals allows. */
const literals = (schema: TSchema): string[] => (schema.anyOf as { const: string }[]).map((s) => s.const);

const hasKey = (catalog: unknown, key: string) => ['', '_other'].some((suffix) => typeof lookup(catalog, key + suffix) === 'string');

const usedKeys = [...new Set(Object.values(sources).flatMap((source) => [...source.matchAll(/['"](admin\.[A-Za-z0-9.-]+[A-Za-z0-9])['"]/g)].map((m) => m[1])))];

describe('admin catalogs', () => {
  it('finds the keys the admin center uses', () => expect(usedKeys.length).toBeGreaterThan(200));

  it.each([['en', en], ['ko', ko]])('%s has every key the code uses', (_name, catalog) => {
    expect(usedKeys.filter((key) => !hasKey(catalog, key))).toEqual([]);
  });

  it.each([['en', en], ['ko', ko]])('%s names every value of the enumerations shown', (_name, catalog) => {
    // The server's own lists, so a value added there needs its name here; the wizards' steps are the web app's.
    const groups: Record<string, string[]> = {
      'admin.accounts.providers': literals(CreateAccountBody.properties.provider),
      'admin.accounts.steps': ['channel', 'account', 'numbers', 'callback', 'done'],
      'admin.channelSetup.steps': ['number', 'language', 'behaviors', 'features', 'summary'],
      'admin.workstreams.modes': literals(CreateWorkstreamBody.properties.mode),
      'admin.workstreams.wrapUp': literals(CreateWorkstreamBody.properties.wrapUpBlocking),
      'admin.queues.methods': literals(AssignmentMethod),
      // 'wait': no overflow action set.
      'admin.queues.actions': ['wait', ...literals(OverflowSettings.properties.outOfHours.properties.action)],
      'admin.roles': literals(RoleSchema),
      'admin.days': [...DAYS],
      'admin.routing.operators': [...OPERATORS],
      'admin.routing.reasons': [...ROUTE_REASONS],
      'admin.routing.channels': [...CHANNEL_IDS],
      'admin.audit.actions': [...AUDIT_VERBS],
      'admin.audit.entities': [...AUDIT_ENTITIES],
      'admin.quickReplies.scopes': literals(CannedResponseScope),
      'admin.quickReplies.scopeHints': literals(CannedResponseScope),
      'admin.bot.kinds': literals(BotSettings.properties.kind),
      'admin.behaviors.limits': Object.keys(AutoCloseSettings.properties).filter((limit) => limit !== 'waitingSeconds'), // waiting: the workstream's setting
      'admin.behaviors.triggers': [...TRIGGERS],
      'admin.routing.fields': [...CONDITION_FIELDS, ...CONDITION_FIELD_PREFIXES],
    };
    const missing = Object.entries(groups).flatMap(([prefix, values]) => values.map((v) => `${prefix}.${v}`)).filter((key) => !hasKey(catalog, key));
    expect(missing).toEqual([]);
  });
});
