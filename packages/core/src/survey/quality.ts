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

/** 32-bit FNV-1a-style mix of a string with a seed (Math.imul keeps it in integers). */
export function hash32(text: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  // Final avalanche (murmur3 fmix32) so close strings land far apart.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * A stable 64-bit fingerprint (16 hex digits) of answers, whatever their key order; blank answers
 * are ignored. Equal answers give equal fingerprints; a collision among a million responses is
 * about one chance in 36 million.
 */
export function answersFingerprint(answers: SurveyAnswers): string {
  const canonical = JSON.stringify(
    Object.keys(answers).filter((k) => answers[k]!.trim() !== '').sort().map((k) => [k, answers[k]!.trim()]),
  );
  const hex = (n: number) => n.toString(16).padStart(8, '0');
  return hex(hash32(canonical, 0x9e3779b9)) + hex(hash32(canonical, 0x2545f491));
}
