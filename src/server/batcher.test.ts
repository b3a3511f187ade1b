import { describe, expect, it } from 'vitest';
import { createBatcher } from './batcher.js';

describe('batching work that finishes a little apart', () => {
  it('hands items added within the wait to one flush, and settles each add after it', async () => {
    const flushed: number[][] = [];
    const batcher = createBatcher<number>(async (items) => void flushed.push(items), { waitMs: 20, maxItems: 100 });
    const settled: number[] = [];
    const adds = [1, 2, 3].map((n) => batcher.add(n).then(() => settled.push(n)));
    expect(flushed).toEqual([]);
    await Promise.all(adds);
    expect(flushed).toEqual([[1, 2, 3]]);
    expect(settled).toEqual([1, 2, 3]);
  });

  it('flushes at once when the batch is full, and starts a new batch after', async () => {
    const flushed: number[][] = [];
    const batcher = createBatcher<number>(async (items) => void flushed.push(items), { waitMs: 10_000, maxItems: 2 });
    await Promise.all([batcher.add(1), batcher.add(2)]);
    expect(flushed).toEqual([[1, 2]]);
    const third = batcher.add(3);
    await Promise.all([third, batcher.add(4)]);
    expect(flushed).toEqual([[1, 2], [3, 4]]);
  });

  it('rejects every add of a batch whose flush failed, and the next batch is unaffected', async () => {
    let fail = true;
    const batcher = createBatcher<number>(async () => {
      if (fail) throw new Error('database gone');
    }, { waitMs: 1, maxItems: 10 });
    const results = await Promise.allSettled([batcher.add(1), batcher.add(2)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    await expect(batcher.add(3)).resolves.toBeUndefined();
  });
});
