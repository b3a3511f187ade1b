import { EventEmitter } from 'node:events';

/** What agents' browsers hear about. `audience` says who may receive it. */
export type RealtimeEvent = {
  type: string;
  /** participantIds: colleagues consulted on (or added to) the conversation hear it too. */
  audience: { queueId: string | null; agentId: string | null; participantIds?: string[] };
  data: Record<string, unknown>;
};

export type EventBus = {
  publish(event: RealtimeEvent): void;
  subscribe(listener: (event: RealtimeEvent) => void): () => void;
  /**
   * Called when events of other processes may have been missed (the PostgreSQL bus lost its
   * LISTEN connection and has it back): listeners must reload what they show.
   */
  onResync?(listener: () => void): () => void;
  /** Releases connections (the PostgreSQL bus holds a LISTEN connection). */
  close?(): Promise<void>;
};

/** Single-process bus. Publish only after the transaction that caused the event has committed. */
export function createLocalEventBus(): EventBus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    publish: (event) => emitter.emit('event', event),
    subscribe(listener) {
      emitter.on('event', listener);
      return () => emitter.off('event', listener);
    },
  };
}
