import { describe, expect, it } from 'vitest';
import { parseSurveyAnswer } from './parse-answer.js';

describe('a WhatsApp reply read as a survey answer', () => {
  it.each([
    ['5', 5, null],
    [' 4 ', 4, null],
    ['4/5', 4, null],
    ['3 stars - slow but fine', 3, 'slow but fine'],
    ['5 great service!', 5, 'great service!'],
    ['2, nobody answered my question', 2, 'nobody answered my question'],
    ['⭐⭐⭐⭐', 4, null],
    ['⭐⭐ meh', 2, 'meh'],
    ['5점 친절했어요', 5, '친절했어요'],
    ['4 estrellas muy bien', 4, 'muy bien'],
  ])('%j → %i, %j', (text, rating, comment) => {
    expect(parseSurveyAnswer(text)).toEqual({ rating, comment });
  });

  it.each(['hello again', '0', '6', '10 out of 10', '12345 is my order', '', '4.5'])('%j is not an answer', (text) => {
    expect(parseSurveyAnswer(text)).toBeNull();
  });
});
