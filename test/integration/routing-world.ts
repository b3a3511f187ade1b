import { expect } from 'vitest';
import type { TestApp } from '../helpers/test-app.js';
import { postSignedWebhook } from '../helpers/twilio-signing.js';
import { randomMessageSid } from '../helpers/scenario.js';
import { smsInboundParams } from '../helpers/sms-webhook.js';

export const ACCOUNT_SID = 'AC' + 'c3'.repeat(16);
export const AUTH_TOKEN = 'd4'.repeat(16);

export type Agent = { id: string; token: string; name: string };

export type World = {
  numberId: string;
  number: string;
  workstreamId: string;
  queueId: string;
  agents: Agent[];
  /** A customer writes to this world's number; answers the conversation id. */
  write(from: string, body?: string, extra?: Record<string, string>): Promise<string>;
  /** The same by SMS (the number must have the channel "sms"). */
  text(from: string, body?: string): Promise<string>;
};


export type AgentSpec = { capacity?: number; skills?: { name: string; proficiency: number }[]; presence?: string | null };

/**
 * Routing scenarios share one app: each world gets its own business number, queue, workstream and
 * agents (available unless told otherwise), so scenarios do not see each other's work.
 */
export function createWorlds(t: () => TestApp, admin: () => { token: string }) {
  let accountId: string | null = null;
  let inboundUrl = '';
  let numbers = 0;

  async function account() {
    if (accountId) return accountId;
    const res = await t().request('POST', '/api/v1/messaging-accounts', {
      token: admin().token,
      body: { name: 'Routing', channel: 'whatsapp', provider: 'twilio', accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN },
    });
    expect(res.status).toBe(201);
    accountId = res.body.id;
    inboundUrl = res.body.inboundUrl;
    return accountId!;
  }

  async function agent(spec: AgentSpec = {}): Promise<Agent> {
    const created = await t().userWithToken('agent');
    const body: Record<string, unknown> = { capacity: spec.capacity ?? 100 };
    if (spec.skills) body.skills = spec.skills;
    expect((await t().request('PATCH', `/api/v1/users/${created.id}`, { token: admin().token, body })).status).toBe(200);
    if (spec.presence !== null) {
      expect((await t().request('PUT', '/api/v1/me/presence', { token: created.token, body: { presence: spec.presence ?? 'available' } })).status).toBe(200);
    }
    return { ...created, name: created.email };
  }

  async function world(opts: { mode?: 'push' | 'pick'; agents?: AgentSpec[]; queue?: Record<string, unknown>; workstream?: Record<string, unknown>; channels?: string[] } = {}): Promise<World> {
    const acc = await account();
    const number = '+1650253' + String(1000 + ++numbers).padStart(4, '0');
    const n = await t().request('POST', `/api/v1/messaging-accounts/${acc}/numbers`, { token: admin().token, body: { name: `Line ${numbers}`, number, ...(opts.channels ? { channels: opts.channels } : {}) } });
    expect(n.status).toBe(201);
    const agents: Agent[] = [];
    for (const spec of opts.agents ?? [{}]) agents.push(await agent(spec));
    const q = await t().request('POST', '/api/v1/queues', {
      token: admin().token,
      body: { name: `Queue ${numbers}-${Math.random().toString(36).slice(2, 6)}`, agentIds: agents.map((a) => a.id), ...opts.queue },
    });
    expect(q.status).toBe(201);
    const w = await t().request('POST', '/api/v1/workstreams', {
      token: admin().token,
      body: { name: `Workstream ${numbers}`, channel: 'whatsapp', mode: opts.mode ?? 'push', fallbackQueueId: q.body.id, whatsapp: { numberId: n.body.id }, ...opts.workstream },
    });
    expect(w.status, JSON.stringify(w.body)).toBe(201);
    return {
      numberId: n.body.id,
      number,
      workstreamId: w.body.id,
      queueId: q.body.id,
      agents,
      async write(from, body = 'Hello', extra = {}) {
        const sid = randomMessageSid();
        const params = {
          SmsMessageSid: sid, NumMedia: '0', ProfileName: 'Customer', MessageType: 'text', SmsSid: sid, WaId: from.slice(1), SmsStatus: 'received',
          Body: body, To: `whatsapp:${number}`, NumSegments: '1', MessageSid: sid, AccountSid: ACCOUNT_SID, From: `whatsapp:${from}`, ApiVersion: '2010-04-01', ...extra,
        };
        return deliver(sid, params);
      },
      async text(from, body = 'Hello') {
        const sid = randomMessageSid();
        return deliver(sid, smsInboundParams({ accountSid: ACCOUNT_SID, sid, from, to: number, body }));
      },
    };
  }

  async function deliver(sid: string, params: Record<string, string>): Promise<string> {
    const res = await postSignedWebhook(inboundUrl, AUTH_TOKEN, params);
    expect(res.status).toBe(200);
    const row = await t().ctx.db.selectFrom('messages').select('conversation_id').where('provider_sid', '=', sid).executeTakeFirstOrThrow();
    return row.conversation_id;
  }

  return { world, agent, inboundUrl: () => inboundUrl };
}

let customers = 0;
/** A fresh Korean mobile number per call, so each write opens its own conversation. */
export const nextCustomer = () => `+8210${String(10000000 + ++customers * 7919).slice(-8)}`;

export async function conversationRow(t: TestApp, id: string) {
  return t.ctx.db.selectFrom('conversations').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

export async function pendingOffer(t: TestApp, conversationId: string) {
  return t.ctx.db.selectFrom('offers').selectAll().where('conversation_id', '=', conversationId).where('state', '=', 'pending').executeTakeFirst();
}

export async function timeline(t: TestApp, conversationId: string) {
  return t.ctx.db.selectFrom('conversation_events').select(['type', 'data']).where('conversation_id', '=', conversationId).orderBy('id').execute();
}

/** Replaces the app's clock; answers a function that moves it forward. */
export function fakeClock(t: TestApp, start = new Date()) {
  let now = start.getTime();
  t.ctx.now = () => new Date(now);
  return {
    advance(ms: number) {
      now += ms;
    },
    set(date: Date) {
      now = date.getTime();
    },
  };
}
