import type { TestApp } from '../helpers/test-app.js';
import { AUTH_TOKEN, customerParams, type WhatsappSetup } from '../helpers/scenario.js';
import { postSignedWebhook } from '../helpers/twilio-signing.js';

/** Small readers shared by the behaviors tests: a conversation's messages and timeline as the API shows them. */
export function behaviorsWorld(t: TestApp, setup: () => WhatsappSetup) {
  const admin = () => setup().admin.token;
  return {
    /** A signed customer message, without looking for a live conversation (a survey answer opens none). */
    customerSends: async (from: string, body: string, extra: Record<string, string> = {}) => {
      const { sid, params } = customerParams(setup(), { from, body, extra });
      const res = await postSignedWebhook(setup().inboundUrl, AUTH_TOKEN, params);
      if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
      return sid;
    },
    conversationsOf: async (from: string) =>
      t.ctx.db.selectFrom('conversations as c').innerJoin('contacts as ct', 'ct.id', 'c.contact_id').select(['c.id', 'c.state']).where('ct.phone', '=', from).orderBy('c.created_at').execute(),
    messagesOf: async (id: string) => (await t.request('GET', `/api/v1/conversations/${id}/messages`, { token: admin() })).body.items as { direction: string; kind: string; body: string; status: string }[],
    automatedOf: async (id: string) =>
      ((await t.request('GET', `/api/v1/conversations/${id}/messages`, { token: admin() })).body.items as { kind: string; body: string }[]).filter((m) => m.kind === 'automated').map((m) => m.body),
    timelineOf: async (id: string) => (await t.request('GET', `/api/v1/conversations/${id}/timeline`, { token: admin() })).body.items as { type: string; data: Record<string, any> }[],
    setBehaviors: async (body: unknown, workstreamId?: string) => {
      const id = workstreamId ?? (await t.request('GET', '/api/v1/workstreams', { token: admin() })).body.items[0].id;
      const res = await t.request('PUT', `/api/v1/workstreams/${id}/behaviors`, { token: admin(), body });
      if (res.status !== 200) throw new Error(`behaviors not saved: ${JSON.stringify(res.body)}`);
      return res.body;
    },
  };
}
