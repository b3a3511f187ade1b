/**
 * What an audit entry says changed, as a list a person can read: one row per setting, with the
 * old and new value, and secrets named but never shown.
 */
export type SettingChange = { field: string; from?: unknown; to?: unknown; secret?: true };

/** Fields whose values never reach the audit log: only the fact that they were set. */
const SECRET_FIELDS = new Set(['authToken', 'password', 'authTokenEncrypted', 'token']);
/** Bookkeeping that every view carries and no admin sets. */
const IGNORED_FIELDS = new Set(['id', 'createdAt', 'updatedAt']);

type Plain = Record<string, unknown>;

const isPlainObject = (value: unknown): value is Plain => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Nested settings become dotted fields: {whatsapp:{language:'en'}} → {'whatsapp.language':'en'}. */
function flatten(value: Plain, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, inner] of Object.entries(value)) {
    if (inner === undefined || (!prefix && IGNORED_FIELDS.has(key))) continue;
    const field = prefix ? `${prefix}.${key}` : key;
    if (isPlainObject(inner)) for (const [k, v] of flatten(inner, field)) out.set(k, v);
    else out.set(field, inner);
  }
  return out;
}

const lastSegment = (field: string) => field.slice(field.lastIndexOf('.') + 1);
const isSecret = (field: string) => SECRET_FIELDS.has(lastSegment(field));
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The settings a new thing was created with. */
export function settingsOf(input: Plain): SettingChange[] {
  return [...flatten(input)].map(([field, to]) => (isSecret(field) ? { field, secret: true } : { field, to }));
}

/**
 * What differs between the view before and after an update, plus the secrets the input set
 * (they never appear in a view, so only the input tells that they changed).
 */
export function changesBetween(before: Plain, after: Plain, input: Plain = {}): SettingChange[] {
  const old = flatten(before);
  const now = flatten(after);
  const changes: SettingChange[] = [];
  for (const field of new Set([...old.keys(), ...now.keys()])) {
    if (isSecret(field) || same(old.get(field), now.get(field))) continue;
    changes.push({ field, from: old.get(field) ?? null, to: now.get(field) ?? null });
  }
  for (const field of flatten(input).keys()) {
    if (isSecret(field)) changes.push({ field, secret: true });
  }
  return changes;
}
