import { readFileSync } from 'node:fs';
import { projectPath } from '../../src/server/project-path.js';

type Fixtures = {
  inbound: Record<'text' | 'text_unicode' | 'image' | 'location' | 'button_reply', Record<string, string>>;
  status: Record<string, Record<string, string>>;
};

/** ../shared/twilio-fixtures: webhook requests field for field as Twilio sends them. */
export const twilioFixtures: Fixtures = JSON.parse(readFileSync(projectPath('..', 'shared', 'twilio-fixtures', 'whatsapp-webhooks.json'), 'utf8'));

export const SHARED_OAI = (name: string) => projectPath('..', 'shared', 'twilio-oai', name);
