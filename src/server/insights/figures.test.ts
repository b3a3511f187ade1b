import { describe, expect, it } from 'vitest';
import { averageSpeedToAnswer, historicalFigures, presenceSegments, serviceLevel, summarize, type ConversationFacts } from './figures.js';

const t0 = new Date('2025-03-01T09:00:00Z');
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
const facts = (over: Partial<ConversationFacts>): ConversationFacts => ({
  id: Math.random().toString(36), channel: 'whatsapp', queueId: null, createdAt: t0, state: 'closed', answeredAt: null, firstInboundAt: t0, firstAgentReplyAt: null,
  wrapUpAt: null, closedAt: null, transfers: 0, ...over,
});

describe('service level', () => {
  const now = at(300);
  it('counts answered within the threshold over everything decided', () => {
    const list = [facts({ answeredAt: at(10) }), facts({ answeredAt: at(50) }), facts({ answeredAt: at(200) }), facts({ state: 'closed', closedAt: at(30) })];
    expect(serviceLevel(list, 20, now)).toBe(25);
    // Closed unanswered after 30 s: a miss at 20 s; left out at 60 s and 120 s (it could not have been late).
    expect(serviceLevel(list, 60, now)).toBe(66.7);
    expect(serviceLevel(list, 120, now)).toBe(66.7);
  });
  it('leaves out work still waiting that can still make it, and counts it once it cannot', () => {
    const waiting = facts({ state: 'open', createdAt: at(290) });
    expect(serviceLevel([facts({ answeredAt: at(5) }), waiting], 20, now)).toBe(100);
    expect(serviceLevel([facts({ answeredAt: at(5) }), waiting], 20, at(320))).toBe(50);
  });
  it('is null when nothing is decided', () => {
    expect(serviceLevel([], 20, now)).toBeNull();
  });
});

describe('historical figures', () => {
  const list = [
    facts({ answeredAt: at(30), firstAgentReplyAt: at(90), wrapUpAt: at(630), closedAt: at(690), transfers: 1 }),
    facts({ createdAt: at(3600), firstInboundAt: at(3600), answeredAt: at(3610), firstAgentReplyAt: at(3620), closedAt: at(4210) }),
    facts({ createdAt: at(7200), firstInboundAt: at(7200), state: 'closed', closedAt: at(7300) }),
    facts({ createdAt: at(7300), firstInboundAt: at(7300), state: 'open' }),
  ];
  const figures = historicalFigures(list, at(8000));
  it('counts volume per hour of the day, answered, abandoned and transfers', () => {
    expect(figures.conversations).toBe(4);
    expect(figures.volumeByHour[9]).toBe(1);
    expect(figures.volumeByHour[10]).toBe(1);
    expect(figures.volumeByHour[11]).toBe(2);
    expect(figures.answered).toBe(2);
    expect(figures.abandoned).toBe(1);
    expect(figures.abandonmentRate).toBe(25);
    expect(figures.transfers).toBe(1);
  });
  it('measures first response, handle (to wrap-up, or to close without one) and wrap-up', () => {
    expect(figures.firstResponse).toEqual({ count: 2, average: 55, median: 55 });
    expect(figures.handle).toEqual({ count: 2, average: 600, median: 600 });
    expect(figures.wrapUp).toEqual({ count: 1, average: 60, median: 60 });
    expect(figures.speedToAnswer.average).toBe(20);
    expect(averageSpeedToAnswer(list)).toBe(20);
  });
});

describe('summaries', () => {
  it('answer the median of an even count as the middle pair average', () => {
    expect(summarize([1, 9, 3, 5])).toEqual({ count: 4, average: 4.5, median: 4 });
    expect(summarize([])).toEqual({ count: 0, average: null, median: null });
  });
});

describe('presence timeline', () => {
  it('starts with the presence held before the window and ends now', () => {
    const segments = presenceSegments('offline', [{ presence: 'available', at: at(60) }, { presence: 'busy', at: at(120) }], t0, at(180));
    expect(segments).toEqual([
      { presence: 'offline', from: t0.toISOString(), to: at(60).toISOString() },
      { presence: 'available', from: at(60).toISOString(), to: at(120).toISOString() },
      { presence: 'busy', from: at(120).toISOString(), to: at(180).toISOString() },
    ]);
  });
  it('takes the last change before the window as the starting presence', () => {
    expect(presenceSegments(null, [{ presence: 'away', at: at(-50) }], t0, at(10))).toEqual([{ presence: 'away', from: t0.toISOString(), to: at(10).toISOString() }]);
  });
});
