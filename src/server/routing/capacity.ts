/** What an agent holds: conversations (Active, Wrap-up) and pending offers, each with its cost. */
export type WorkItem = {
  state: 'active' | 'wrap-up' | 'offered' | 'waiting' | 'open' | 'closed';
  units: number;
  profileId: string | null;
  wrapUpAt: Date | null;
  wrapUpBlocking: 'always' | 'never' | 'timed';
  wrapUpSeconds: number | null;
};

/** Capacity is held while Active, while offered (reserved), and in Wrap-up per the workstream's rule; Waiting and Closed release it. */
export function holdsCapacity(item: WorkItem, now: Date): boolean {
  if (item.state === 'active' || item.state === 'offered') return true;
  if (item.state !== 'wrap-up') return false;
  if (item.wrapUpBlocking === 'always') return true;
  if (item.wrapUpBlocking === 'never') return false;
  if (!item.wrapUpAt || item.wrapUpSeconds === null) return true;
  return now.getTime() < item.wrapUpAt.getTime() + item.wrapUpSeconds * 1000;
}

export function capacityInUse(items: WorkItem[], now: Date): { units: number; profiles: Record<string, number> } {
  let units = 0;
  const profiles: Record<string, number> = {};
  for (const item of items) {
    if (!holdsCapacity(item, now)) continue;
    units += item.units;
    if (item.profileId) profiles[item.profileId] = (profiles[item.profileId] ?? 0) + 1;
  }
  return { units, profiles };
}
