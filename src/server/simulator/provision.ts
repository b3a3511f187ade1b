import type { Db } from '../db/database.js';

/**
 * The simulator's "Twilio console": create a simulated Twilio account (like signing up) and set a
 * number's "When a message comes in" webhook (like pasting the inbound URL into Twilio).
 */
export async function createSimulatorAccount(_db: Db, _input: { friendlyName: string }): Promise<{ accountSid: string; authToken: string }> {
  throw new Error('not implemented yet');
}

export async function configureSimulatorNumber(
  _db: Db,
  _input: { accountSid: string; phoneNumber: string; smsUrl: string; sandbox?: boolean },
): Promise<void> {
  throw new Error('not implemented yet');
}
