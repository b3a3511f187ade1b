import { describe, expect, it } from 'vitest';
import { createUserBody, generatePassword, newUserValues, updateUserBody, userProblems, userValuesOf } from './user-form';
import type { UserView } from '../types';

const user: UserView = {
  id: 'u1', email: 'sam@x.test', name: 'Sam', role: 'agent', capacity: 100, presence: 'available', defaultPresence: 'available', language: 'en', queueIds: [],
  skills: [{ name: 'billing', proficiency: 7 }], capacityProfiles: [{ profileId: 'p1', maxItems: 3 }], presenceSource: 'agent', disabled: false,
};

describe('user form', () => {
  it('sends only what changed, and a password only when one was typed', () => {
    expect(updateUserBody(userValuesOf(user), user)).toEqual({});
    expect(updateUserBody({ ...userValuesOf(user), capacity: '40', role: 'supervisor' }, user)).toEqual({ capacity: 40, role: 'supervisor' });
    expect(updateUserBody({ ...userValuesOf(user), password: 'long enough pw' }, user)).toEqual({ password: 'long enough pw' });
    expect(updateUserBody({ ...userValuesOf(user), defaultPresence: 'away' }, user)).toEqual({ defaultPresence: 'away' });
  });

  it('creates a user with the default presence chosen, Available for agents unless changed', () => {
    expect(newUserValues('pw').defaultPresence).toBe('available');
    expect(createUserBody({ ...newUserValues('long enough pw'), email: 'a@b.test', name: 'A', role: 'supervisor', defaultPresence: 'offline' })).toMatchObject({ role: 'supervisor', defaultPresence: 'offline' });
  });

  it('sends skills with proficiency, and capacity-profile limits, when they changed', () => {
    const values = { ...userValuesOf(user), skills: [{ name: ' billing ', proficiency: 9 }, { name: 'korean', proficiency: 5 }], profileLimits: { p1: '', p2: '4' } };
    expect(updateUserBody(values, user)).toEqual({
      skills: [{ name: 'billing', proficiency: 9 }, { name: 'korean', proficiency: 5 }],
      capacityProfiles: [{ profileId: 'p2', maxItems: 4 }],
    });
  });

  it('checks email, password length, capacity, skills and limits', () => {
    const problems = userProblems({ ...newUserValues('short'), email: 'nope', capacity: '-1', skills: [{ name: 'a', proficiency: 1 }, { name: 'A', proficiency: 2 }], profileLimits: { p: 'x' } }, true);
    expect(Object.keys(problems).sort()).toEqual(['capacity', 'email', 'name', 'password', 'profileLimits', 'skills']);
    expect(userProblems(userValuesOf(user), false)).toEqual({});
  });

  it('makes a 16-character first password', () => {
    const password = generatePassword();
    expect(password).toMatch(/^[a-zA-Z2-9]{16}$/);
    expect(generatePassword()).not.toBe(password);
  });
});
