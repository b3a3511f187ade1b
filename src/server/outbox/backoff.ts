/** Delay before attempt n+1: 1 s, 2 s, 4 s … capped at 5 minutes, with ±20 % jitter so retries spread out. */
export function backoffMs(attempts: number, random: () => number = Math.random): number {
  const base = Math.min(1000 * 2 ** Math.max(0, attempts - 1), 300_000);
  return Math.round(base * (0.8 + 0.4 * random()));
}

/** After this many attempts a message fails instead of waiting longer (about half an hour in all). */
export const MAX_ATTEMPTS = 12;
