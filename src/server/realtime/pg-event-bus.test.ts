import { describe, expect, it } from 'vitest';
import { packEvents } from './pg-event-bus.js';
import type { RealtimeEvent } from './event-bus.js';

const event = (n: number, size = 10): RealtimeEvent => ({ type: 'message.created', audience: { queueId: null, agentId: null }, data: { n, text: 'x'.repeat(size) } }) as unknown as RealtimeEvent;

describe('packing realtime events into notifications', () => {
  it('sends the events of one turn in one notification, in order', () => {
    const packed = packEvents('me', [event(1), event(2), event(3)]);
    expect(packed).toHaveLength(1);
    const envelope = JSON.parse((packed[0] as { payload: string }).payload);
    expect(envelope.origin).toBe('me');
    expect(envelope.events.map((e: { data: { n: number } }) => e.data.n)).toEqual([1, 2, 3]);
  });

  it('starts a new notification before the payload limit and parks an event too large for any', () => {
    const packed = packEvents('me', [event(1, 300), event(2, 300), event(3, 2000), event(4, 300)], 1000);
    const kinds = packed.map((p) => ('payload' in p ? JSON.parse(p.payload).events.map((e: { data: { n: number } }) => e.data.n) : `oversized ${(p.oversized.data as { n: number }).n}`));
    expect(kinds).toEqual([[1, 2], 'oversized 3', [4]]);
    for (const p of packed) if ('payload' in p) expect(Buffer.byteLength(p.payload)).toBeLessThanOrEqual(1000);
  });
});
