import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { ValidationError } from '../http/errors.js';

/** Returns the number in E.164 or throws a ValidationError a person can act on. */
export function normalizeE164(input: string, field = 'number'): string {
  const trimmed = input.trim();
  if (!trimmed.startsWith('+')) throw new ValidationError('The number must be in international format and start with "+", for example +14155238886.', field);
  const parsed = parsePhoneNumberFromString(trimmed);
  if (!parsed || !parsed.isValid()) throw new ValidationError(`${trimmed} is not a valid phone number.`, field);
  return parsed.number;
}
