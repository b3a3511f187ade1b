import { describe, expect, it } from 'vitest';
import { editorLanguages, triggerSettings, unknownPlaceholders } from './texts';

describe('automated message texts', () => {
  it("offers the workstream's language first, then the catalogue's and any rewritten one", () => {
    expect(editorLanguages(['en', 'ko', 'es'], 'ja', ['fr', 'ko'])).toEqual(['ja', 'en', 'ko', 'es', 'fr']);
  });

  it('leaves empty boxes out so the default applies', () => {
    expect(triggerSettings({ enabled: true, texts: { en: '  Hi {AgentName}  ', ko: '   ' } })).toEqual({ enabled: true, texts: { en: 'Hi {AgentName}' } });
  });

  it('finds placeholders the trigger does not fill', () => {
    expect(unknownPlaceholders('Hi {AgentName}, queue {QueueName} {Agent}', ['AgentName', 'QueueName'])).toEqual(['Agent']);
    expect(unknownPlaceholders('No placeholder', [])).toEqual([]);
  });
});
