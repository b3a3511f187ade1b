import { useState } from 'react';

/** Who the simulated customer is and which business they write to, remembered in this browser. */
export type Identity = { customer: string; name: string; business: string };

const KEY = 'switchboard.simulator.identity';
const RECENT_KEY = 'switchboard.simulator.recent';

export function useIdentity(): [Identity, (next: Identity) => void, string[]] {
  const [identity, setIdentity] = useState<Identity>(() => {
    try {
      return { customer: '+15551234567', name: '', business: '', ...JSON.parse(localStorage.getItem(KEY) ?? '{}') };
    } catch {
      return { customer: '+15551234567', name: '', business: '' };
    }
  });
  const recent = readRecent();
  const save = (next: Identity) => {
    setIdentity(next);
    localStorage.setItem(KEY, JSON.stringify(next));
    localStorage.setItem(RECENT_KEY, JSON.stringify([next.customer, ...recent.filter((n) => n !== next.customer)].slice(0, 8)));
  };
  return [identity, save, recent];
}

function readRecent(): string[] {
  try {
    const list = JSON.parse(localStorage.getItem(RECENT_KEY) ?? '[]');
    return Array.isArray(list) ? list.filter((n): n is string => typeof n === 'string') : [];
  } catch {
    return [];
  }
}
