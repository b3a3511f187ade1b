import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../helpers/databases.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { customerWrites, setupWhatsapp, type WhatsappSetup } from '../helpers/scenario.js';
import { listen } from '../helpers/realtime-listener.js';

type User = { id: string; token: string };
type Listed = { id: string; unreadCount?: number; assignedAgentName: string | null; participants: { userId: string; name: string; mode: string }[] };

describe.each(dbKinds)('unread counts kept on the server, and consult notifications (%s)', (kind) => {
  let t: TestApp;
  let setup: WhatsappSetup;
  let expert: User;
  let bystander: User;
  let supervisor: User;

  beforeAll(async () => {
    t = await startTestApp(kind);
    setup = await setupWhatsapp(t);
    expert = await t.userWithToken('agent', { name: 'Erin Expert' });
    bystander = await t.userWithToken('agent', { name: 'Bo Bystander' });
    supervisor = await t.userWithToken('supervisor');
    await t.request('POST', '/api/v1/queues', { token: setup.admin.token, body: { name: 'Billing', agentIds: [expert.id, bystander.id] } });
  });
  afterAll(() => t?.close());

  const list = async (user: User, query = 'state=open,active,waiting,wrap-up') =>
    (await t.request('GET', `/api/v1/conversations?${query}`, { token: user.token })).body.items as Listed[];
  const unreadIn = async (user: User, id: string) => (await list(user)).find((c) => c.id === id)?.unreadCount;
  const markRead = (user: User, id: string, body: unknown = {}) => t.request('POST', `/api/v1/conversations/${id}/read`, { token: user.token, body });

  describe('unread counts', () => {
    it('counts the customer messages after the agent last read, per agent, across fresh list calls', async () => {
      const from = '+15550300001';
      const { conversationId } = await customerWrites(t, setup, { from, body: 'First' });
      await customerWrites(t, setup, { from, body: 'Second' });
      expect(await unreadIn(setup.agent, conversationId)).toBe(2);

      const marked = await markRead(setup.agent, conversationId);
      expect(marked.status).toBe(200);
      expect(marked.body).toMatchObject({ conversationId, unreadCount: 0, lastReadMessageId: expect.any(String) });
      // A reload is a fresh list call: the count comes from the stored mark.
      expect(await unreadIn(setup.agent, conversationId)).toBe(0);
      await customerWrites(t, setup, { from, body: 'Third' });
      expect(await unreadIn(setup.agent, conversationId)).toBe(1);
      expect((await t.request('GET', `/api/v1/conversations/${conversationId}`, { token: setup.agent.token })).body.unreadCount).toBe(1);
      // Every reader has a mark of their own; our own replies never count.
      expect(await unreadIn(supervisor, conversationId)).toBe(3);
      await t.request('POST', `/api/v1/conversations/${conversationId}/pick`, { token: setup.agent.token });
      expect((await t.request('POST', `/api/v1/conversations/${conversationId}/messages`, { token: setup.agent.token, body: { body: 'On it' } })).status).toBe(201);
      expect(await unreadIn(setup.agent, conversationId)).toBe(1);
    });

    it('moves the mark forward only, to a message of this conversation', async () => {
      const from = '+15550300002';
      const { conversationId } = await customerWrites(t, setup, { from, body: 'One' });
      await customerWrites(t, setup, { from, body: 'Two' });
      const messages = (await t.request('GET', `/api/v1/conversations/${conversationId}/messages`, { token: setup.agent.token })).body.items as { id: string }[];
      expect((await markRead(setup.agent, conversationId, { messageId: messages[0].id })).body.unreadCount).toBe(1);
      const noBody = await t.request('POST', `/api/v1/conversations/${conversationId}/read`, { token: setup.agent.token });
      expect(noBody.status, JSON.stringify(noBody.body)).toBe(200);
      expect(noBody.body.unreadCount).toBe(0);
      const back = await markRead(setup.agent, conversationId, { messageId: messages[0].id });
      expect(back.body).toMatchObject({ unreadCount: 0, lastReadMessageId: messages[1].id });

      const other = await customerWrites(t, setup, { from: '+15550300003', body: 'Elsewhere' });
      expect((await markRead(setup.agent, other.conversationId, { messageId: messages[0].id })).status).toBe(404);
      expect((await markRead(setup.agent, conversationId, { messageId: 'nope' })).status).toBe(400);
      expect((await markRead(setup.agent, conversationId, { messageId: messages[0].id, extra: 1 })).status).toBe(400);
      // An agent of another queue may not learn the conversation exists, nor leave a mark.
      expect((await markRead(bystander, conversationId)).status).toBe(404);
      expect(await t.ctx.db.selectFrom('conversation_reads').select('user_id').where('user_id', '=', bystander.id).execute()).toEqual([]);
    });

    it('gives every row of a long list its own count', async () => {
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) {
        const from = `+1555031000${i}`;
        const { conversationId } = await customerWrites(t, setup, { from, body: 'a' });
        for (let j = 0; j < i; j++) await customerWrites(t, setup, { from, body: `more ${j}` });
        ids.push(conversationId);
      }
      await markRead(setup.agent, ids[4]);
      const counts = await list(setup.agent);
      expect(ids.map((id) => counts.find((c) => c.id === id)?.unreadCount)).toEqual([1, 2, 3, 4, 0]);
    });
  });

  describe('consult', () => {
    it("notifies the consulted agent live, lists the conversation as theirs to read, and shows everyone the participants", async () => {
      const from = '+15550300020';
      const { conversationId } = await customerWrites(t, setup, { from, name: 'Ada Lovelace', body: 'A tricky question' });
      expect((await t.request('POST', `/api/v1/conversations/${conversationId}/pick`, { token: setup.agent.token })).status).toBe(200);
      const erin = await listen(t.url, expert.token);
      const bo = await listen(t.url, bystander.token);
      try {
        expect((await t.request('POST', `/api/v1/conversations/${conversationId}/consult`, { token: setup.agent.token, body: { agentId: expert.id } })).status).toBe(200);
        const invited = await erin.waitFor((f) => f.type === 'consult.invited');
        expect(invited?.data).toMatchObject({
          invitedBy: setup.agent.id,
          invitedByName: 'Grace Agent',
          conversation: { id: conversationId, customer: { profileName: 'Ada Lovelace' }, participants: [{ userId: expert.id, name: 'Erin Expert', mode: 'consult' }] },
        });

        // While consulting, the conversation's events reach the consulted agent, not the rest of their queue.
        await customerWrites(t, setup, { from, body: 'Any idea?' });
        expect(await erin.waitFor((f) => f.type === 'message.created' && f.data.message.body === 'Any idea?')).toBeDefined();
        expect((await bo.framesBefore(t.ctx.events, bystander.id)).filter((f) => f.type !== 'hello')).toEqual([]);

        const consulting = await list(expert, 'participantId=me&state=open,active,waiting,wrap-up');
        expect(consulting.map((c) => c.id)).toEqual([conversationId]);
        expect(consulting[0]).toMatchObject({ unreadCount: 2, assignedAgentName: 'Grace Agent' });
        expect((await list(expert)).some((c) => c.id === conversationId)).toBe(true);
        expect((await list(bystander)).some((c) => c.id === conversationId)).toBe(false);
        for (const user of [expert, setup.agent, supervisor]) {
          const view = await t.request('GET', `/api/v1/conversations/${conversationId}`, { token: user.token });
          expect(view.body).toMatchObject({ assignedAgentId: setup.agent.id, assignedAgentName: 'Grace Agent', participants: [{ userId: expert.id, name: 'Erin Expert', mode: 'consult' }] });
        }

        await t.request('POST', `/api/v1/conversations/${conversationId}/participants/${expert.id}`, { token: setup.agent.token });
        const nowWriting = await erin.waitFor((f) => f.type === 'conversation.updated' && f.data.conversation.participants[0]?.mode === 'participant');
        expect(nowWriting).toBeDefined();

        const removed = await t.request('DELETE', `/api/v1/conversations/${conversationId}/participants/${expert.id}`, { token: setup.agent.token });
        expect(removed.status).toBe(200);
        expect(await erin.waitFor((f) => f.type === 'conversation.updated' && f.data.conversation.participants.length === 0)).toBeDefined();
        const before = erin.frames.length;
        await customerWrites(t, setup, { from, body: 'Hello again' });
        expect((await erin.framesBefore(t.ctx.events, expert.id)).slice(before).filter((f) => f.type === 'message.created')).toEqual([]);
        expect(await list(expert, 'participantId=me')).toEqual([]);
      } finally {
        erin.close();
        bo.close();
      }
    });

    it('ends the consult for the consulted agent once the conversation is transferred to them, also after close', async () => {
      const { conversationId } = await customerWrites(t, setup, { from: '+15550300022', name: 'Barbara Liskov', body: 'Can Erin take this?' });
      expect((await t.request('POST', `/api/v1/conversations/${conversationId}/pick`, { token: setup.agent.token })).status).toBe(200);
      expect((await t.request('POST', `/api/v1/conversations/${conversationId}/consult`, { token: setup.agent.token, body: { agentId: expert.id } })).status).toBe(200);
      const transferred = await t.request('POST', `/api/v1/conversations/${conversationId}/transfer`, { token: setup.agent.token, body: { agentId: expert.id } });
      expect(transferred.status, JSON.stringify(transferred.body)).toBe(200);
      const view = await t.request('GET', `/api/v1/conversations/${conversationId}`, { token: expert.token });
      expect(view.body).toMatchObject({ assignedAgentId: expert.id, participants: [] });
      const timeline = (await t.request('GET', `/api/v1/conversations/${conversationId}/timeline`, { token: expert.token })).body.items as { type: string; data: { agentId?: string } }[];
      expect(timeline.filter((e) => e.type === 'participant-removed').map((e) => e.data.agentId)).toEqual([expert.id]);
      expect((await t.request('POST', `/api/v1/conversations/${conversationId}/close`, { token: expert.token })).status).toBe(200);
      const closed = await t.request('GET', `/api/v1/conversations/${conversationId}`, { token: supervisor.token });
      expect(closed.body).toMatchObject({ state: 'closed', assignedAgentName: 'Erin Expert', participants: [] });
    });

    it('lets both sides write private notes while the customer hears only the assigned agent', async () => {
      const { conversationId } = await customerWrites(t, setup, { from: '+15550300021', name: 'Alan Kay', body: 'Is this covered?' });
      expect((await t.request('POST', `/api/v1/conversations/${conversationId}/pick`, { token: setup.agent.token })).status).toBe(200);
      expect((await t.request('POST', `/api/v1/conversations/${conversationId}/consult`, { token: setup.agent.token, body: { agentId: expert.id } })).status).toBe(200);
      const grace = await listen(t.url, setup.agent.token);
      try {
        const asked = await t.request('POST', `/api/v1/conversations/${conversationId}/notes`, { token: setup.agent.token, body: { body: 'Erin, is a cracked screen covered?' } });
        expect(asked.status).toBe(201);
        const answered = await t.request('POST', `/api/v1/conversations/${conversationId}/notes`, { token: expert.token, body: { body: 'Yes, within the first year.' } });
        expect(answered.status).toBe(201);
        expect(answered.body).toMatchObject({ authorUserId: expert.id, body: 'Yes, within the first year.' });
        expect(await grace.waitFor((f) => f.type === 'conversation.note' && f.data.note.authorUserId === expert.id)).toBeDefined();
        const notes = await t.request('GET', `/api/v1/conversations/${conversationId}/notes`, { token: setup.agent.token });
        expect(notes.body.items.map((n: { body: string }) => n.body)).toEqual(['Erin, is a cracked screen covered?', 'Yes, within the first year.']);

        // Still no voice towards the customer, and no note from someone not on the conversation.
        expect((await t.request('POST', `/api/v1/conversations/${conversationId}/messages`, { token: expert.token, body: { body: 'Hi Alan' } })).status).toBe(403);
        expect((await t.request('POST', `/api/v1/conversations/${conversationId}/notes`, { token: bystander.token, body: { body: 'Me too' } })).status).toBe(404);
      } finally {
        grace.close();
      }
    });
  });
});
