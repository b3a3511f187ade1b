import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import enCommon from './en/common.json';
import koCommon from './ko/common.json';

/**
 * Every string the web app shows lives in these catalogs, one file per area and language. The
 * common one ships with the page; each area's comes with the area (see loadAreaCatalogs), so the
 * agent workspace does not download the admin center's words.
 */
export const LANGUAGES = [
  { code: 'en', label: 'English' },
  { code: 'ko', label: '한국어' },
] as const;

// Screen readers, spelling, hyphenation and fonts follow <html lang>: it names the language shown.
i18n.on('languageChanged', () => {
  document.documentElement.lang = i18n.resolvedLanguage ?? i18n.language;
});

void i18n
  .use(LanguageDetector)
  .use(initReactI18next)
  .init({
    resources: {
      en: { translation: enCommon },
      ko: { translation: koCommon },
    },
    fallbackLng: 'en',
    supportedLngs: ['en', 'ko'],
    nonExplicitSupportedLngs: true,
    interpolation: { escapeValue: false }, // React escapes already
    detection: { order: ['localStorage', 'navigator'], caches: ['localStorage'], lookupLocalStorage: 'switchboard.language' },
  });

export type Area = 'agent' | 'admin' | 'simulator' | 'supervisor';

const areaCatalogs = import.meta.glob<{ default: Record<string, unknown> }>(['./*/*.json', '!./*/common.json']);
const loadedAreas = new Map<Area, Promise<void>>();

/** Adds an area's catalogs in every language (so switching language needs no download); once per area. */
export function loadAreaCatalogs(area: Area): Promise<void> {
  let loading = loadedAreas.get(area);
  if (!loading) {
    loading = Promise.all(
      LANGUAGES.map(async ({ code }) => {
        const load = areaCatalogs[`./${code}/${area}.json`];
        if (load) i18n.addResourceBundle(code, 'translation', (await load()).default, true, true);
      }),
    ).then(() => undefined);
    loadedAreas.set(area, loading);
  }
  return loading;
}

export default i18n;
