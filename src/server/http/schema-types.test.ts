import { describe, expect, it } from 'vitest';
import { Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { PartialUpdate } from './schema-types.js';

const Settings = Type.Object(
  {
    kind: Type.Union([Type.Literal('none'), Type.Literal('rule')], { default: 'none' }),
    rule: Type.Object(
      {
        welcome: Type.String({ default: '' }),
        intents: Type.Array(Type.Object({ name: Type.String(), reply: Type.String({ default: '' }) }), { default: [] }),
      },
      { additionalProperties: false, default: {} },
    ),
  },
  { additionalProperties: false },
);
const Update = PartialUpdate(Settings);

describe('the body of a partial update', () => {
  it('accepts any subset of the fields, at every level', () => {
    for (const body of [{}, { kind: 'rule' }, { rule: {} }, { rule: { welcome: 'Hi' } }]) expect(Value.Check(Update, body), JSON.stringify(body)).toBe(true);
  });

  it('fills in no default, at any level, so what the caller left out stays out', () => {
    expect(Value.Default(Update, {})).toEqual({});
    expect(Value.Default(Update, { rule: { welcome: 'Hi' } })).toEqual({ rule: { welcome: 'Hi' } });
  });

  it('keeps the shape it updates: unknown fields and wrong types are still refused', () => {
    expect(Value.Check(Update, { colour: 'red' })).toBe(false);
    expect(Value.Check(Update, { rule: { welcome: 3 } })).toBe(false);
    expect(Value.Check(Update, { kind: 'http' })).toBe(false);
  });

  it('leaves list items whole: a list is replaced as sent, each item complete with its defaults', () => {
    expect(Value.Check(Update, { rule: { intents: [{ reply: 'no name' }] } })).toBe(false);
    expect(Value.Default(Update, { rule: { intents: [{ name: 'billing' }] } })).toEqual({ rule: { intents: [{ name: 'billing', reply: '' }] } });
  });

  it('leaves the schema it was made from unchanged', () => {
    expect(Value.Default(Settings, {})).toEqual({ kind: 'none', rule: { welcome: '', intents: [] } });
  });
});
