import { describe, expect, it } from 'vitest';
import { shouldReceive } from './audience.js';

const event = (queueId: string | null, agentId: string | null) => ({ type: 'message.created', audience: { queueId, agentId }, data: {} });

describe('realtime audience', () => {
  const agent = { userId: 'a1', role: 'agent' as const, queueIds: ['q1'] };
  it('gives agents their queues and their own conversations', () => {
    expect(shouldReceive(agent, event('q1', null))).toBe(true);
    expect(shouldReceive(agent, event('q2', 'a1'))).toBe(true);
  });
  it('keeps other queues and other agents away from an agent', () => {
    expect(shouldReceive(agent, event('q2', 'a2'))).toBe(false);
    expect(shouldReceive(agent, event(null, null))).toBe(false);
  });
  it("gives a consulted agent the conversation's events, wherever its queue", () => {
    const consulted = { type: 'message.created', audience: { queueId: 'q2', agentId: 'a2', participantIds: ['a1'] }, data: {} };
    expect(shouldReceive(agent, consulted)).toBe(true);
    expect(shouldReceive({ ...agent, userId: 'a3' }, consulted)).toBe(false);
  });
  it('gives supervisors and admins everything', () => {
    expect(shouldReceive({ userId: 's', role: 'supervisor', queueIds: [] }, event('q9', 'a9'))).toBe(true);
  });
});
