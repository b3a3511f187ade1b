import { readFileSync } from 'node:fs';
import { projectPath } from '../../src/server/project-path.js';

type Fixtures = {
  inbound: Record<'text' | 'text_unicode' | 'image' | 'location' | 'button_reply', Record<string, string>>;
  status: Record<string, Record<string, string>>;
};

/** test/contract/twilio-fixtures: webhook requests field for field as Twilio sends them. */
export const twilioFixtures: Fixtures = JSON.parse(readFileSync(projectPath('test', 'contract', 'twilio-fixtures', 'whatsapp-webhooks.json'), 'utf8'));

/** test/contract/twilio-oai: Twilio's official OpenAPI documents (MIT, see LICENSE there). */
export const TWILIO_OAI = (name: string) => projectPath('test', 'contract', 'twilio-oai', name);
