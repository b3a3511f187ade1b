/**
 * Collects items for a few milliseconds and hands them to `flush` together; each `add` settles
 * when its batch has been flushed. Work that finishes a little apart (the sends of one outbox pass)
 * then costs one transaction instead of one each.
 */
export function createBatcher<T>(flush: (items: T[]) => Promise<void>, opts: { waitMs: number; maxItems: number }) {
  let items: T[] = [];
  let settlers: Array<{ resolve: () => void; reject: (err: unknown) => void }> = [];
  let timer: ReturnType<typeof setTimeout> | undefined;

  const run = () => {
    clearTimeout(timer);
    timer = undefined;
    const batch = items;
    const waiting = settlers;
    items = [];
    settlers = [];
    flush(batch).then(
      () => waiting.forEach((s) => s.resolve()),
      (err) => waiting.forEach((s) => s.reject(err)),
    );
  };

  return {
    add(item: T): Promise<void> {
      const settled = new Promise<void>((resolve, reject) => settlers.push({ resolve, reject }));
      items.push(item);
      if (items.length >= opts.maxItems) run();
      else timer ??= setTimeout(run, opts.waitMs);
      return settled;
    },
  };
}
