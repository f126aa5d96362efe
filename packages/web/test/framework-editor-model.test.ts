// The framework editor's pure model beyond the tree: typed decimals, the core's issues attached
// to their nodes, the live preview of one leaf, and a rule's defaults when its type is chosen.
import { describe, expect, it } from 'vitest';
import { parsePoints } from '@chiso/core';
import {
  type Doc, type DocNode, RULE_TYPES, analyze, canonicalDecimal, checkTypedPoints, decimalProblem, defaultPointsDecimals, defaultRule,
  NEW_TIER, boundKind, boundOf, locatePath, optionsOf, previewLeaf, roundingChoice, scoringOf, scoringOfKind, sourceFor, toDoc, toNodeInput,
  viDecimal, withNewOption, withRounding,
} from '../src/pages/frameworks/model';

const manual: DocNode = { key: 'm', code: '1', name: 'Tự chấm', maxPoints: '2', source: 'self_assessment', appraisingAgency: 'SNV', rule: { type: 'manual', min: '0', max: '2', step: '0.5' } };
const docOf = (nodes: DocNode[], settings?: unknown): Doc => toDoc({ id: 'fw', name: 'Bộ', nodes, ...(settings ? { settings } : {}) }, { id: '', name: '' });

describe('typed decimals', () => {
  it('reads the Vietnamese way and gives the canonical text', () => {
    expect(canonicalDecimal('0,25', 'points')).toBe('0.25');
    expect(canonicalDecimal('1.237', 'count')).toBe('1237');
    expect(canonicalDecimal('12,50', 'percent')).toBe('12.5');
    expect(canonicalDecimal('1.237', 'points')).toBeNull();
  });

  it('says why text is not a number of its kind, and nothing for empty text', () => {
    expect(decimalProblem('1.237', 'points')).toMatch(/không rõ là 1237 hay 1,237/);
    expect(decimalProblem('1,5', 'count')).toMatch(/Số lần phải là số nguyên/);
    expect(decimalProblem('  ', 'points')).toBeNull();
    expect(decimalProblem('0,5', 'points')).toBeNull();
  });

  it('shows a stored decimal with a comma and leaves other text alone', () => {
    expect(viDecimal('0.25')).toBe('0,25');
    expect(viDecimal('abc.d')).toBe('abc.d');
    expect(viDecimal(undefined)).toBe('');
  });
});

describe('analysis', () => {
  it('finds the node and the field of a parse error from its path', () => {
    const d = docOf([{ key: 'g', code: '1', name: 'G', maxPoints: '1', children: [manual] }]);
    expect(locatePath(d, '$.nodes[0].children[0].rule.tiers[1].points')).toEqual({ key: 'm', field: 'rule.tiers[1].points' });
    expect(locatePath(d, '$.nodes[0]')).toEqual({ key: 'g', field: undefined });
    expect(locatePath(d, '$.settings')).toEqual({});
  });

  it('attaches a parse error to its node and field, and counts errors apart from warnings', () => {
    const a = analyze(docOf([{ ...manual, maxPoints: 'x' }]));
    expect(a.framework).toBeNull();
    expect(a.errorCount).toBe(1);
    expect(a.byKey.get('m')?.map((i) => i.field)).toEqual(['maxPoints']);
  });

  it('validates a document that parses, and keeps its warnings by node', () => {
    const a = analyze(docOf([{ ...manual, appraisingAgency: undefined }]));
    expect(a.framework).not.toBeNull();
    expect(a.errorCount).toBe(0);
    expect(a.warningCount).toBe(1);
    expect(a.byKey.get('m')?.[0]?.code).toBe('no_agency');
  });
});

