import twilio from 'twilio';
import type { Behaviour, FakeTwilio } from '../helpers/fake-twilio.js';
import { ACCOUNT_SID, AUTH_TOKEN, BUSINESS_NUMBER, randomMessageSid } from '../helpers/scenario.js';

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)];

export type Api = <T = any>(method: string, path: string, token: string | null, body?: unknown) => Promise<{ status: number; body: T }>;

export function apiOf(url: string): Api {
  return async (method, path, token, body) => {
    const res = await fetch(url + path, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json().catch(() => null)) as any };
  };
}

/** Customers writing (and Twilio sometimes delivering a webhook twice); every answer is recorded per MessageSid. */
export function customers(inboundUrl: string, phones: string[]) {
  const posted = new Map<string, { params: Record<string, string>; acknowledged: boolean }>();
  let seq = 0;
  const post = async (params: Record<string, string>) => {
    const res = await fetch(inboundUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilio.getExpectedTwilioSignature(AUTH_TOKEN, inboundUrl, params) },
      body: new URLSearchParams(params).toString(),
    }).catch(() => null);
    const seen = posted.get(params.MessageSid);
    posted.set(params.MessageSid, { params, acknowledged: seen?.acknowledged || res?.status === 200 });
  };
  const write = (from: string) => {
    const sid = randomMessageSid();
    return { MessageSid: sid, SmsMessageSid: sid, SmsSid: sid, AccountSid: ACCOUNT_SID, From: `whatsapp:${from}`, To: `whatsapp:${BUSINESS_NUMBER}`, Body: `soak ${++seq}`, NumMedia: '0', WaId: from.slice(1), ProfileName: 'Soak customer', ApiVersion: '2010-04-01' };
  };
  return {
    posted,
    async run(running: () => boolean) {
      while (running()) {
        const again = posted.size > 0 && Math.random() < 0.05;
        await post(again ? pick([...posted.values()]).params : write(pick(phones)));
        await sleep(15);
      }
    },
    /** Twilio retries what was not acknowledged. */
    async redeliverUnacknowledged() {
      for (const { params, acknowledged } of [...posted.values()]) if (!acknowledged) await post(params);
    },
  };
}

/** An agent working the queue in pick mode: take an open conversation, answer it, end and close it. */
export function agentAt(api: Api, token: string, queueId: string, replies: Map<string, string>) {
  let seq = 0;
  return async (running: () => boolean) => {
    while (running()) {
      const open = (await api<{ items: { id: string }[] }>('GET', `/api/v1/conversations?state=open&queueId=${queueId}&limit=20`, token)).body?.items ?? [];
      if (open.length === 0) {
        await sleep(200);
        continue;
      }
      const { id } = pick(open);
      if ((await api('POST', `/api/v1/conversations/${id}/pick`, token)).status !== 200) continue;
      for (let i = 0; i < 2; i++) {
        const body = `soak reply ${token.slice(0, 6)} ${++seq}`;
        const sent = await api<{ id: string }>('POST', `/api/v1/conversations/${id}/messages`, token, { body });
        if (sent.status === 201) replies.set(sent.body.id, body);
      }
      await api('POST', `/api/v1/conversations/${id}/end`, token);
      await api('POST', `/api/v1/conversations/${id}/close`, token);
      await sleep(300);
    }
  };
}

/** Twilio's transient troubles, about one send in seven: slow-down, 5xx, answers lost after the message was made, callbacks first. */
const FAULTS: Behaviour[] = [
  { kind: 'error', status: 429, code: 20429, message: 'Too Many Requests' },
  { kind: 'error', status: 503, code: 20503, message: 'Service Unavailable' },
  { kind: 'accept-then-drop' },
  { kind: 'accept-then-500' },
  { kind: 'callbacks-first', statuses: ['sent'] },
];

export function faults(fake: FakeTwilio) {
  const timer = setInterval(() => {
    while (fake.script.length < 50) fake.script.push(Math.random() < 0.15 ? pick(FAULTS) : { kind: 'accept' });
  }, 50);
  return {
    stop() {
      clearInterval(timer);
      fake.script.splice(0);
    },
  };
}

const STATUSES = ['sent', 'delivered', 'read'];

/** Status callbacks for every message Twilio took: all three, shuffled, one of them twice. */
export function statusCallbacks(fake: FakeTwilio) {
  const walked = new Set<string>();
  const answers: number[] = [];
  const walkNew = async () => {
    for (const m of [...fake.messages]) {
      if (walked.has(m.sid) || !m.statusCallback) continue;
      walked.add(m.sid);
      const order = [...STATUSES].sort(() => Math.random() - 0.5);
      for (const status of [...order, pick(order)]) answers.push(await fake.sendStatusCallback(m.sid, status));
    }
  };
  return {
    answers,
    async run(running: () => boolean) {
      while (running()) {
        await walkNew();
        await sleep(200);
      }
    },
    walkNew,
  };
}

/** The live heap (after a full GC) the heap probe wrote to the server's stderr, in MB, with when. */
export function liveHeap(stderr: string): { at: number; mb: number }[] {
  return [...stderr.matchAll(/^heap-probe (\d+) (\d+)$/gm)].map((m) => ({ at: Number(m[1]), mb: Number(m[2]) / 1024 / 1024 }));
}

/**
 * The lowest sample of each run of `size` samples. Work in flight when a sample is taken (a listing of
 * conversations, a batch of queries) lifts single samples by many megabytes; a leak lifts the floor.
 */
export function floors<T extends { mb: number }>(samples: T[], size: number): T[] {
  const lows: T[] = [];
  for (let i = 0; i + size <= samples.length; i += size) lows.push(samples.slice(i, i + size).reduce((low, s) => (s.mb < low.mb ? s : low)));
  return lows;
}

/** Least-squares slope of y over x (units of y per unit of x). */
export function slope(points: { x: number; y: number }[]): number {
  const n = points.length;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  const num = points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0);
  const den = points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  return den === 0 ? 0 : num / den;
}
