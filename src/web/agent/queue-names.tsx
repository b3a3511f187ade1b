import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { api } from '../shell/api';
import type { Queue } from './types';
import { usePeople } from './people';
import type { Names } from './describe-event';

const QueueNames = createContext<Record<string, string>>({});

/** Queue names for offers, the timeline and the customer panel, archived queues' too (every signed-in user may list queues). */
export function QueueNamesProvider({ children }: { children: ReactNode }) {
  const [names, setNames] = useState<Record<string, string>>({});
  useEffect(() => {
    api<{ items: Queue[] }>('GET', '/api/v1/queues?includeArchived=true').then((a) => setNames(Object.fromEntries(a.items.map((q) => [q.id, q.name]))), () => {});
  }, []);
  return <QueueNames.Provider value={names}>{children}</QueueNames.Provider>;
}

export const useQueueNames = () => useContext(QueueNames);

/** Queue and people names for the timeline's sentences. */
export function useNames(): Names {
  const queues = useQueueNames();
  const people = usePeople();
  return { queues, people: Object.fromEntries((people ?? []).map((p) => [p.id, p.name])) };
}