describe('live preview of one leaf', () => {
  it('turns what is typed into the core\'s input for the rule, nothing while incomplete', () => {
    expect(toNodeInput({ type: 'proportional' }, { numerator: '3', denominator: '4' })).toEqual({ kind: 'rate', numerator: '3', denominator: '4' });
    expect(toNodeInput({ type: 'proportional' }, { numerator: '3' })).toBeUndefined();
    expect(toNodeInput({ type: 'deduction' }, { occurrences: '1.237' })).toEqual({ kind: 'count', occurrences: 1237 });
    expect(toNodeInput({ type: 'bonus', mode: 'fixed' }, { awarded: false })).toEqual({ kind: 'awarded', value: false });
    expect(toNodeInput({ type: 'choice' }, { notApplicable: true, option: 'a' })).toEqual({ kind: 'not_applicable', reason: '—' });
  });

  it('scores the leaf with the core', () => {
    const d = docOf([manual]);
    const p = previewLeaf(d, manual, { points: '1.5' });
    expect(p.ok && p.evaluation.status).toBe('scored');
    expect(p.ok && p.evaluation.points).toBe(parsePoints('1.5'));
    expect(previewLeaf(d, { ...manual, maxPoints: 'x' }, {}).ok).toBe(false);
  });

  it('checks points typed for a leaf as the server does: readable, and a value the rule can give', () => {
    const d = docOf([manual]);
    expect(checkTypedPoints(d, manual, '1,5')).toEqual({ ok: true, points: parsePoints('1.5') });
    expect(checkTypedPoints(d, manual, '1,75').ok).toBe(false);
    expect(checkTypedPoints(d, manual, '1.237')).toMatchObject({ ok: false, message: expect.stringMatching(/không rõ/) });
  });

  it('reads the framework\'s default rounding of points when it declares one', () => {
    expect(defaultPointsDecimals(docOf([], { rounding: { pointsDecimals: 2 } }))).toBe(2);
    expect(defaultPointsDecimals(docOf([]))).toBeUndefined();
  });
});

describe('a rule\'s defaults', () => {
  it('gives every rule type a default the core accepts, worth the node\'s maximum', () => {
    for (const type of RULE_TYPES) {
      if (type === 'data_feed') continue; // needs a feed name typed by the administrator
      // Beside a manual leaf, so that a bonus one does not leave the framework worth 0.
      const node: DocNode = { ...manual, key: 'n', code: '2', source: sourceFor(type), rule: defaultRule(type, '2') };
      const a = analyze(docOf([manual, node]));
      expect([type, a.errorCount]).toEqual([type, 0]);
    }
  });

  it('falls back to 0 points when the maximum is not a number yet', () => {
    expect(defaultRule('yes_no', 'hai')).toEqual({ type: 'yes_no', yesPoints: '0', noPoints: '0' });
  });

  it('requires the survey and data feed sources for their rules, self-assessment otherwise', () => {
    expect(sourceFor('survey')).toBe('survey');
    expect(sourceFor('data_feed')).toBe('data_feed');
    expect(sourceFor('choice')).toBe('self_assessment');
  });
});

describe('edits of the rule form', () => {
  it('sets a computed rule\'s own rounding, or removes it to follow the framework', () => {
    const rule = { type: 'proportional' as const, numeratorLabel: 'Đã làm' };
    expect(roundingChoice(rule)).toBe('exact');
    const rounded = withRounding(rule, '2');
    expect(rounded).toEqual({ type: 'proportional', numeratorLabel: 'Đã làm', rounding: { decimals: 2 } });
    expect(roundingChoice(rounded)).toBe('2');
    expect(withRounding(rounded, 'exact')).toEqual(rule);
  });

  it('reads a choice rule\'s options and adds one keyed by its position', () => {
    expect(optionsOf({ type: 'choice', options: 'x' })).toEqual([]);
    const two = withNewOption(withNewOption([]));
    expect(two).toEqual([{ key: 'muc-1', label: '', points: '0' }, { key: 'muc-2', label: '', points: '0' }]);
  });

  it('switches a data feed between proportional and tiers, keeping the tiers typed', () => {
    expect(scoringOf({ type: 'data_feed' })).toEqual({ kind: 'proportional' });
    const tiers = { kind: 'tiers' as const, tiers: [NEW_TIER] };
    expect(scoringOfKind(tiers, 'proportional')).toEqual({ kind: 'proportional' });
    expect(scoringOfKind(tiers, 'tiers')).toEqual(tiers);
    expect(scoringOfKind({ kind: 'proportional' }, 'tiers')).toEqual({ kind: 'tiers', tiers: [] });
  });

  it('changes a tier bound\'s kind keeping its percentage, or opens it', () => {
    const incl = { percent: '80', inclusive: true };
    expect(boundKind(incl)).toBe('incl');
    expect(boundKind(null)).toBe('none');
    expect(boundOf(incl, 'excl')).toEqual({ percent: '80', inclusive: false });
    expect(boundOf(incl, 'incl', '85')).toEqual({ percent: '85', inclusive: true });
    expect(boundOf(null, 'incl')).toEqual({ percent: '0', inclusive: true });
    expect(boundOf(incl, 'none')).toBeNull();
  });
});
