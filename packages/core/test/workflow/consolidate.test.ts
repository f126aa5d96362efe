import { describe, expect, it } from 'vitest';
import {
  type CriterionCommand, type CriterionRecord, type NodeInput, type UnitState, type WorkflowActor, applyCriterionCommand,
  cascadeUnitTransition, consolidateGroup, consolidateUnit, endOfDayVn, formatFixed, formatPoints, indexNodes, leafAgencies,
  newCriterionRecord, points, scoreUnit,
} from '../../src/index.ts';
import { A, T, calendar, fw } from './fixtures.ts';

const nodes = indexNodes(fw);

/** Run commands on a record the way the server would, failing loudly. */
function run(key: string, self: NodeInput, steps: [WorkflowActor, UnitState, number, CriterionCommand][]): CriterionRecord {
  let rec = cascadeUnitTransition(newCriterionRecord(key, { input: self, evidence: [{ id: `ev-${key}` }] }), 'submitted');
  for (const [actor, unitState, now, cmd] of steps) {
    const r = applyCriterionCommand({
      node: nodes.get(key)!, rounding: fw.settings.rounding, unitId: 'u1', unitState,
      agency: key.startsWith('c1') ? 'SNV' : 'STP', actor, calendar, now,
    }, rec, cmd);
    if (!r.ok) throw new Error(`${key} ${cmd.type}: ${r.refusal.message}`);
    rec = r.record;
  }
  return rec;
}

const accept = (who: WorkflowActor): [WorkflowActor, UnitState, number, CriterionCommand] =>
  [who, 'in_appraisal', T.appraisal, { type: 'decide', decision: { kind: 'accept' } }];

/** Unit A: the worked example of the consolidation. */
const unitA: Record<string, CriterionRecord> = {
  c11: run('c11', { kind: 'choice', option: 'on_time' }, [accept(A.snv)]),
  c12: run('c12', { kind: 'rate', numerator: 95, denominator: 100 }, [
    [A.snv, 'in_appraisal', T.appraisal, { type: 'decide', decision: { kind: 'adjust', value: { input: { kind: 'rate', numerator: 85, denominator: 100 } }, reason: 'Kế hoạch có 100 nhiệm vụ, hoàn thành 85' } }],
  ]),
  c13: run('c13', { kind: 'manual', points: '5,5' }, [
    accept(A.snv),
    [A.member, 'council_reviewed', T.council, { type: 'propose_final', value: { input: { kind: 'manual', points: '5' } }, reason: 'Báo cáo gửi chậm' }],
    [A.chair, 'council_reviewed', T.council, { type: 'approve_final' }],
  ]),
  c21: run('c21', { kind: 'rate', numerator: 45, denominator: 50 }, [
    [A.appraiser, 'in_appraisal', T.appraisal, { type: 'request_explanation', kind: 'evidence', message: 'Bổ sung báo cáo', deadline: endOfDayVn(2025, 10, 25) }],
    [A.officer, 'explanation_requested', T.appraisal + 1, { type: 'answer', text: 'Đính kèm', evidence: [{ id: 'bc' }] }],
    [A.appraiser, 'explained', T.appraisal + 2, { type: 'decide', decision: { kind: 'adjust', value: { points: points('3.2') }, reason: '40 TTHC trực tuyến toàn trình' } }],
    [A.member, 'council_reviewed', T.council, { type: 'propose_final', value: { points: points('3.4') }, reason: 'Đề xuất' }],
  ]),
  c22: run('c22', { kind: 'not_applicable', reason: 'Không có TTHC' }, [
    [A.appraiser, 'in_appraisal', T.appraisal, { type: 'decide', decision: { kind: 'reject_not_applicable', value: { input: { kind: 'yes_no', value: false } }, reason: 'Đơn vị có 3 TTHC' } }],
  ]),
  c23: run('c23', { kind: 'count', occurrences: 1 }, [accept(A.appraiser)]),
};

const selfOnly = (inputs: Record<string, NodeInput>) =>
  Object.fromEntries(Object.entries(inputs).map(([k, i]) => [k, newCriterionRecord(k, { input: i })]));

