/** Languages offered for workstreams and templates (BCP 47, as WhatsApp templates use them). */
export const LANGUAGES = ['en', 'ko', 'es', 'pt-BR', 'fr', 'de', 'it', 'ja', 'zh-CN', 'id', 'hi', 'ar', 'tr', 'vi', 'th'] as const;

const names = new Map<string, Intl.DisplayNames>();

/** "ko" → "Korean" (in English) or "한국어" (in Korean): the browser names languages in the UI's language. */
export function languageName(code: string, uiLanguage: string): string {
  let display = names.get(uiLanguage);
  if (!display) {
    display = new Intl.DisplayNames([uiLanguage], { type: 'language' });
    names.set(uiLanguage, display);
  }
  try {
    return display.of(code) ?? code;
  } catch {
    return code;
  }
}
