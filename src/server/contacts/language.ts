import { countryOf } from '../routing/plan-route.js';

/**
 * The language most customers of a country write in, for the countries whose language we have
 * templates and automated texts in (en, ko, es) and their near neighbours. A guess only: the agent
 * sees it marked as such and can store the customer's real language on the contact.
 */
const LANGUAGE_OF_COUNTRY: Record<string, string> = {
  KR: 'ko',
  JP: 'ja',
  CN: 'zh',
  TW: 'zh',
  HK: 'zh',
  US: 'en', GB: 'en', IE: 'en', AU: 'en', NZ: 'en', CA: 'en', ZA: 'en', SG: 'en', IN: 'en', PH: 'en',
  ES: 'es', MX: 'es', AR: 'es', CO: 'es', CL: 'es', PE: 'es', VE: 'es', EC: 'es', GT: 'es', CU: 'es', BO: 'es',
  DO: 'es', HN: 'es', PY: 'es', SV: 'es', NI: 'es', CR: 'es', PA: 'es', UY: 'es', PR: 'es',
  BR: 'pt', PT: 'pt',
  FR: 'fr', DE: 'de', AT: 'de', IT: 'it', NL: 'nl',
};

/** The language a customer probably writes in, from their phone number's country; null when unknown. */
export function languageFromPhone(phone: string): string | null {
  const country = countryOf(phone);
  return country ? (LANGUAGE_OF_COUNTRY[country] ?? null) : null;
}
