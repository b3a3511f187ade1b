/** How carriers split a text into SMS segments: GSM-7 160 (153 when split), otherwise UCS-2 70 (67). */

const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
// The extension table: each of these takes two septets (an escape, then the character).
const GSM_EXTENDED = '^{}\\[~]|€\f';
const basic = new Set(GSM_BASIC);
const extended = new Set(GSM_EXTENDED);

export type SegmentCount = { encoding: 'GSM-7' | 'UCS-2'; units: number; segments: number };

export function countSegments(text: string): SegmentCount {
  const chars = [...text];
  if (chars.every((c) => basic.has(c) || extended.has(c))) {
    const units = chars.reduce((n, c) => n + (extended.has(c) ? 2 : 1), 0);
    return { encoding: 'GSM-7', units, segments: units <= 160 ? 1 : Math.ceil(units / 153) };
  }
  // UCS-2 counts UTF-16 code units: an emoji outside the basic plane takes two.
  const units = text.length;
  return { encoding: 'UCS-2', units, segments: units <= 70 ? 1 : Math.ceil(units / 67) };
}
