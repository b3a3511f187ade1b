import { readFileSync } from 'node:fs';
import { projectPath } from '../../src/server/project-path.js';

type Fixtures = {
  inbound: Record<'text' | 'text_unicode' | 'image' | 'location' | 'button_reply', Record<string, string>>;
  status: Record<string, Record<string, string>>;
};

/** test/contract/twilio-fixtures: webhook requests field for field as Twilio sends them. */
export const twilioFixtures: Fixtures = JSON.parse(readFileSync(projectPath('test', 'contract', 'twilio-fixtures', 'whatsapp-webhooks.json'), 'utf8'));

type SmsFixtures = {
  inbound: Record<'text' | 'text_korean' | 'mms_image' | 'stop', Record<string, string>>;
  status: Record<'delivered' | 'failed_unsubscribed', Record<string, string>>;
};

/** test/contract/twilio-fixtures: Twilio's SMS/MMS webhooks, field for field. */
export const smsFixtures: SmsFixtures = JSON.parse(readFileSync(projectPath('test', 'contract', 'twilio-fixtures', 'sms-webhooks.json'), 'utf8'));

/** test/contract/twilio-oai: Twilio's official OpenAPI documents (MIT, see LICENSE there). */
export const TWILIO_OAI = (name: string) => projectPath('test', 'contract', 'twilio-oai', name);
