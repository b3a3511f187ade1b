import { useMemo } from 'react';
import { useResource } from '../../shell/use-resource';
import type { Items, UserView } from '../types';

/**
 * The skill names agents have, once each (as first written), for suggestions: skills are free
 * text, and a typo ("korea" for "korean") silently routes nobody.
 */
export function useKnownSkills(): string[] | null {
  const users = useResource<Items<UserView>>('/api/v1/users');
  return useMemo(() => {
    if (!users.data) return null;
    const byKey = new Map<string, string>();
    for (const u of users.data.items) for (const s of u.skills) if (!byKey.has(s.name.toLowerCase())) byKey.set(s.name.toLowerCase(), s.name);
    return [...byKey.values()].sort((a, b) => a.localeCompare(b));
  }, [users.data]);
}

/** A <datalist> of the known skills, for `list={id}` on a skill name input. */
export function SkillSuggestions({ id, skills }: { id: string; skills: string[] | null }) {
  return (
    <datalist id={id}>
      {(skills ?? []).map((s) => <option key={s} value={s} />)}
    </datalist>
  );
}

/** Whether no agent has this skill (once the agents are known): a rule asking for it routes to nobody. */
export const nobodyHas = (skills: string[] | null, name: string) => skills !== null && name.trim() !== '' && !skills.some((s) => s.toLowerCase() === name.trim().toLowerCase());
