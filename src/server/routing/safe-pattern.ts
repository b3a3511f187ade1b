import safeRegex from 'safe-regex2';

/** Regular expressions in rules: short, free of nested quantifiers, run over bounded input. */
export const MAX_PATTERN_LENGTH = 200;
export const MAX_MATCHED_INPUT = 2000;

const compiled = new Map<string, RegExp>();

/** Why a pattern may not be used, or null when it is safe. */
export function patternProblem(pattern: string): string | null {
  if (pattern.length > MAX_PATTERN_LENGTH) return `The pattern is longer than ${MAX_PATTERN_LENGTH} characters.`;
  try {
    new RegExp(pattern, 'iu');
  } catch (err) {
    return `The pattern is not a valid regular expression: ${(err as Error).message}`;
  }
  // Star height above 1 (e.g. (a+)+) can backtrack exponentially; backreferences too.
  if (!safeRegex(pattern) || /\\[1-9]|\\k</.test(pattern)) return 'The pattern could take exponential time (nested repetition or back-references); simplify it.';
  return null;
}

/** Tests a safe pattern case-insensitively against the first MAX_MATCHED_INPUT characters. Throws on an unsafe one. */
export function safeMatch(pattern: string, input: string): boolean {
  let re = compiled.get(pattern);
  if (!re) {
    const problem = patternProblem(pattern);
    if (problem) throw new Error(problem);
    re = new RegExp(pattern, 'iu');
    if (compiled.size > 1000) compiled.clear();
    compiled.set(pattern, re);
  }
  return re.test(input.slice(0, MAX_MATCHED_INPUT));
}
