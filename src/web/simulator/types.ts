/**
 * The simulator phone API's shapes (server: src/server/simulator/schema.ts). Kept here as plain
 * types because the phone page only reads them.
 */
export type BusinessNumber = {
  phoneNumber: string;
  accountSid: string;
  friendlyName: string;
  sandbox: boolean;
  sandboxKeyword?: string | null;
  smsUrl: string | null;
};

/** The channels the phone writes on; `location`: it can share a place there. */
export const PHONE_CHANNELS = [
  { id: 'whatsapp', location: true },
  { id: 'sms', location: false },
] as const;
export type PhoneChannel = (typeof PHONE_CHANNELS)[number]['id'];

export type PhoneMessage = {
  sid: string;
  channel: PhoneChannel;
  /** WhatsApp formatting (*bold*…) shows; off: plain text, as an SMS app shows it. */
  formatted: boolean;
  /** The phone reports reading it to the business. */
  readReceipts: boolean;
  direction: 'to-business' | 'to-customer';
  from: string;
  to: string;
  body: string;
  media: { url: string; contentType: string }[];
  contentSid: string | null;
  contentVariables: Record<string, string> | null;
  status: string;
  errorCode: number | null;
  errorMessage: string | null;
  dateCreated: string;
  profileName?: string | null;
  location?: { latitude: number; longitude: number; label: string | null; address: string | null } | null;
  button?: { text: string; payload: string | null } | null;
  choices?: PhoneChoices | null;
};

export type PhoneChoice = { id: string; title: string };
/** A Content message's quick-reply buttons, or its list (opened by the menu label's button). */
export type PhoneChoices = { kind: 'quick-reply' | 'list-picker'; menuLabel: string | null; options: PhoneChoice[] };

export type WebhookResult = { ok: boolean; status: number | null; error?: string };
export type SendResult = { sid: string; webhook: WebhookResult; sandboxJoin?: { joined: boolean } };

export type Fault = { kind: string; count: number; code?: number; message?: string; hangMs?: number };
export type SimulatorSettings = {
  sentAfterMs: number;
  deliveredAfterMs: number;
  autoRead: boolean;
  readAfterMs: number;
  responseDelayMs: number;
  callbackOrder: 'in-order' | 'reversed';
  callbacksBeforeAnswer: boolean;
  faults: Fault[];
};

export type OutgoingMessage = {
  channel?: PhoneChannel;
  body?: string;
  image?: { contentType: string; dataBase64: string; filename?: string };
  location?: { latitude: number; longitude: number; label?: string; address?: string };
  button?: { text: string; payload: string };
};
