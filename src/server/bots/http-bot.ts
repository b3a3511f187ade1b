import { createHmac } from 'node:crypto';
import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { failedAnswer as failed, type BotAnswer } from './rule-bot.js';
import { OutboundRefusedError, type OutboundFetch } from '../http/outbound-guard.js';

/** What an HTTP bot answers: replies for the customer and, optionally, a hand-off to a person. */
export const HttpBotResponse = Type.Object({
  replies: Type.Optional(Type.Array(Type.Object({ text: Type.String({ minLength: 1, maxLength: 4096 }), buttons: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 20 }), { maxItems: 3 })) }), { maxItems: 5 })),
  handoff: Type.Optional(Type.Object({
    reason: Type.Optional(Type.String({ maxLength: 500 })),
    variables: Type.Optional(Type.Record(Type.String({ pattern: '^[A-Za-z0-9_.-]{1,64}$' }), Type.Union([Type.String({ maxLength: 500 }), Type.Number(), Type.Boolean()]))),
  })),
});
export type HttpBotResponse = Static<typeof HttpBotResponse>;

export type HttpBotRequest = {
  conversationId: string;
  message: { id: string; body: string; kind: string; buttonPayload: string | null };
  customer: { phone: string; name: string | null; language: string | null };
  variables: Record<string, unknown>;
};

/**
 * The signature a bot checks: hex HMAC-SHA256 of "<timestamp>.<raw body>" with the shared secret,
 * sent as `X-Switchboard-Signature: sha256=<hex>` with `X-Switchboard-Timestamp: <unix seconds>`.
 */
export function signBotRequest(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * POSTs one customer message to the bot within its time budget. Any failure (timeout, network,
 * non-2xx, a body that is not the documented JSON) becomes a hand-off naming what went wrong, so
 * the customer is never left without an answer. An address the outbound guard refuses is never
 * contacted, so the reason tells nothing of what might answer there.
 */
export async function askHttpBot(fetchFn: OutboundFetch, input: { url: string; secret: string; timeoutMs: number; request: HttpBotRequest; now: Date }): Promise<BotAnswer> {
  const body = JSON.stringify(input.request);
  const timestamp = Math.floor(input.now.getTime() / 1000);
  let response: Response;
  try {
    response = await fetchFn(input.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-switchboard-timestamp': String(timestamp), 'x-switchboard-signature': signBotRequest(input.secret, timestamp, body) },
      body,
      signal: AbortSignal.timeout(input.timeoutMs),
    });
  } catch (err) {
    if (err instanceof OutboundRefusedError) return failed(`the bot URL was refused: ${err.reason}`);
    const timedOut = (err as Error).name === 'TimeoutError' || (err as Error).name === 'AbortError';
    return failed(timedOut ? `the bot did not answer within ${input.timeoutMs} ms` : `the bot could not be reached (${(err as Error).message})`);
  }
  if (!response.ok) return failed(`the bot answered HTTP ${response.status}`);
  let parsed: unknown;
  try {
    parsed = await response.json();
  } catch {
    return failed('the bot answered something that is not JSON');
  }
  if (!Value.Check(HttpBotResponse, parsed)) return failed('the bot answered JSON that does not match the documented response');
  // A button's title is also its id: the bot gets it back as the message's buttonPayload.
  const replies = (parsed.replies ?? []).map((r) => ({ text: r.text, buttons: [...new Set(r.buttons ?? [])].map((title) => ({ id: title, title })) }));
  const handoff = parsed.handoff
    ? { reason: parsed.handoff.reason ?? 'the bot handed off', variables: Object.fromEntries(Object.entries(parsed.handoff.variables ?? {}).map(([k, v]) => [k, String(v)])) }
    : null;
  return { replies, handoff };
}
