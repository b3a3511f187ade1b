import { useEffect, useState } from 'react';
import { api } from '../shell/api';

export type Person = { id: string; name: string; role: string; presence: string; used: number; capacity: number };

let peopleOnce: Promise<Person[]> | null = null;

/** Colleagues to transfer to or consult (GET /api/v1/people), fetched once per page. */
export function usePeople(): Person[] | null {
  const [people, setPeople] = useState<Person[] | null>(null);
  useEffect(() => {
    peopleOnce ??= api<{ items: Person[] }>('GET', '/api/v1/people').then((a) => a.items, (err) => {
      peopleOnce = null;
      throw err;
    });
    peopleOnce.then(setPeople, () => setPeople([]));
  }, []);
  return people;
}

export type Participant = { userId: string; name: string; mode: 'consult' | 'participant'; invitedBy: string | null; createdAt: string };
