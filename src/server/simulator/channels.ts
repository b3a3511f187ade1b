import { CHANNELS, channelAdapter, type ChannelId } from '../channels/registry.js';
import type { ChannelAdapter, ChannelSimulator } from '../channels/types.js';
import type { SimMessage } from './store.js';

/** A channel the simulator can carry: Twilio carries it, and it says how its phone behaves. */
export type SimulatedChannel = ChannelAdapter & { twilio: NonNullable<ChannelAdapter['twilio']>; simulator: ChannelSimulator };

const simulated = (c: ChannelAdapter | undefined): c is SimulatedChannel => Boolean(c?.twilio && c.simulator);

export const SIMULATED_CHANNELS: SimulatedChannel[] = Object.values(CHANNELS).filter(simulated);

/** The channel a Twilio address ("whatsapp:+1…", "+1…") belongs to, when the simulator carries it. */
export function simulatedChannelOf(address: string): SimulatedChannel | undefined {
  return SIMULATED_CHANNELS.find((c) => c.twilio.ownsAddress(address));
}

export function simulatedChannel(id: ChannelId): SimulatedChannel | undefined {
  const adapter = channelAdapter(id);
  return simulated(adapter) ? adapter : undefined;
}

/**
 * The channel a stored message went over, read from the customer's address on it (the simulator
 * only stores messages on channels it carries, so there always is one).
 */
export function channelOfMessage(m: Pick<SimMessage, 'direction' | 'from_address' | 'to_address'>): SimulatedChannel {
  const customerAddress = m.direction === 'inbound' ? (m.from_address ?? '') : m.to_address;
  const channel = simulatedChannelOf(customerAddress);
  if (!channel) throw new Error(`simulator: no channel carries the address ${customerAddress}`);
  return channel;
}
