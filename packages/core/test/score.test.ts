import { describe, expect, it } from 'vitest';
import { type UnitInputs, formatFixed, points, scoreUnit, unitScoreToJson } from '../src/index.ts';
import { framework, group, leaf, manual, yesNo } from './helpers.ts';

/** 100 points: field A (84, manual) and field B (16, may be declared not applicable). */
const primerFw = framework([
  group('a', '1', '84', [leaf('a1', '1.1', '84', manual('84', '0.01'))]),
  group('b', '2', '16', [
    leaf('b1', '2.1', '10', yesNo('10'), { applicability: { mayDeclareNotApplicable: true, condition: 'Không có TTHC' } }),
    leaf('b2', '2.2', '6', yesNo('6'), { applicability: { mayDeclareNotApplicable: true } }),
  ], { applicability: { mayDeclareNotApplicable: true, condition: 'Không có TTHC' } }),
], { rounding: { pointsDecimals: 2, indexDecimals: 2 } });

describe('index and not applicable', () => {
  it("reproduces the primer: 68,32 points of an applicable 84 is published as 81,33", () => {
    const s = scoreUnit(primerFw, {}, { a1: { kind: 'manual', points: '68,32' }, b: { kind: 'not_applicable', reason: 'Không có TTHC' } });
    expect(s.achieved).toBe(points('68.32'));
    expect(s.applicableMax).toBe(points(84));
    expect(formatFixed(s.publishedIndex!)).toBe('81,33');
    const b = s.nodes.get('b')!;
    expect(b.applicable).toBe(false);
    expect(b.notApplicable).toEqual({ kind: 'declared', reason: 'Không có TTHC' });
    expect(s.nodes.get('b1')!.notApplicable).toEqual({ kind: 'ancestor', ancestorKey: 'b' });
    expect(s.components.find((c) => c.key === 'b')!.index).toBeNull();
  });

  it('removes a not-applicable leaf from its parent and the total maximum', () => {
    const s = scoreUnit(primerFw, {}, {
      a1: { kind: 'manual', points: '84' }, b1: { kind: 'not_applicable', reason: 'Không có TTHC' }, b2: { kind: 'yes_no', value: true },
    });
    expect(s.nodes.get('b')!.applicableMax).toBe(points(6));
    expect(s.applicableMax).toBe(points(90));
    expect(formatFixed(s.publishedIndex!)).toBe('100,00');
  });

  it('refuses a not-applicable claim where the framework does not allow one', () => {
    const s = scoreUnit(primerFw, {}, { a1: { kind: 'not_applicable', reason: 'x' } });
    expect(s.nodes.get('a1')!.applicable).toBe(true);
    expect(s.issues.map((i) => i.code)).toContain('na_not_allowed');
  });

  it('requires a reason for a not-applicable claim', () => {
    const s = scoreUnit(primerFw, {}, { b1: { kind: 'not_applicable', reason: '  ' } });
    expect(s.nodes.get('b1')!.applicable).toBe(true);
    expect(s.issues.map((i) => i.code)).toContain('na_reason_missing');
  });

  it('excludes nodes by unit group and type', () => {
    const fw = framework([
      leaf('x', '1', '10', yesNo('10')),
      leaf('y', '2', '10', yesNo('10'), { applicability: { unitGroups: ['ward'] } }),
      leaf('z', '3', '10', yesNo('10'), { applicability: { unitTypes: ['border'] } }),
    ]);
    const inputs: UnitInputs = { x: { kind: 'yes_no', value: true }, y: { kind: 'yes_no', value: true }, z: { kind: 'yes_no', value: false } };
    const commune = scoreUnit(fw, { group: 'commune', type: 'border' }, inputs);
    expect(commune.nodes.get('y')!.notApplicable).toEqual({ kind: 'unit_group' });
    expect(commune.applicableMax).toBe(points(20));
    expect(formatFixed(commune.publishedIndex!)).toBe('50,00');
    const ward = scoreUnit(fw, { group: 'ward', type: 'inland' }, inputs);
    expect(ward.nodes.get('z')!.notApplicable).toEqual({ kind: 'unit_type' });
    expect(formatFixed(ward.publishedIndex!)).toBe('100,00');
  });

  it('makes a zero-denominator rate not applicable when declared so', () => {
    const fw = framework([
      leaf('p', '1', '5', { type: 'proportional', numeratorLabel: 'a', denominatorLabel: 'b', zeroDenominator: 'not_applicable' }),
      leaf('q', '2', '5', yesNo('5')),
    ]);
    const s = scoreUnit(fw, {}, { p: { kind: 'rate', numerator: 0, denominator: 0 }, q: { kind: 'yes_no', value: true } });
    expect(s.nodes.get('p')!.notApplicable).toEqual({ kind: 'zero_denominator' });
    expect(s.applicableMax).toBe(points(5));
  });

  it('has no index when nothing applies', () => {
    const s = scoreUnit(primerFw, { group: 'x' }, { b: { kind: 'not_applicable', reason: 'r' }, a1: { kind: 'manual', points: 0 } });
    expect(s.index).not.toBeNull();
    const none = framework([leaf('y', '1', '10', yesNo('10'), { applicability: { unitGroups: ['ward'] } })]);
    const r = scoreUnit(none, { group: 'commune' }, {});
    expect(r.index).toBeNull();
    expect(r.publishedIndex).toBeNull();
    expect(r.issues.map((i) => i.code)).toContain('nothing_applicable');
  });
});

