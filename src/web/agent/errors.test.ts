import { describe, expect, it } from 'vitest';
import i18next from 'i18next';
import enCommon from '../i18n/en/common.json';
import koCommon from '../i18n/ko/common.json';
import enAgent from '../i18n/en/agent.json';
import koAgent from '../i18n/ko/agent.json';
import { ApiError } from '../shell/api';
import { errorText } from './errors';

async function translator(language: 'en' | 'ko') {
  const i18n = i18next.createInstance();
  const resources = { en: { translation: { ...enCommon, ...enAgent } }, ko: { translation: { ...koCommon, ...koAgent } } };
  await i18n.init({ lng: language, resources, interpolation: { escapeValue: false } });
  return i18n.t;
}
const refused = (code: string, details: Record<string, unknown> = {}) => new ApiError(409, code, 'The server sentence.', undefined, details);

describe("the agent workspace words the server's refusals in the agent's language", () => {
  it('names the conversation state with the glossary word', async () => {
    expect(errorText(refused('ILLEGAL_TRANSITION', { state: 'waiting' }), await translator('en'))).toBe(
      'This conversation is "On hold" now, so this cannot be done; the list shows its latest state.',
    );
    expect(errorText(refused('ILLEGAL_TRANSITION', { state: 'closed' }), await translator('ko'))).toBe(
      "이 대화는 지금 '종료' 상태라 이 작업을 할 수 없습니다. 목록에서 최신 상태를 확인하세요.",
    );
  });

  it.each(['OFFERED_TO_ANOTHER', 'MESSAGE_NOT_RETRYABLE', 'WRAP_UP_REASON_REQUIRED'])('says %s in Korean, not the server sentence', async (code) => {
    const text = errorText(refused(code), await translator('ko'));
    expect(text).not.toBe('The server sentence.');
    expect(text).toMatch(/[가-힣]/);
  });

  it("keeps the server's sentence for a code it does not know", async () => {
    expect(errorText(refused('SOMETHING_NEW'), await translator('ko'))).toBe('The server sentence.');
  });
});
