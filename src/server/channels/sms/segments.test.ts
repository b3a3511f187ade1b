import { describe, expect, it } from 'vitest';
import { countSegments } from './segments.js';

describe('countSegments', () => {
  it('counts GSM-7 in 160, then 153 per segment; extension characters take two', () => {
    expect(countSegments('a'.repeat(160))).toEqual({ encoding: 'GSM-7', units: 160, segments: 1 });
    expect(countSegments('a'.repeat(161))).toEqual({ encoding: 'GSM-7', units: 161, segments: 2 });
    expect(countSegments('€'.repeat(80))).toEqual({ encoding: 'GSM-7', units: 160, segments: 1 });
    expect(countSegments('a'.repeat(307)).segments).toBe(3);
  });

  it('counts UCS-2 (Korean, emoji) in 70, then 67 per segment', () => {
    expect(countSegments('안'.repeat(70))).toEqual({ encoding: 'UCS-2', units: 70, segments: 1 });
    expect(countSegments('안'.repeat(71)).segments).toBe(2);
    expect(countSegments('😀'.repeat(35))).toEqual({ encoding: 'UCS-2', units: 70, segments: 1 });
    expect(countSegments('').segments).toBe(1);
  });
});
