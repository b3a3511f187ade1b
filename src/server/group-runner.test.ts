import { describe, expect, it } from 'vitest';
import { createGroupRunner } from './group-runner.js';

/** A run function whose groups finish only when the test says so. */
function heldRuns() {
  const groups: Array<{ items: number[]; finish: () => void; fail: (err: Error) => void }> = [];
  const run = (items: number[]) =>
    new Promise<string[]>((resolve, reject) => groups.push({ items, finish: () => resolve(items.map((n) => `done ${n}`)), fail: reject }));
  return { groups, run };
}

const settle = () => new Promise((r) => setImmediate(r));

describe('running items in groups', () => {
  it('starts an item at once while a slot is free, each alone', async () => {
    const { groups, run } = heldRuns();
    const runner = createGroupRunner(run, { maxItems: 10, concurrency: 2 });
    const first = runner.run(1);
    const second = runner.run(2);
    expect(groups.map((g) => g.items)).toEqual([[1], [2]]);
    groups.forEach((g) => g.finish());
    expect(await Promise.all([first, second])).toEqual(['done 1', 'done 2']);
  });

  it('groups the items that arrive while every slot is busy, up to the group size, and answers each its own result', async () => {
    const { groups, run } = heldRuns();
    const runner = createGroupRunner(run, { maxItems: 3, concurrency: 1 });
    const results = [1, 2, 3, 4, 5, 6].map((n) => runner.run(n));
    expect(groups.map((g) => g.items)).toEqual([[1]]);
    expect(runner.pending()).toBe(6);
    groups[0].finish();
    await settle();
    expect(groups.map((g) => g.items)).toEqual([[1], [2, 3, 4]]);
    groups[1].finish();
    await settle();
    expect(groups.map((g) => g.items)).toEqual([[1], [2, 3, 4], [5, 6]]);
    groups[2].finish();
    expect(await Promise.all(results)).toEqual(['done 1', 'done 2', 'done 3', 'done 4', 'done 5', 'done 6']);
    expect(runner.pending()).toBe(0);
  });

  it('rejects the items of a failed group only, and goes on with the next', async () => {
    const { groups, run } = heldRuns();
    const runner = createGroupRunner(run, { maxItems: 5, concurrency: 1 });
    const first = runner.run(1);
    const waiting = [runner.run(2), runner.run(3)];
    groups[0].fail(new Error('database gone'));
    await expect(first).rejects.toThrow('database gone');
    await settle();
    expect(groups[1].items).toEqual([2, 3]);
    groups[1].finish();
    expect(await Promise.all(waiting)).toEqual(['done 2', 'done 3']);
  });
});
