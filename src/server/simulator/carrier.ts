import { planDelivery, type DeliveryStep } from './delivery-rules.js';
import { pause, type Simulator } from './simulator.js';
import { advanceStatus, findMessage, undeliveredMessages } from './store.js';
import { sendStatusCallback } from './status-callback.js';
import { fetchOutboundMedia } from './fetch-outbound-media.js';

/**
 * The simulated WhatsApp network behind the fake Twilio: it carries each accepted message through
 * its statuses, one message at a time in order, and reports each step with a status callback.
 */
export type Carrier = {
  /** Runs a message's planned steps; resolves when the last callback has been answered. */
  deliver(sid: string, steps: DeliveryStep[]): Promise<void>;
  /** The customer read the message: delivered first if it was not yet, then read. */
  read(sid: string): Promise<void>;
  /** Picks up deliveries that a restart interrupted. */
  resume(): Promise<void>;
};

export function createCarrier(sim: Simulator): Carrier {
  const chains = new Map<string, Promise<void>>();

  /** Jobs for one message run one after another, so its callbacks keep their order. */
  function enqueue(sid: string, job: () => Promise<void>): Promise<void> {
    const run = (chains.get(sid) ?? Promise.resolve()).then(job).catch((err) => sim.log.error({ err, sid }, 'simulator: delivery step failed'));
    chains.set(sid, run);
    void run.finally(() => chains.get(sid) === run && chains.delete(sid));
    return run;
  }

  /** Records a status and reports it. `always`: a planned step is reported even if the record is already further (out-of-order faults). */
  async function apply(sid: string, step: DeliveryStep, always: boolean): Promise<void> {
    const updated = await advanceStatus(sim.db, sid, step, sim.ctx.now());
    if (updated) await sim.publish(updated);
    const message = updated ?? (always ? await findMessage(sim.db, sid) : undefined);
    if (message) await sendStatusCallback(sim, message, step);
  }

  function deliver(sid: string, planned: DeliveryStep[]): Promise<void> {
    const startedAt = Date.now();
    return enqueue(sid, async () => {
      let steps = planned;
      const mediaProblem = await fetchOutboundMedia(sim, sid);
      if (mediaProblem) steps = [{ status: 'failed', atMs: planned[0]?.atMs ?? 0, errorCode: 63019, errorMessage: mediaProblem }];
      for (const step of steps) {
        if (!(await pause(startedAt + step.atMs - Date.now(), sim.signal))) return;
        await apply(sid, step, true);
      }
    });
  }

  return {
    deliver,
    read: (sid) =>
      enqueue(sid, async () => {
        const message = await findMessage(sim.db, sid);
        if (!message || !['accepted', 'queued', 'sending', 'sent', 'delivered'].includes(message.status)) return;
        if (message.status !== 'delivered') await apply(sid, { status: 'delivered', atMs: 0 }, false);
        await apply(sid, { status: 'read', atMs: 0 }, false);
      }),
    async resume() {
      const since = new Date(sim.ctx.now().getTime() - 24 * 3600_000);
      for (const message of await undeliveredMessages(sim.db, since)) {
        const reached = message.status === 'sent' ? ['sent'] : [];
        void deliver(message.sid, planDelivery({ ...sim.settings.get(), callbackOrder: 'in-order' }, null).filter((s) => !reached.includes(s.status)));
      }
    },
  };
}
