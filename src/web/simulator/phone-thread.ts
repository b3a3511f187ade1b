import type { PhoneMessage } from './types';

const RANK: Record<string, number> = { accepted: 0, queued: 1, sending: 2, sent: 3, delivered: 4, undelivered: 5, failed: 5, read: 6, received: 6 };

/** The phone's thread: a message added or updated by sid, oldest first, statuses only moving forward. */
export function upsertPhoneMessage(thread: PhoneMessage[], message: PhoneMessage): PhoneMessage[] {
  const index = thread.findIndex((m) => m.sid === message.sid);
  if (index === -1) return [...thread, message].sort((a, b) => Date.parse(a.dateCreated) - Date.parse(b.dateCreated));
  const current = thread[index];
  const kept = (RANK[message.status] ?? 0) < (RANK[current.status] ?? 0) ? { ...message, status: current.status, errorCode: current.errorCode, errorMessage: current.errorMessage } : message;
  return thread.map((m, i) => (i === index ? kept : m));
}

/** Does the live message belong to the conversation on screen (this customer with this business)? */
export function belongsTo(message: PhoneMessage, customer: string, business: string): boolean {
  const strip = (address: string) => address.replace(/^whatsapp:/, '');
  const ends = [strip(message.from), strip(message.to)];
  return ends.includes(customer) && ends.includes(business);
}

/** Business messages the customer has received but not read yet, on channels that report reading (the ones a "read" can apply to). */
export function unreadFromBusiness(thread: PhoneMessage[]): PhoneMessage[] {
  return thread.filter(canMarkRead);
}

export const canMarkRead = (m: PhoneMessage) => m.direction === 'to-customer' && m.readReceipts && (m.status === 'delivered' || m.status === 'sent');

export const E164 = /^\+[1-9][0-9]{6,14}$/;
