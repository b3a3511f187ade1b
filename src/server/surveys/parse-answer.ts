/**
 * A WhatsApp reply read as a survey answer: a rating from 1 to 5 first (a digit, "4/5", "4 stars"
 * or that many ⭐), then an optional comment. Anything else is not an answer: the customer may be
 * starting a new conversation.
 */
export function parseSurveyAnswer(text: string): { rating: number; comment: string | null } | null {
  const trimmed = text.trim();
  const stars = /^(⭐️?){1,5}/u.exec(trimmed);
  if (stars) {
    const count = [...stars[0].matchAll(/⭐/gu)].length;
    return { rating: count, comment: commentOf(trimmed.slice(stars[0].length)) };
  }
  const digit = /^([1-5])(?![0-9]|[.,]\d)(?:\s*(?:\/\s*5|stars?|점|estrellas?))?/iu.exec(trimmed);
  if (!digit) return null;
  return { rating: Number(digit[1]), comment: commentOf(trimmed.slice(digit[0].length)) };
}

function commentOf(rest: string): string | null {
  const comment = rest.replace(/^[\s\-:,.!–—]+/u, '').trim();
  return comment ? comment.slice(0, 2000) : null;
}
