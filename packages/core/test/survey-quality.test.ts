import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { answersFingerprint, normaliseAnswers, reconcileEntries, responseFlags } from '../src/index.ts';
import { scoredQuestionnaire as q } from './survey-fixtures.ts';

describe('quality flags', () => {
  it('flags a response sent faster than the minimum, only when its duration is known', () => {
    expect(responseFlags(q, {}, { durationSeconds: 30, minSeconds: 60 })).toEqual(['too_fast']);
    expect(responseFlags(q, {}, { durationSeconds: 60, minSeconds: 60 })).toEqual([]);
    expect(responseFlags(q, {}, { durationSeconds: null, minSeconds: 60 })).toEqual([]);
  });

  it('flags straight-lining: five or more likert answers, all the same choice', () => {
    const same = { a: 'A', b: 'A', c: 'A', d: 'A', f: 'A' };
    expect(responseFlags(q, same, { minSeconds: 0 })).toEqual(['straight_lining']);
    expect(responseFlags(q, { ...same, f: 'B' }, { minSeconds: 0 })).toEqual([]);
    // e is select_one, not likert: four likert answers are too few
    expect(responseFlags(q, { a: 'A', b: 'A', c: 'A', d: 'A', e: 'A' }, { minSeconds: 0 })).toEqual([]);
  });
});

describe('fingerprint of answers', () => {
  it('is the same whatever the key order, and differs when an answer differs', () => {
    expect(answersFingerprint({ a: 'A', b: 'B' })).toBe(answersFingerprint({ b: 'B', a: 'A', c: '' }));
    expect(answersFingerprint({ a: 'A', b: 'B' })).not.toBe(answersFingerprint({ a: 'A', b: 'C' }));
    expect(answersFingerprint({ a: 'A B' })).not.toBe(answersFingerprint({ a: 'A', B: '' }));
    expect(answersFingerprint({})).toMatch(/^[0-9a-f]{16}$/);
  });

  it('equal answers give equal fingerprints, in any key order (property)', () => {
    const answers = fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd', 'e'), fc.constantFrom('A', 'B', 'C', 'x y'));
    fc.assert(fc.property(answers, fc.integer(), (a, seed) => {
      const keys = Object.keys(a);
      const shuffled = Object.fromEntries(keys.map((_, i) => keys[(i + Math.abs(seed)) % keys.length]!).map((k) => [k, a[k]!]));
      expect(answersFingerprint(shuffled)).toBe(answersFingerprint(a));
    }));
  });
});

describe('paper double entry', () => {
  it('agrees when the normalised answers are equal', () => {
    expect(reconcileEntries(q, { gate: 'co ', kenh: 'truc_tuyen truc_tiep', phi: '12,50' }, { kenh: 'truc_tiep,truc_tuyen', gate: 'co', phi: '12.5' }))
      .toEqual({ agreed: true, answers: { gate: 'co', kenh: 'truc_tiep truc_tuyen', phi: '12.5' } });
  });

  it('lists the differences question by question, in questionnaire order', () => {
    expect(reconcileEntries(q, { gate: 'co', a: 'A', phi: '12', x: '1' }, { gate: 'co', a: 'B', b: 'C', phi: 'mười hai' })).toEqual({
      agreed: false,
      differences: [
        { question: 'a', first: 'A', second: 'B' },
        { question: 'b', first: null, second: 'C' },
        { question: 'phi', first: '12', second: 'mười hai' },
        { question: 'x', first: '1', second: null },
      ],
    });
  });

  it('agrees if and only if the normalised answers are equal (property)', () => {
    const value = fc.constantFrom('A', ' A', 'B', 'KB', '', 'truc_tiep truc_tuyen', 'truc_tuyen,truc_tiep', '1,5', '1.50', '2');
    const entry = fc.dictionary(fc.constantFrom('gate', 'a', 'b', 'kenh', 'phi', 'y_kien'), value);
    fc.assert(fc.property(entry, entry, (first, second) => {
      const r = reconcileEntries(q, first, second);
      const equal = JSON.stringify(normaliseAnswers(q, first)) === JSON.stringify(normaliseAnswers(q, second));
      expect(r.agreed).toBe(equal);
      if (r.agreed) expect(r.answers).toEqual(normaliseAnswers(q, second));
      else expect(r.differences.length).toBeGreaterThan(0);
    }), { numRuns: 500 });
  });
});
