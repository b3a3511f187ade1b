import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import enCommon from './en/common.json';
import enAgent from './en/agent.json';
import enAdmin from './en/admin.json';
import enSimulator from './en/simulator.json';
import enSupervisor from './en/supervisor.json';
import koCommon from './ko/common.json';
import koAgent from './ko/agent.json';
import koAdmin from './ko/admin.json';
import koSimulator from './ko/simulator.json';
import koSupervisor from './ko/supervisor.json';

/** Every string the web app shows lives in these catalogs, one file per area and language. */
export const LANGUAGES = [
  { code: 'en', label: 'English' },
  { code: 'ko', label: '한국어' },
] as const;

void i18n
  .use(LanguageDetector)
  .use(initReactI18next)
  .init({
    resources: {
      en: { translation: { ...enCommon, ...enAgent, ...enAdmin, ...enSimulator, ...enSupervisor } },
      ko: { translation: { ...koCommon, ...koAgent, ...koAdmin, ...koSimulator, ...koSupervisor } },
    },
    fallbackLng: 'en',
    supportedLngs: ['en', 'ko'],
    nonExplicitSupportedLngs: true,
    interpolation: { escapeValue: false }, // React escapes already
    detection: { order: ['localStorage', 'navigator'], caches: ['localStorage'], lookupLocalStorage: 'switchboard.language' },
  });

export default i18n;
