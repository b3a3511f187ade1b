/**
 * The workers take a customer's message only once the customer's older ones are done (in order).
 * A message handed to them while an older one of the same customer is being stored in a request
 * waits for it: when that request is done, the workers are woken at once rather than at their
 * next poll.
 */
export function createSenderWatch(wakeWorkers: () => void) {
  const inRequests = new Map<string, number>();
  const waitingForRequest = new Set<string>();
  return {
    async storing<T>(sender: string, store: () => Promise<T>): Promise<T> {
      inRequests.set(sender, (inRequests.get(sender) ?? 0) + 1);
      try {
        return await store();
      } finally {
        const left = inRequests.get(sender)! - 1;
        if (left > 0) inRequests.set(sender, left);
        else inRequests.delete(sender);
        if (waitingForRequest.delete(sender)) wakeWorkers();
      }
    },
    handedOn(sender: string) {
      if (inRequests.has(sender)) waitingForRequest.add(sender);
    },
  };
}
