import { Type, type Static } from '@sinclair/typebox';
import { ConflictError } from '../http/errors.js';

/**
 * What removing a thing would do, read before the admin confirms: deleted outright when nothing
 * depends on it, archived (or, for people, deactivated) when history names it, or refused with a
 * code and a sentence when it cannot go yet. `effects` lists what it touches, by kind, so the
 * admin center can say each in the admin's language.
 */
export const ImpactEffect = Type.Object({
  kind: Type.Union([
    Type.Literal('open-conversations'),
    Type.Literal('conversations'),
    Type.Literal('agents'),
    Type.Literal('queues'),
    Type.Literal('workstreams'),
    Type.Literal('routing-rules'),
    Type.Literal('numbers'),
  ]),
  count: Type.Integer(),
  names: Type.Array(Type.String(), { description: 'Up to ten of their names.' }),
});
export type ImpactEffect = Static<typeof ImpactEffect>;

export const Impact = Type.Object({
  outcome: Type.Union([Type.Literal('delete'), Type.Literal('archive'), Type.Literal('deactivate'), Type.Literal('refused')]),
  refusal: Type.Union([Type.Object({ code: Type.String(), message: Type.String() }), Type.Null()]),
  effects: Type.Array(ImpactEffect),
});
export type Impact = Static<typeof Impact>;

/** What DELETE did: removed the row, or kept it archived or deactivated for history. */
export const Removal = Type.Object({ outcome: Type.Union([Type.Literal('deleted'), Type.Literal('archived'), Type.Literal('deactivated')]) });
export type Removal = Static<typeof Removal>;

const NAMES_SHOWN = 10;

/** One kind of effect from the rows it names; none when there are no rows. */
export function effect(kind: ImpactEffect['kind'], rows: { name: string }[], count = rows.length): ImpactEffect[] {
  return count > 0 ? [{ kind, count, names: rows.slice(0, NAMES_SHOWN).map((r) => r.name) }] : [];
}

/** The impact's refusal as the 409 DELETE answers with, so both say the same. */
export function assertRemovable(impact: Impact): void {
  if (impact.refusal) throw new ConflictError(impact.refusal.code, impact.refusal.message, { impact });
}

export const refusal = (code: string, message: string) => ({ code, message });
