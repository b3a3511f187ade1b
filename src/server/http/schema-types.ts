import { KindGuard, Type, type TObject, type TOptional, type TProperties, type TSchema } from '@sinclair/typebox';

/** A name people read in lists: at least one visible character (surrounding spaces are trimmed where it is stored). */
export const NameText = (maxLength: number) => Type.String({ minLength: 1, maxLength, pattern: '\\S', description: 'Not blank' });

export type TPartialUpdate<T extends TSchema> = T extends TObject<infer Properties> ? TObject<{ [K in keyof Properties]: TOptional<TPartialUpdate<Properties[K]>> }> : T;

/**
 * The body of a partial update to `schema`: every property optional at every object level, and no
 * `default` there. Ajv runs with useDefaults, so a default in an update body would fill in a field
 * the caller left out and overwrite its stored value. Anything else (a list, a record, a union) is
 * replaced whole when sent, so what it contains keeps its required fields and defaults.
 */
export function PartialUpdate<T extends TObject>(schema: T): TPartialUpdate<T> {
  return changesOnly(schema) as TPartialUpdate<T>;
}

function changesOnly(schema: TSchema): TSchema {
  const { default: _default, ...rest } = schema;
  if (!KindGuard.IsObject(rest)) return rest;
  const { properties, required: _required, ...options } = rest;
  const optional: TProperties = Object.fromEntries(Object.entries(properties).map(([key, property]) => [key, Type.Optional(changesOnly(property))]));
  return Type.Object(optional, options);
}
