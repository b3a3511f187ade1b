import type { FastifyInstance } from 'fastify';
import { DomainError } from './errors.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route cleans its own text instead of refusing it (Twilio's webhooks: a customer's message must never bounce). */
    cleansOwnText?: boolean;
  }
}

// PostgreSQL cannot store U+0000 in text or jsonb, and a lone surrogate is not Unicode at all.
const NUL = /\u0000/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'g');

/** True when PostgreSQL can store the string as it is. */
export function isStorableText(text: string): boolean {
  return !text.includes('\u0000') && !LONE_SURROGATE.test(text);
}

/** The text without NUL bytes, lone surrogates replaced by U+FFFD: what is kept of a customer's message. */
export function storableText(text: string): string {
  return text.replace(NUL, '').replace(LONE_SURROGATES, '\ufffd');
}

/** The path (`variables.0.name`) of the first string in a parsed body or query that PostgreSQL could not store, or null. */
export function firstUnstorableField(value: unknown): string | null {
  // An explicit stack rather than recursion: a deeply nested body must not overflow the call stack.
  const stack: [unknown, string][] = [[value, '']];
  while (stack.length > 0) {
    const [current, path] = stack.pop()!;
    if (typeof current === 'string') {
      if (!isStorableText(current)) return path || '(body)';
      continue;
    }
    if (current === null || typeof current !== 'object' || ArrayBuffer.isView(current)) continue;
    const entries = Object.entries(current);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, inner] = entries[i];
      const field = path ? `${path}.${storableText(key)}` : storableText(key);
      if (!isStorableText(key)) return field;
      stack.push([inner, field]);
    }
  }
  return null;
}

export class UnstorableTextError extends DomainError {
  // The sentence names the field only: the text itself may be a customer's message and must not reach logs.
  constructor(field: string) {
    super('BAD_REQUEST', `${field} holds a NUL character or a broken (lone surrogate) character; remove it and send again.`, 400, { field });
  }
}

export function assertStorableText(text: string, field: string): void {
  if (!isStorableText(text)) throw new UnstorableTextError(field);
}

/**
 * Refuses, on every route, a body, query string or path parameter holding a string PostgreSQL
 * cannot store, with a 400 naming the field, before any handler runs. It runs after validation so
 * bodies that routes build themselves (multipart forms) are checked too.
 */
export function registerTextGuard(app: FastifyInstance): void {
  app.addHook('preHandler', async (request) => {
    if (request.routeOptions.config.cleansOwnText) return;
    const field = firstUnstorableField(request.params) ?? firstUnstorableField(request.query) ?? firstUnstorableField(request.body);
    if (field) throw new UnstorableTextError(field);
  });
}