describe('consolidation of one unit (worked example)', () => {
  const c = consolidateUnit(fw, 'A', {}, unitA);
  const leaf = (k: string) => c.leaves.find((l) => l.key === k)!;

  it('takes council-approved > appraised > self for each leaf', () => {
    expect(c.leaves.map((l) => [l.code, l.level, formatPoints(l.effective!.points), formatPoints(l.difference)])).toEqual([
      ['1.1', 'appraised', '2', '0'],
      ['1.2', 'appraised', '1', '-1'],
      ['1.3', 'council', '5', '-0,5'],
      ['2.1', 'appraised', '3,2', '-0,4'], // the council's 3,4 is only proposed
      ['2.2', 'appraised', '0', '0'],
      ['2.3', 'appraised', '2,5', '0'],
    ]);
    expect(leaf('c21').proposed?.points).toBe(points('3.4'));
    expect(leaf('c13').reason).toBe('Báo cáo gửi chậm');
    expect(leaf('c12').reason).toBe('Kế hoạch có 100 nhiệm vụ, hoàn thành 85');
    expect(leaf('c22').self).toMatchObject({ notApplicable: true });
    expect(leaf('c22').effective).toMatchObject({ notApplicable: false, points: 0 });
    expect(leaf('c21').agency).toBe('STP');
  });

  it('marks the disputed criteria', () => {
    expect(c.leaves.filter((l) => l.disputed).map((l) => [l.code, l.disputeReasons])).toEqual([
      ['1.2', ['appraisal_changed']],
      ['1.3', ['council_changed']],
      ['2.1', ['appraisal_changed', 'explanation_requested']],
      ['2.2', ['appraisal_changed']],
    ]);
    expect(c.disputedCount).toBe(4);
  });

  it('scores self and final through scoreUnit: 15,6/17 = 91,76 before, 13,7/20 = 68,50 after', () => {
    expect(formatPoints(c.selfScore.achieved)).toBe('15,6');
    expect(formatPoints(c.selfScore.applicableMax)).toBe('17');
    expect(formatFixed(c.selfScore.publishedIndex!)).toBe('91,76');
    expect(formatPoints(c.score.achieved)).toBe('13,7');
    expect(formatPoints(c.score.applicableMax)).toBe('20');
    expect(formatFixed(c.score.publishedIndex!)).toBe('68,50');
    expect(c.score.components.map((x) => [x.code, formatPoints(x.achieved), formatFixed(x.published!)])).toEqual([
      ['1', '8', '80,00'], ['2', '5,7', '57,00'],
    ]);
    // Bare points (2.1) are scored by the same function, on a copy where that leaf is manual.
    expect(c.score.nodes.get('c21')!.achieved).toBe(points('3.2'));
    expect(c.scoredFramework.nodes[1]!.children[0]!.rule).toMatchObject({ type: 'manual' });
    expect(fw.nodes[1]!.children[0]!.rule!.type).toBe('proportional');
    // Inputs stay inputs: 1.2 keeps its rate.
    expect(c.effectiveInputs.c12).toEqual({ kind: 'rate', numerator: 85, denominator: 100 });
    expect(c.score).toEqual(scoreUnit(c.scoredFramework, {}, c.effectiveInputs));
  });
});

describe('consolidation of a group', () => {
  it('ranks and classifies from the consolidated scores', () => {
    const g = consolidateGroup(fw, [
      { unitId: 'A', profile: {}, records: unitA },
      {
        unitId: 'B', profile: {}, records: selfOnly({
          c11: { kind: 'choice', option: 'late' }, c12: { kind: 'rate', numerator: 80, denominator: 100 }, c13: { kind: 'manual', points: 6 },
          c21: { kind: 'rate', numerator: 50, denominator: 50 }, c22: { kind: 'yes_no', value: true }, c23: { kind: 'count', occurrences: 0 },
        }),
      },
      {
        unitId: 'C', profile: {}, records: new Map(Object.entries(selfOnly({
          c11: { kind: 'choice', option: 'on_time' }, c12: { kind: 'rate', numerator: 85, denominator: 100 }, c13: { kind: 'manual', points: 5 },
          c21: { kind: 'rate', numerator: 40, denominator: 50 }, c22: { kind: 'yes_no', value: false }, c23: { kind: 'count', occurrences: 1 },
        }))),
      },
    ]);
    expect(g.ranking.map((r) => [r.unitId, r.rank, formatFixed(r.score.publishedIndex!)])).toEqual([
      ['B', 1, '90,00'], ['A', 2, '68,50'], ['C', 2, '68,50'],
    ]);
    expect([...g.classes].map(([u, b]) => [u, b?.label])).toEqual([['A', 'Trung bình'], ['B', 'Xuất sắc'], ['C', 'Trung bình']]);
  });

  it('applies cycle reassignment of criteria to agencies', () => {
    const a = leafAgencies(fw, { c21: 'SKHCN', f1: 'VP' });
    expect([...a]).toEqual([['c11', 'VP'], ['c12', 'VP'], ['c13', 'VP'], ['c21', 'SKHCN'], ['c22', 'STP'], ['c23', 'STP']]);
  });

  it('uses supplied survey points when the unit does not self-score', () => {
    const withSurvey = { ...fw, nodes: [...fw.nodes, { ...fw.nodes[0]!.children[0]!, key: 's1', code: '3', source: 'survey' as const, rule: { type: 'survey' as const }, maxPoints: points(5), appraisingAgency: 'SNV' }] };
    const c = consolidateUnit(withSurvey, 'A', {}, unitA, { supplied: { s1: { kind: 'survey', points: '4,25' } } });
    expect(c.leaves.at(-1)).toMatchObject({ key: 's1', level: 'supplied', effective: { points: points('4.25') }, difference: 0 });
    expect(formatPoints(c.score.achieved)).toBe('17,95');
  });
});
