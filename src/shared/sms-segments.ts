/**
 * How many SMS segments a text takes and in which encoding, as carriers count them (3GPP TS 23.038).
 * GSM-7 carries 160 characters in one segment, 153 per segment once split (the rest of each
 * segment holds the concatenation header); extension-table characters take two septets. Any
 * character outside the basic set and its extension makes the whole message UCS-2: 70 in one
 * segment, 67 per segment once split, counted in UTF-16 code units (an emoji takes two).
 */
export type SmsEncoding = 'GSM-7' | 'UCS-2';
export type SmsSegments = {
  encoding: SmsEncoding;
  /** Septets (GSM-7) or UTF-16 code units (UCS-2) the text takes. */
  units: number;
  segments: number;
  /** Units one segment holds at the current count (single or split). */
  perSegment: number;
  /** Units left before another segment starts. */
  remaining: number;
};

const GSM7_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM7_EXTENSION = '\f^{}\\[~]|€';

const basic = new Set(GSM7_BASIC);
const extension = new Set(GSM7_EXTENSION);

const LIMITS: Record<SmsEncoding, { single: number; split: number }> = {
  'GSM-7': { single: 160, split: 153 },
  'UCS-2': { single: 70, split: 67 },
};

/** Units of each character in GSM-7 (septets), or null when one has no GSM-7 form. */
function gsm7Units(text: string): number[] | null {
  const units: number[] = [];
  for (const ch of text) {
    if (basic.has(ch)) units.push(1);
    else if (extension.has(ch)) units.push(2);
    else return null;
  }
  return units;
}

/** UTF-16 code units of each character: a character outside the BMP is a surrogate pair. */
const ucs2Units = (text: string): number[] => Array.from(text, (ch) => ch.length);

/**
 * Segments once split: a character is never cut in two (an extension escape and its character,
 * or a surrogate pair, go together), so a segment may end one unit short.
 */
function splitSegments(units: number[], size: number): { segments: number; lastFill: number } {
  let segments = 1;
  let fill = 0;
  for (const u of units) {
    if (fill + u > size) {
      segments += 1;
      fill = 0;
    }
    fill += u;
  }
  return { segments, lastFill: fill };
}

export function smsSegments(text: string): SmsSegments {
  const gsm = gsm7Units(text);
  const encoding: SmsEncoding = gsm === null ? 'UCS-2' : 'GSM-7';
  const perChar = gsm ?? ucs2Units(text);
  const units = perChar.reduce((sum, u) => sum + u, 0);
  const limit = LIMITS[encoding];
  if (units === 0) return { encoding, units, segments: 0, perSegment: limit.single, remaining: limit.single };
  if (units <= limit.single) return { encoding, units, segments: 1, perSegment: limit.single, remaining: limit.single - units };
  const { segments, lastFill } = splitSegments(perChar, limit.split);
  return { encoding, units, segments, perSegment: limit.split, remaining: limit.split - lastFill };
}
