import { EventEmitter } from 'node:events';
import type { PhoneMessageView } from './schema.js';

/** Live updates for the customer phone page: a message to or from a customer was created or changed. */
export type SimEvents = {
  publish(customer: string, message: PhoneMessageView): void;
  subscribe(customer: string, listener: (message: PhoneMessageView) => void): () => void;
  /** Whether a phone page is watching this customer (building a view costs queries). */
  watched(customer: string): boolean;
};

export function createSimEvents(): SimEvents {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    publish: (customer, message) => emitter.emit(customer, message),
    watched: (customer) => emitter.listenerCount(customer) > 0,
    subscribe(customer, listener) {
      emitter.on(customer, listener);
      return () => emitter.off(customer, listener);
    },
  };
}
