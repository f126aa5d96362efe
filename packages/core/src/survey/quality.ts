/**
 * Quality signals of a response: completed too fast, the same choice everywhere (straight-lining),
 * and a fingerprint of its answers to find duplicates.
 */
import type { Questionnaire, SurveyAnswers, SurveyFlag } from './questionnaire-types.ts';

/** Likert answers needed before identical choices count as straight-lining. */
export const STRAIGHT_LINING_MIN_ANSWERS = 5;

export interface ResponseTiming {
  /** Seconds from opening the form to sending it; unknown for paper and imports. */
  readonly durationSeconds?: number | null;
  readonly minSeconds: number;
}

export function responseFlags(q: Questionnaire, answers: SurveyAnswers, timing: ResponseTiming): SurveyFlag[] {
  const flags: SurveyFlag[] = [];
  const d = timing.durationSeconds;
  if (d !== undefined && d !== null && d < timing.minSeconds) flags.push('too_fast');
  const likert = q.questions.filter((question) => question.type === 'likert' && answers[question.name]?.trim());
  const choices = new Set(likert.map((question) => answers[question.name]!.trim()));
  if (likert.length >= STRAIGHT_LINING_MIN_ANSWERS && choices.size === 1) flags.push('straight_lining');
  return flags;
}

/** murmur3's final mix: spreads a 32-bit state so close inputs land far apart. */
function fmix32(x: number): number {
  let h = x ^ (x >>> 16);
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** 32-bit FNV-1a of a string with a seed, then mixed (Math.imul keeps it in integers). */
export function hash32(text: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return fmix32(h);
}

/**
 * A stable 64-bit fingerprint (16 hex digits) of answers, whatever their key order; blank answers
 * are ignored. Equal answers give equal fingerprints; a collision among a million responses is
 * about one chance in 36 million.
 */
export function answersFingerprint(answers: SurveyAnswers): string {
  // Two FNV-1a lanes over "key\u0001value\u0000…" in key order (names and values hold no control characters).
  let h1 = 0x811c9dc5 ^ 0x9e3779b9;
  let h2 = 0x811c9dc5 ^ 0x2545f491;
  const eat = (text: string) => {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x01000197);
    }
  };
  for (const key of Object.keys(answers).sort()) {
    const value = answers[key]!.trim();
    if (value === '') continue;
    eat(key);
    eat('\u0001');
    eat(value);
    eat('\u0000');
  }
  const hex = (n: number) => n.toString(16).padStart(8, '0');
  return hex(fmix32(h1)) + hex(fmix32(h2));
}
