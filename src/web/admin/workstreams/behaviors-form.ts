/**
 * The Behaviors page of the WhatsApp setup: which automated messages speak and whether the
 * post-conversation survey is sent. Shapes follow GET /workstreams/:id/behaviors and
 * GET /automation/triggers (server: automation/); pure, so the body sent is unit-tested.
 */
export type TriggerDefinition = { trigger: string; audience: 'customer' | 'agent'; enabledByDefault: boolean; placeholders: string[]; defaults: Record<string, string> };
export type TriggerSettings = { enabled?: boolean; texts?: Record<string, string> };
export type SurveySettings = { enabled: boolean; channel: 'chat' | 'link'; answerWithinMinutes: number; templateId: string | null };
export type BehaviorsView = { workstreamId: string; automatedMessages: Record<string, TriggerSettings>; survey: SurveySettings };

export type SurveyChoice = { enabled: boolean; channel: 'chat' | 'link'; templateId: string | null };
export type BehaviorChoices = { messages: Record<string, boolean>; survey: SurveyChoice };

/** The survey's own messages are governed by the survey switch, not listed with the others. */
export const SURVEY_TRIGGERS = new Set(['survey-question', 'survey-link', 'survey-thanks']);

export const listedTriggers = (catalogue: TriggerDefinition[]) => catalogue.filter((d) => !SURVEY_TRIGGERS.has(d.trigger));

export function choicesOf(catalogue: TriggerDefinition[], view: BehaviorsView): BehaviorChoices {
  return {
    messages: Object.fromEntries(listedTriggers(catalogue).map((d) => [d.trigger, view.automatedMessages[d.trigger]?.enabled ?? d.enabledByDefault])),
    survey: { enabled: view.survey.enabled, channel: view.survey.channel, templateId: view.survey.templateId },
  };
}

/**
 * Only what changed. The server replaces a trigger's settings as a whole, so a changed trigger
 * carries its rewritten texts along.
 */
export function behaviorsBody(catalogue: TriggerDefinition[], view: BehaviorsView, choices: BehaviorChoices) {
  const before = choicesOf(catalogue, view);
  const messages = Object.fromEntries(
    Object.entries(choices.messages)
      .filter(([trigger, on]) => before.messages[trigger] !== on)
      .map(([trigger, on]) => [trigger, { ...view.automatedMessages[trigger], enabled: on }]),
  );
  const surveyChanged = JSON.stringify(before.survey) !== JSON.stringify(choices.survey);
  return {
    ...(Object.keys(messages).length ? { automatedMessages: messages } : {}),
    ...(surveyChanged ? { survey: choices.survey } : {}),
  };
}

/** The text the customer would read: the workstream's rewrite, else the default, in its language or English. */
export function textIn(definition: TriggerDefinition, settings: TriggerSettings | undefined, language: string): string {
  const base = language.split('-')[0];
  return settings?.texts?.[language] ?? settings?.texts?.[base] ?? definition.defaults[language] ?? definition.defaults[base] ?? definition.defaults.en ?? '';
}
