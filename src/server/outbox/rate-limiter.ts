import { sql } from 'kysely';
import type { Executor } from '../db/database.js';

/**
 * Per-sender pacing shared by every process: sends of one sender are spaced 1/perSecond apart, so
 * WhatsApp's per-number throughput (80/s by default) is never exceeded, however many workers run;
 * other senders are not held up. Slots are booked in PostgreSQL (table sender_pacing) for a whole
 * batch in one statement, on the database's clock, so the processes' clocks need not agree.
 */
export type RateLimiter = {
  /** Books a slot for each message; answers, per message id, when it may be sent (performance.now() time). */
  book(db: Executor, sends: PacedSend[]): Promise<Map<string, number>>;
};

export type PacedSend = { messageId: string; numberId: string; perSecond: number };

/** Each sender's run of slots: how long it lasts and, once booked, how soon it starts. */
export function senderSpans(sends: PacedSend[]): Map<string, { count: number; gapMs: number; spanMs: number }> {
  const spans = new Map<string, { count: number; gapMs: number; spanMs: number }>();
  for (const send of sends) {
    const gapMs = 1000 / Math.max(1, send.perSecond);
    const span = spans.get(send.numberId) ?? { count: 0, gapMs, spanMs: 0 };
    span.count += 1;
    span.spanMs = span.count * span.gapMs;
    spans.set(send.numberId, span);
  }
  return spans;
}

/** Spreads each sender's messages over its booked run: the i-th waits start + i × gap. */
export function slotTimes(sends: PacedSend[], startsInMs: Map<string, number>, bookedAt: number): Map<string, number> {
  const spans = senderSpans(sends);
  const used = new Map<string, number>();
  const times = new Map<string, number>();
  for (const send of sends) {
    const i = used.get(send.numberId) ?? 0;
    used.set(send.numberId, i + 1);
    times.set(send.messageId, bookedAt + Math.max(0, startsInMs.get(send.numberId) ?? 0) + i * spans.get(send.numberId)!.gapMs);
  }
  return times;
}

export function createRateLimiter(): RateLimiter {
  return {
    async book(db, sends) {
      if (sends.length === 0) return new Map();
      const spans = senderSpans(sends);
      const numberIds = [...spans.keys()];
      const spanMs = numberIds.map((id) => spans.get(id)!.spanMs);
      const bookedAt = performance.now();
      // The run starts at the sender's next free slot (or now) and ends spanMs later.
      const result = await sql<{ number_id: string; starts_in_ms: number }>`
        WITH wanted AS (SELECT * FROM unnest(${numberIds}::uuid[], ${spanMs}::float8[]) AS w(number_id, span_ms))
        INSERT INTO sender_pacing AS p (number_id, next_slot)
        SELECT number_id, clock_timestamp() + span_ms * interval '1 millisecond' FROM wanted
        ON CONFLICT (number_id) DO UPDATE
          SET next_slot = greatest(p.next_slot, clock_timestamp()) + (SELECT span_ms FROM wanted WHERE wanted.number_id = p.number_id) * interval '1 millisecond'
        RETURNING p.number_id,
          (extract(epoch FROM p.next_slot - clock_timestamp()) * 1000 - (SELECT span_ms FROM wanted WHERE wanted.number_id = p.number_id))::float8 AS starts_in_ms`.execute(db);
      return slotTimes(sends, new Map(result.rows.map((r) => [r.number_id, Number(r.starts_in_ms)])), bookedAt);
    },
  };
}
