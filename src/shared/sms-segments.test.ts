import { describe, expect, it } from 'vitest';
import { smsSegments } from './sms-segments.js';

describe('smsSegments', () => {
  it('counts nothing for an empty text', () => {
    expect(smsSegments('')).toEqual({ encoding: 'GSM-7', units: 0, segments: 0, perSegment: 160, remaining: 160 });
  });

  it('keeps plain Latin text in GSM-7: 160 characters in one segment', () => {
    expect(smsSegments('Hello, your order #123 ships today.')).toMatchObject({ encoding: 'GSM-7', units: 35, segments: 1, remaining: 125 });
    expect(smsSegments('a'.repeat(160))).toMatchObject({ encoding: 'GSM-7', segments: 1, perSegment: 160, remaining: 0 });
  });

  it('splits GSM-7 text in segments of 153 from the 161st character on', () => {
    expect(smsSegments('a'.repeat(161))).toMatchObject({ segments: 2, perSegment: 153, remaining: 306 - 161 });
    expect(smsSegments('a'.repeat(306))).toMatchObject({ segments: 2, remaining: 0 });
    expect(smsSegments('a'.repeat(307))).toMatchObject({ segments: 3, remaining: 152 });
  });

  it('takes the accented letters and Greek capitals of the basic set as GSM-7', () => {
    expect(smsSegments('Çà é ñ ü ß Ø Å ΔΦΓΛΩΠΨΣΘΞ @£$¥§¿¡\n\r')).toMatchObject({ encoding: 'GSM-7' });
  });

  it('counts the extension table characters twice in GSM-7', () => {
    for (const ch of ['€', '[', ']', '{', '}', '^', '~', '|', '\\', '\f']) {
      expect(smsSegments(ch), ch).toMatchObject({ encoding: 'GSM-7', units: 2 });
    }
    expect(smsSegments('Price: 5€')).toMatchObject({ units: 10 });
    expect(smsSegments('€'.repeat(80))).toMatchObject({ units: 160, segments: 1, remaining: 0 });
    expect(smsSegments('€'.repeat(81))).toMatchObject({ units: 162, segments: 2 });
  });

  it('never splits an extension character across two segments', () => {
    // 152 plain characters then €: the escape would land in the 153rd septet and its character in the next segment.
    const text = 'a'.repeat(152) + '€' + 'a'.repeat(10);
    expect(smsSegments(text)).toMatchObject({ units: 164, segments: 2, remaining: 153 - 12 });
  });

  it('makes the whole text UCS-2 for one character outside GSM-7', () => {
    expect(smsSegments('Hello ç')).toMatchObject({ encoding: 'UCS-2', units: 7 }); // ç lower case is not in the basic set
    expect(smsSegments('a'.repeat(100) + '’')).toMatchObject({ encoding: 'UCS-2', units: 101, segments: 2, perSegment: 67 });
  });

  it('takes Korean text as UCS-2: 70 in one segment, 67 per segment once split', () => {
    expect(smsSegments('안녕하세요, 주문이 오늘 발송됩니다.')).toMatchObject({ encoding: 'UCS-2', units: 20, segments: 1, perSegment: 70, remaining: 50 });
    expect(smsSegments('가'.repeat(70))).toMatchObject({ segments: 1, remaining: 0 });
    expect(smsSegments('가'.repeat(71))).toMatchObject({ segments: 2, perSegment: 67, remaining: 134 - 71 });
    expect(smsSegments('가'.repeat(135))).toMatchObject({ segments: 3 });
  });

  it('counts an emoji as two UCS-2 units and never splits it', () => {
    expect(smsSegments('👍')).toMatchObject({ encoding: 'UCS-2', units: 2, segments: 1 });
    const text = 'a'.repeat(66) + '👍' + 'a'.repeat(10); // 78 units: the pair does not fit in the first segment's last unit
    expect(smsSegments(text)).toMatchObject({ units: 78, segments: 2, remaining: 67 - 12 });
  });
});
