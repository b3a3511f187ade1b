/**
 * Where a server error belongs in a form: the server names fields as its schema does
 * ("whatsapp.numberId", "localizations.1.contentSid"); a form may call them otherwise.
 */
export type FieldAliases = Record<string, string>;

/** The form field for a server field: an alias, the field itself, or its nearest parent the form has. */
export function formFieldFor(serverField: string | undefined, formFields: readonly string[], aliases: FieldAliases = {}): string | null {
  if (!serverField) return null;
  let candidate = serverField;
  for (;;) {
    if (aliases[candidate]) return aliases[candidate];
    if (formFields.includes(candidate)) return candidate;
    const cut = candidate.lastIndexOf('.');
    if (cut < 0) return null;
    candidate = candidate.slice(0, cut);
  }
}

export type Errors = Record<string, string | undefined>;

/** What to show per field: the client's check once the person has touched the field, else the server's answer. */
export function visibleErrors(clientErrors: Errors, serverErrors: Errors, touched: ReadonlySet<string>): Errors {
  const out: Errors = {};
  for (const field of new Set([...Object.keys(clientErrors), ...Object.keys(serverErrors)])) {
    const message = (touched.has(field) ? clientErrors[field] : undefined) ?? serverErrors[field];
    if (message) out[field] = message;
  }
  return out;
}

export const hasErrors = (errors: Errors) => Object.values(errors).some(Boolean);
