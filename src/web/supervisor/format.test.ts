import { describe, expect, it } from 'vitest';
import { formatPercent, formatSeconds, queryOf, timelineLayout } from './format';

describe('supervisor formatting', () => {
  it('reads durations in the largest sensible unit', () => {
    expect(formatSeconds(null)).toBe('—');
    expect(formatSeconds(42.4)).toBe('42s');
    expect(formatSeconds(65)).toBe('1m 05s');
    expect(formatSeconds(7380)).toBe('2h 03m');
    expect(formatPercent(87.5)).toBe('87.5%');
  });
  it('lays presence segments out on the bar, clipped to the window', () => {
    const start = new Date('2025-01-01T08:00:00Z');
    const end = new Date('2025-01-01T10:00:00Z');
    const layout = timelineLayout([{ presence: 'available', from: '2025-01-01T07:00:00Z', to: '2025-01-01T09:00:00Z' }, { presence: 'busy', from: '2025-01-01T09:00:00Z', to: '2025-01-01T10:00:00Z' }], start, end);
    expect(layout.map((s) => [s.presence, s.left, s.width])).toEqual([['available', 0, 50], ['busy', 50, 50]]);
  });
  it('keeps only the filters that are set', () => {
    expect(queryOf({ from: '2025-01-01', queueId: '', agentId: undefined })).toBe('from=2025-01-01');
  });
});

import { stackedTotals } from './Chart';
describe('stacked bars', () => {
  it('draws each series as the running total', () => {
    expect(stackedTotals([[1, 2], [3, 4], [0, 1]])).toEqual([[1, 2], [4, 6], [4, 7]]);
  });
});
