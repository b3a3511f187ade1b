import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { dbKinds } from '../helpers/databases.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { startSecondProcess } from '../helpers/second-process.js';

const PASSWORD = 'correct horse battery'; // what test-app's userWithToken gives every user
type Answer = { status: number; body: any; headers: Headers };
const signIn = (url: string, email: string, password: string, from: string): Promise<Answer> =>
  fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
    body: JSON.stringify({ email, password }),
  }).then(async (res) => ({ status: res.status, body: await res.json(), headers: res.headers }));
const count = (answers: Answer[], status: number, code?: string) => answers.filter((a) => a.status === status && (!code || a.body.error?.code === code)).length;

describe.each(dbKinds)('sign-in limits under parallel requests (%s)', (kind) => {
  let t: TestApp;
  let clock = 0;
  let addresses = 0;
  /** A client address no other test used. */
  const address = () => `192.0.2.${++addresses}`;
  const login = (email: string, password: string, from = address()) => signIn(t.url, email, password, from);
  const advance = (seconds: number) => { clock += seconds * 1000; };

  beforeAll(async () => {
    // The test client stands in for a trusted proxy, so X-Forwarded-For names the caller.
    t = await startTestApp(kind, { config: { trustProxy: '127.0.0.1' } });
    t.ctx.now = () => new Date(clock);
  });
  beforeEach(() => {
    clock = Date.now();
  });
  afterAll(() => t?.close());

  it('checks only the allowance of 40 parallel guesses from one address, and refuses the right password sent after it', async () => {
    const agent = await t.userWithToken('agent');
    const from = address();
    let limitReached!: () => void;
    const refused = new Promise<void>((resolve) => (limitReached = resolve));
    const burst = Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        login(`guess${i}@test.local`, 'Summer2025!', from).then((answer) => {
          if (answer.status === 429) limitReached();
          return answer;
        }),
      ),
    );
    await Promise.race([refused, burst]);
    const right = login(agent.email, PASSWORD, from); // while the burst's allowed guesses are being checked
    const answers = await burst;
    expect(count(answers, 401, 'UNAUTHORIZED')).toBe(20);
    expect(count(answers, 429, 'LOGIN_THROTTLED')).toBe(20);
    const refusedRight = await right;
    expect(refusedRight.status).toBe(429);
    expect(refusedRight.body.error.code).toBe('LOGIN_THROTTLED');
    expect(refusedRight.body.error.message).toMatch(/Try again in 15 minutes/);
    expect(Number(refusedRight.headers.get('retry-after'))).toBe(15 * 60);
    // The account itself is not locked: from another address the right password works.
    expect((await login(agent.email, PASSWORD)).status).toBe(200);
    advance(15 * 60);
    expect((await login(agent.email, PASSWORD, from)).status).toBe(200);
  });

  it('locks an account after 30 parallel wrong passwords from 30 addresses, and refuses the right one until the lock ends', async () => {
    const user = await t.userWithToken('agent');
    const answers = await Promise.all(Array.from({ length: 30 }, () => login(user.email, 'wrong password')));
    expect(count(answers, 401, 'UNAUTHORIZED')).toBe(4);
    expect(count(answers, 429, 'ACCOUNT_LOCKED')).toBe(26);
    const refused = await login(user.email, PASSWORD);
    expect(refused.status).toBe(429);
    expect(refused.body.error).toMatchObject({ code: 'ACCOUNT_LOCKED', retryAfterSeconds: 60, retryAt: new Date(clock + 60_000).toISOString() });
    expect(refused.body.error.message).toMatch(/Try again in 1 minute \(after/);
    expect(refused.headers.get('retry-after')).toBe('60');
    advance(59);
    expect((await login(user.email, PASSWORD)).status).toBe(429);
    advance(1);
    expect((await login(user.email, PASSWORD)).status).toBe(200);
  });

  it('makes each lock last twice the one before, up to an hour, and starts over after the right password', async () => {
    const user = await t.userWithToken('agent');
    const lockOut = async () => {
      for (let i = 0; i < 4; i++) expect((await login(user.email, 'wrong password')).status).toBe(401);
      const locked = await login(user.email, 'wrong password');
      expect(locked.body.error.code).toBe('ACCOUNT_LOCKED');
      return locked.body.error.retryAfterSeconds as number;
    };
    const locks: number[] = [];
    const lockAndWait = async () => {
      locks.push(await lockOut());
      advance(locks.at(-1)! - 1);
      expect((await login(user.email, PASSWORD)).body.error.code).toBe('ACCOUNT_LOCKED');
      advance(1);
    };
    for (let i = 0; i < 3; i++) await lockAndWait();
    // Skip the middle of the doubling (2^6 minutes would be past the cap of an hour).
    await t.ctx.db.updateTable('sign_in_accounts').set({ lock_level: 6 }).where('email', '=', user.email).execute();
    await lockAndWait();
    expect(locks).toEqual([1, 2, 4, 60].map((minutes) => minutes * 60));
    expect((await login(user.email, PASSWORD)).status).toBe(200);
    expect(await lockOut()).toBe(60);
  });

  it('answers an unknown e-mail exactly as a known one with a wrong password: the same answers, the same lock, as slowly', async () => {
    const user = await t.userWithToken('agent');
    const unknown = 'nobody.here@test.local';
    for (let i = 0; i < 5; i++) {
      const [known, stranger] = await Promise.all([login(user.email, 'wrong password'), login(unknown, 'wrong password')]);
      expect(stranger.status, `attempt ${i + 1}`).toBe(known.status);
      expect(stranger.body, `attempt ${i + 1}`).toEqual(known.body);
      expect(stranger.headers.get('retry-after')).toBe(known.headers.get('retry-after'));
    }
    expect((await login(unknown, 'wrong password')).body.error.code).toBe('ACCOUNT_LOCKED');
    const controlCharacter = await login('nul\u0000@test.local', 'wrong password');
    expect(controlCharacter.status).toBe(400);
    expect(controlCharacter.body.error.field).toBe('email');

    // An unknown e-mail runs the password hash too (scrypt, tens of milliseconds), so time tells nothing.
    const other = await t.userWithToken('agent');
    const took = async (email: string) => {
      const started = performance.now();
      expect((await login(email, 'wrong password')).status).toBe(401);
      return performance.now() - started;
    };
    const knownTimes: number[] = [];
    const unknownTimes: number[] = [];
    for (let i = 0; i < 3; i++) {
      knownTimes.push(await took(other.email));
      unknownTimes.push(await took('nobody.either@test.local'));
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[1];
    expect(median(unknownTimes)).toBeGreaterThan(median(knownTimes) / 2);
  });

  it.runIf(kind === 'postgres')('holds the limits across processes sharing the database', async () => {
    const second = await startSecondProcess(t);
    second.ctx.now = t.ctx.now;
    try {
      const user = await t.userWithToken('agent');
      const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => signIn(i % 2 ? second.url : t.url, user.email, 'wrong password', address())));
      expect(count(answers, 401)).toBe(4);
      expect(count(answers, 429, 'ACCOUNT_LOCKED')).toBe(26);
      expect((await signIn(second.url, user.email, PASSWORD, address())).status).toBe(429);

      const from = address();
      const guesses = await Promise.all(Array.from({ length: 40 }, (_, i) => signIn(i % 2 ? second.url : t.url, `spray${i}@test.local`, 'Summer2025!', from)));
      expect(count(guesses, 401)).toBe(20);
    } finally {
      await second.close();
    }
  });
});

describe('the in-memory flood guard in front of the database counters', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('pglite', { config: { loginRateLimit: 3 } });
  });
  afterAll(() => t?.close());

  it('refuses a client address past LOGIN_RATE_LIMIT requests a minute, before any database work', async () => {
    const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => signIn(t.url, `flood${i}@test.local`, 'wrong password', '203.0.113.1')));
    expect(count(answers, 401)).toBe(3);
    const refused = answers.filter((a) => a.status === 429);
    expect(refused).toHaveLength(3);
    for (const answer of refused) {
      expect(answer.body.error.code).toBe('LOGIN_THROTTLED');
      expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    // Only the three that passed the guard reached the database's counter.
    const counted = await t.ctx.db.selectFrom('sign_in_addresses').select('attempts').where('address', '=', '127.0.0.1').executeTakeFirst();
    expect(counted?.attempts).toBe(3);
  });
});
