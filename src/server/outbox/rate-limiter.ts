/**
 * Per-sender pacing: sends for one sender are spaced 1/perSecond apart, so WhatsApp's per-number
 * throughput (80/s by default) is never exceeded; other senders are not held up.
 */
export type RateLimiter = {
  /** Books the sender's next slot and answers how many milliseconds to wait for it. */
  reserve(key: string, perSecond: number): number;
  take(key: string, perSecond: number): Promise<void>;
};

export function createRateLimiter(now: () => number = () => performance.now()): RateLimiter {
  const nextSlot = new Map<string, number>();
  const reserve = (key: string, perSecond: number) => {
    const t = now();
    const slot = Math.max(t, nextSlot.get(key) ?? t);
    nextSlot.set(key, slot + 1000 / perSecond);
    return slot - t;
  };
  return {
    reserve,
    async take(key, perSecond) {
      const wait = reserve(key, perSecond);
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    },
  };
}
