/**
 * Runs items in groups, at most `concurrency` groups at a time: an item that finds a free slot
 * starts at once (a group of one, no added wait), and items that arrive while every slot is busy
 * wait and go together into the next group, up to `maxItems`. Under light load each item runs
 * alone; under heavy load the groups grow and their shared cost (a transaction's commit) is paid
 * once per group. Unlike createBatcher (batcher.ts), nothing waits on a timer.
 */
export function createGroupRunner<T, R>(run: (items: T[]) => Promise<R[]>, opts: { maxItems: number; concurrency: number }) {
  const waiting: Array<{ item: T; resolve: (r: R) => void; reject: (err: unknown) => void }> = [];
  let running = 0;
  let runningItems = 0;

  const startNext = () => {
    if (running >= opts.concurrency || waiting.length === 0) return;
    running++;
    const group = waiting.splice(0, opts.maxItems);
    runningItems += group.length;
    run(group.map((g) => g.item))
      .then(
        (results) => group.forEach((g, i) => g.resolve(results[i])),
        (err) => group.forEach((g) => g.reject(err)),
      )
      .finally(() => {
        running--;
        runningItems -= group.length;
        startNext();
      });
  };

  return {
    run(item: T): Promise<R> {
      const result = new Promise<R>((resolve, reject) => waiting.push({ item, resolve, reject }));
      startNext();
      return result;
    },
    /** Items waiting for a slot or running now. */
    pending: () => waiting.length + runningItems,
  };
}
