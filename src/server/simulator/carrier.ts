import { planDelivery, type DeliveryStep } from './delivery-rules.js';
import { pause, type Simulator } from './simulator.js';
import { advanceStatus, findMessage, undeliveredMessages, type SimMessage } from './store.js';
import { sendStatusCallback } from './status-callback.js';
import { fetchOutboundMedia } from './fetch-outbound-media.js';
import { channelOfMessage } from './channels.js';

/**
 * The simulated networks behind the fake Twilio (WhatsApp, SMS): it carries each accepted message through
 * its statuses in order and reports each step with a status callback.
 */
export type Carrier = {
  /** Runs a message's planned steps; resolves when the last callback has been answered. */
  deliver(message: Pick<SimMessage, 'sid' | 'num_media'>, steps: DeliveryStep[]): Promise<void>;
  /** The customer read the message (see canBeRead): delivered first if it was not yet, then read; only where phones report reading. */
  read(sid: string): Promise<void>;
  /** Picks up deliveries that a restart interrupted. */
  resume(): Promise<void>;
};

export function createCarrier(sim: Simulator): Carrier {
  /** Records a status and reports it; a status the message is already past is not reported, unless the step is forced. */
  async function apply(sid: string, step: DeliveryStep): Promise<void> {
    const updated = await advanceStatus(sim.db, sid, step, sim.ctx.now());
    if (updated) await sim.publish(updated);
    const message = updated ?? (step.force ? await findMessage(sim.db, sid) : undefined);
    if (message) await sendStatusCallback(sim, message, step);
  }

  function deliver({ sid, num_media }: Pick<SimMessage, 'sid' | 'num_media'>, planned: DeliveryStep[]): Promise<void> {
    const startedAt = Date.now();
    const run = async () => {
      let steps = planned;
      const mediaProblem = num_media > 0 ? await fetchOutboundMedia(sim, sid) : null;
      if (mediaProblem) steps = [{ status: 'failed', atMs: planned[0]?.atMs ?? 0, errorCode: 63019, errorMessage: mediaProblem }];
      for (const step of steps) {
        if (!(await pause(startedAt + step.atMs - Date.now(), sim.signal))) return;
        await apply(sid, step);
      }
    };
    return run().catch((err) => sim.log.error({ err, sid }, 'simulator: delivery failed'));
  }

  return {
    deliver,
    // Not queued behind the planned steps: a customer may read before "delivered" was due.
    // Those steps then find the message further on and stay silent.
    async read(sid) {
      const message = await findMessage(sim.db, sid);
      if (!message || !canBeRead(message.status) || !channelOfMessage(message).simulator.readReceipts) return;
      if (message.status !== 'delivered') await apply(sid, { status: 'delivered', atMs: 0 });
      await apply(sid, { status: 'read', atMs: 0 });
    },
    async resume() {
      const since = new Date(sim.ctx.now().getTime() - 24 * 3600_000);
      for (const message of await undeliveredMessages(sim.db, since)) {
        const reached = message.status === 'sent' ? ['sent'] : [];
        const readReceipts = channelOfMessage(message).simulator.readReceipts;
        void deliver(message, planDelivery({ ...sim.settings.get(), callbackOrder: 'in-order' }, null, false, readReceipts).filter((s) => !reached.includes(s.status)));
      }
    },
  };
}

/** A message on its way (sent) or on the phone (delivered) can be read; one still queued or failed cannot. */
export const canBeRead = (status: string) => status === 'sent' || status === 'delivered';