describe('sums and capping', () => {
  it('caps a parent at its maximum and says so', () => {
    // Parent max 2 over children worth 1,5 + 1,5 (a "best of" criterion).
    const fw = framework([group('g', '1', '2', [leaf('a', '1.1', '1.5', yesNo('1.5')), leaf('b', '1.2', '1.5', yesNo('1.5'))])]);
    const s = scoreUnit(fw, {}, { a: { kind: 'yes_no', value: true }, b: { kind: 'yes_no', value: true } });
    const g = s.nodes.get('g')!;
    expect(g.uncapped).toBe(points(3));
    expect(g.achieved).toBe(points(2));
    expect(g.capped).toBe(true);
  });

  it('keeps a traceable explanation on every leaf', () => {
    const s = scoreUnit(primerFw, {}, { a1: { kind: 'manual', points: '50' } });
    expect(s.nodes.get('a1')!.leaf!.explanation).toBe('Chấm 50 điểm');
    expect(s.nodes.get('b1')!.leaf!.status).toBe('missing');
    expect(s.issues.filter((i) => i.code === 'missing_input').map((i) => i.nodeCode)).toEqual(['2.1', '2.2']);
    expect([...s.nodes.keys()]).toEqual(['a', 'a1', 'b', 'b1', 'b2']);
  });
});

describe('survey and bonus', () => {
  const fw = (optional: boolean, countsInIndex = true) => framework([
    group('s', '1', '70', [leaf('s1', '1.1', '70', manual('70', '0.5'))]),
    group('v', '2', '30', [leaf('v1', '2.1', '30', { type: 'survey' })]),
    leaf('bonus', 'Thưởng', '3', { type: 'bonus', mode: 'per_occurrence', points: '1', cap: '3', occurrenceLabel: 'sáng kiến' }),
  ], { survey: { optional }, bonus: { countsInIndex, totalCap: '2' } });

  it('rescales on the self-assessment part when the optional survey is absent', () => {
    const s = scoreUnit(fw(true), {}, { s1: { kind: 'manual', points: '56' } });
    expect(s.surveyRescaled).toBe(true);
    expect(s.applicableMax).toBe(points(70));
    expect(formatFixed(s.publishedIndex!)).toBe('80,00');
    expect(s.nodes.get('v1')!.notApplicable).toEqual({ kind: 'survey_absent' });
  });

  it('counts a missing survey as 0 when the survey is compulsory', () => {
    const s = scoreUnit(fw(false), {}, { s1: { kind: 'manual', points: '56' } });
    expect(s.surveyRescaled).toBe(false);
    expect(s.applicableMax).toBe(points(100));
    expect(formatFixed(s.publishedIndex!)).toBe('56,00');
  });

  it('splits self-assessment and survey points', () => {
    const s = scoreUnit(fw(true), {}, { s1: { kind: 'manual', points: '56' }, v1: { kind: 'survey', points: '24.5' } });
    expect(s.selfAssessmentPoints).toBe(points(56));
    expect(s.surveyPoints).toBe(points('24.5'));
    expect(formatFixed(s.publishedIndex!)).toBe('80,50');
  });

  it('reports bonus separately, outside the maximum, capped in total', () => {
    const inputs: UnitInputs = { s1: { kind: 'manual', points: '70' }, v1: { kind: 'survey', points: '30' }, bonus: { kind: 'count', occurrences: 3 } };
    const s = scoreUnit(fw(false), {}, inputs);
    expect(s.nodes.get('bonus')!.bonus).toBe(points(3));
    expect(s.bonus).toBe(points(2)); // framework total cap
    expect(s.applicableMax).toBe(points(100));
    expect(formatFixed(s.publishedIndex!)).toBe('102,00');
    expect(s.baseIndex).toEqual({ num: 100n, den: 1n });
    const without = scoreUnit(fw(false, false), {}, inputs);
    expect(formatFixed(without.publishedIndex!)).toBe('100,00');
    expect(without.bonus).toBe(points(2));
  });
});

