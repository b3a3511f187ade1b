import { EventEmitter } from 'node:events';
import type { PhoneMessageView } from './schema.js';

/** Live updates for the customer phone page: a message to or from a customer was created or changed. */
export type SimEvents = {
  publish(customer: string, message: PhoneMessageView): void;
  subscribe(customer: string, listener: (message: PhoneMessageView) => void): () => void;
};

export function createSimEvents(): SimEvents {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    publish: (customer, message) => emitter.emit(customer, message),
    subscribe(customer, listener) {
      emitter.on(customer, listener);
      return () => emitter.off(customer, listener);
    },
  };
}
