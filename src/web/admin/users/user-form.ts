import type { UserView } from '../types';

/** The user form's values, checks and API bodies; pure and unit-tested. */
export type Skill = UserView['skills'][number];
/** Per-agent limits of capacity profiles, as typed: profile id → max items ("" keeps the profile's default). */
export type ProfileLimits = Record<string, string>;
/** The presences a sign-in may set for a user who is Offline (the server's DefaultPresence). */
export const DEFAULT_PRESENCES = ['available', 'busy', 'dnd', 'away', 'offline'] as const;
export type DefaultPresence = (typeof DEFAULT_PRESENCES)[number];
export type UserValues = {
  email: string; name: string; password: string; role: UserView['role']; capacity: string; language: string; defaultPresence: DefaultPresence; skills: Skill[]; profileLimits: ProfileLimits;
};

/** The server's default for a new user: agents start working at sign-in, admins and supervisors do not. */
export const defaultPresenceFor = (role: UserView['role']): DefaultPresence => (role === 'agent' ? 'available' : 'offline');

export const newUserValues = (password: string): UserValues => ({
  email: '', name: '', password, role: 'agent', capacity: '100', language: 'en', defaultPresence: defaultPresenceFor('agent'), skills: [], profileLimits: {},
});

export function userValuesOf(u: UserView): UserValues {
  return {
    email: u.email, name: u.name, password: '', role: u.role, capacity: String(u.capacity), language: u.language, defaultPresence: u.defaultPresence as DefaultPresence, skills: u.skills,
    profileLimits: Object.fromEntries(u.capacityProfiles.map((p) => [p.profileId, String(p.maxItems)])),
  };
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const int = (s: string) => (/^\s*\d+\s*$/.test(s) ? Number(s) : NaN);

export type Problems = Partial<Record<keyof UserValues, { key: string; values?: Record<string, unknown> }>>;

export function userProblems(v: UserValues, creating: boolean): Problems {
  const p: Problems = {};
  if (creating && !EMAIL.test(v.email.trim())) p.email = { key: 'admin.errors.email' };
  if (!v.name.trim()) p.name = { key: 'admin.errors.required' };
  if ((creating || v.password) && v.password.length < 10) p.password = { key: 'admin.errors.passwordLength', values: { min: 10 } };
  const capacity = int(v.capacity);
  if (Number.isNaN(capacity) || capacity > 10000) p.capacity = { key: 'admin.errors.range', values: { min: 0, max: 10000 } };
  const names = v.skills.map((s) => s.name.trim().toLowerCase());
  if (names.some((n) => !n)) p.skills = { key: 'admin.errors.skillName' };
  else if (new Set(names).size !== names.length) p.skills = { key: 'admin.errors.skillTwice' };
  if (Object.values(v.profileLimits).some((l) => l.trim() !== '' && (Number.isNaN(int(l)) || int(l) > 1000))) p.profileLimits = { key: 'admin.errors.range', values: { min: 0, max: 1000 } };
  return p;
}

export function createUserBody(v: UserValues) {
  return { email: v.email.trim(), name: v.name.trim(), password: v.password, role: v.role, capacity: int(v.capacity), language: v.language, defaultPresence: v.defaultPresence };
}

const limitsOf = (limits: ProfileLimits) =>
  Object.entries(limits).filter(([, l]) => l.trim() !== '').map(([profileId, l]) => ({ profileId, maxItems: int(l) }));
const skillsOf = (skills: Skill[]) => skills.map((s) => ({ name: s.name.trim(), proficiency: s.proficiency }));

/** Skills and capacity-profile limits, which the server sets on an existing user. */
export function routingBody(v: UserValues) {
  return { skills: skillsOf(v.skills), capacityProfiles: limitsOf(v.profileLimits) };
}

/** Only what changed; the password only when a new one was typed. */
export function updateUserBody(v: UserValues, current: UserView) {
  const routing = routingBody(v);
  return {
    ...(v.name.trim() !== current.name ? { name: v.name.trim() } : {}),
    ...(v.role !== current.role ? { role: v.role } : {}),
    ...(int(v.capacity) !== current.capacity ? { capacity: int(v.capacity) } : {}),
    ...(v.language !== current.language ? { language: v.language } : {}),
    ...(v.defaultPresence !== current.defaultPresence ? { defaultPresence: v.defaultPresence } : {}),
    ...(v.password ? { password: v.password } : {}),
    ...(JSON.stringify(routing.skills) !== JSON.stringify(current.skills) ? { skills: routing.skills } : {}),
    ...(JSON.stringify(routing.capacityProfiles) !== JSON.stringify(current.capacityProfiles) ? { capacityProfiles: routing.capacityProfiles } : {}),
  };
}

/** A first password to hand to the new user: 16 characters from an unambiguous alphabet. */
export function generatePassword(random: (n: number) => Uint8Array = (n) => crypto.getRandomValues(new Uint8Array(n))): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return Array.from(random(16), (b) => alphabet[b % alphabet.length]).join('');
}