describe('unitScoreToJson', () => {
  it('gives a JSON-safe, traceable view with decimal strings', () => {
    const s = scoreUnit(primerFw, {}, { a1: { kind: 'manual', points: '68,32' }, b: { kind: 'not_applicable', reason: 'Không có TTHC' } });
    const j = JSON.parse(JSON.stringify(unitScoreToJson(s)));
    expect(j.index).toBe('81.33');
    expect(j.achieved).toBe('68.32');
    expect(j.indexExact).toBe('244/3');
    expect(j.nodes.find((n: { key: string }) => n.key === 'a1').leaf.explanation).toBe('Chấm 68,32 điểm');
    expect(j.nodes.find((n: { key: string }) => n.key === 'b').notApplicable).toEqual({ kind: 'declared', reason: 'Không có TTHC' });
  });
});

describe('edge cases of the tree', () => {
  it('makes a parent not applicable when all its children are', () => {
    const fw = framework([
      group('g', '1', '2', [
        leaf('a', '1.1', '1', yesNo('1'), { applicability: { mayDeclareNotApplicable: true } }),
        leaf('b', '1.2', '1', yesNo('1'), { applicability: { unitTypes: ['phuong'] } }),
      ]),
      leaf('c', '2', '8', yesNo('8')),
    ]);
    const s = scoreUnit(fw, { type: 'xa' }, { a: { kind: 'not_applicable', reason: 'r' }, c: { kind: 'yes_no', value: true } });
    expect(s.nodes.get('g')!.notApplicable).toEqual({ kind: 'all_children' });
    expect(s.applicableMax).toBe(points(8));
    expect(formatFixed(s.publishedIndex!)).toBe('100,00');
  });

  it('carries a bonus nested in a field up to the unit, outside every maximum', () => {
    const fw = framework([group('g', '1', '10', [
      leaf('a', '1.1', '10', yesNo('10')),
      leaf('t', '1.2', '1', { type: 'bonus', mode: 'fixed', points: '1', cap: '1' }),
    ])]);
    const s = scoreUnit(fw, {}, { a: { kind: 'yes_no', value: false }, t: { kind: 'awarded', value: true } });
    expect(s.nodes.get('g')!.applicableMax).toBe(points(10));
    expect(s.nodes.get('g')!.achieved).toBe(0);
    expect(s.nodes.get('g')!.bonus).toBe(points(1));
    expect(s.bonus).toBe(points(1));
    expect(formatFixed(s.publishedIndex!)).toBe('10,00');
    expect(formatFixed(s.components[0]!.published!)).toBe('0,00');
  });
});

describe('inputs', () => {
  it('warns about inputs for keys the framework does not have', () => {
    const s = scoreUnit(primerFw, {}, { a1: { kind: 'manual', points: '1' }, 'old-key': { kind: 'yes_no', value: true } });
    const w = s.issues.find((i) => i.code === 'unknown_input_key')!;
    expect(w.nodeKey).toBe('old-key');
    expect(w.severity).toBe('warning');
  });
});
