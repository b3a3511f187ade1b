import type { Role } from '../db/schema.js';
import type { RealtimeEvent } from './event-bus.js';

export type Listener = { userId: string; role: Role; queueIds: string[] };

/**
 * Who hears an event: supervisors and admins everything; agents their queues' and their own
 * conversations, and the ones they are consulted on or added to.
 */
export function shouldReceive(listener: Listener, event: RealtimeEvent): boolean {
  if (listener.role !== 'agent') return true;
  const { queueId, agentId, participantIds } = event.audience;
  return agentId === listener.userId || (queueId !== null && listener.queueIds.includes(queueId)) || (participantIds?.includes(listener.userId) ?? false);
}
