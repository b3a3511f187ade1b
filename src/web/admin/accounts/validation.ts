import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

/**
 * The checks the admin center runs as the person types. They mirror the server's rules (which
 * check again); each answers an i18n key under admin.errors, or null when the value is fine.
 */
export type Problem = string | null;

const ACCOUNT_SID = /^AC[0-9a-fA-F]{32}$/;

export function required(value: string): Problem {
  return value.trim() ? null : 'admin.errors.required';
}

export function accountSidProblem(value: string): Problem {
  const sid = value.trim();
  if (!sid) return 'admin.errors.required';
  if (!sid.startsWith('AC')) return 'admin.errors.accountSidPrefix';
  return ACCOUNT_SID.test(sid) ? null : 'admin.errors.accountSidFormat';
}

export function authTokenProblem(value: string): Problem {
  if (!value) return 'admin.errors.required';
  return value.length >= 8 && value.length <= 128 ? null : 'admin.errors.authTokenLength';
}

/** A WhatsApp number as Twilio wants it: E.164 with the "+" and a number that exists. */
export function e164Problem(value: string): Problem {
  const number = value.trim();
  if (!number) return 'admin.errors.required';
  if (!number.startsWith('+')) return 'admin.errors.e164Plus';
  if (!/^\+[0-9 ()-]+$/.test(number)) return 'admin.errors.e164Digits';
  const parsed = parsePhoneNumberFromString(number);
  return parsed?.isValid() ? null : 'admin.errors.e164Invalid';
}

/** The number as it will be stored: "+1 (415) 523-8886" → "+14155238886". */
export function normalizeE164(value: string): string {
  return parsePhoneNumberFromString(value.trim())?.number ?? value.trim();
}

export function messagingServiceSidProblem(value: string): Problem {
  if (!value.trim()) return null;
  return /^MG[0-9a-fA-F]{32}$/.test(value.trim()) ? null : 'admin.errors.messagingServiceSid';
}
