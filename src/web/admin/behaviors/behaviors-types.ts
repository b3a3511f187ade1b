/** The behaviors API's shapes, from the server's schemas (automation/schema.ts). */
export type { BehaviorsView, UpdateBehaviorsBody, BotIntent, SurveySettings, AutoCloseSettings } from '../../../server/automation/schema';

export type TriggerDefinition = {
  trigger: string;
  audience: 'customer' | 'agent';
  oncePerConversation: boolean;
  enabledByDefault: boolean;
  placeholders: string[];
  description: string;
  defaults: Record<string, string>;
};
