import { describe, expect, it } from 'vitest';
import { behaviorsBody, choicesOf, listedTriggers, textIn, type BehaviorsView, type TriggerDefinition } from './behaviors-form';

const catalogue: TriggerDefinition[] = [
  { trigger: 'greeting', audience: 'customer', enabledByDefault: false, placeholders: [], defaults: { en: 'Hello!', ko: '안녕하세요!' } },
  { trigger: 'attachment-not-allowed', audience: 'customer', enabledByDefault: true, placeholders: [], defaults: { en: 'No files, sorry.' } },
  { trigger: 'survey-question', audience: 'customer', enabledByDefault: true, placeholders: [], defaults: { en: 'Rate us' } },
];
const view: BehaviorsView = {
  workstreamId: 'w1',
  automatedMessages: { greeting: { texts: { ko: '반갑습니다!' } } },
  survey: { enabled: false, channel: 'chat', answerWithinMinutes: 1440, templateId: null },
};

describe('behaviors of the WhatsApp setup', () => {
  it('lists the automated messages with their current switch, the survey ones apart', () => {
    expect(listedTriggers(catalogue).map((d) => d.trigger)).toEqual(['greeting', 'attachment-not-allowed']);
    expect(choicesOf(catalogue, view)).toEqual({ messages: { greeting: false, 'attachment-not-allowed': true }, survey: { enabled: false, channel: 'chat', templateId: null } });
  });

  it('sends only what changed, keeping a rewritten text with its trigger', () => {
    const choices = choicesOf(catalogue, view);
    expect(behaviorsBody(catalogue, view, choices)).toEqual({});
    const changed = { messages: { ...choices.messages, greeting: true }, survey: { ...choices.survey, enabled: true, channel: 'link' as const } };
    expect(behaviorsBody(catalogue, view, changed)).toEqual({
      automatedMessages: { greeting: { texts: { ko: '반갑습니다!' }, enabled: true } },
      survey: { enabled: true, channel: 'link', templateId: null },
    });
  });

  it('shows the rewrite in the language, else the default, else English', () => {
    expect(textIn(catalogue[0], view.automatedMessages.greeting, 'ko')).toBe('반갑습니다!');
    expect(textIn(catalogue[0], undefined, 'ko-KR')).toBe('안녕하세요!');
    expect(textIn(catalogue[1], undefined, 'es')).toBe('No files, sorry.');
  });
});
