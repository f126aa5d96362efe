import { describe, expect, it } from 'vitest';
import {
  type CriterionRecord, type NodeInput, addedRecordStatus, carryOverEntries, parsePoints, correctionRefusal, newCriterionRecord, planFrameworkCorrection,
} from '../../src/index.ts';
import { framework, group, leaf, primerTiers } from '../helpers.ts';
import { fw } from './fixtures.ts';

/** The fixture framework corrected: 1.1 loses its "late" option, 1.3 is reworded, 2.3 removed, 2.4 added. */
const corrected = framework([
  group('f1', '1', '10', [
    leaf('c11', '1.1', '2', {
      type: 'choice', options: [
        { key: 'on_time', label: 'Ban hành đúng hạn', points: '2' },
        { key: 'none', label: 'Không ban hành', points: '0' },
      ],
    }),
    leaf('c12', '1.2', '2', primerTiers),
    leaf('c13', '1.3', '6', { type: 'manual', min: '0', max: '6', step: '0.25' }, { name: 'Tiêu chí 1.3 (diễn đạt lại)' }),
  ], { appraisingAgency: 'SNV' }),
  group('f2', '2', '10', [
    leaf('c21', '2.1', '4', { type: 'proportional', numeratorLabel: 'số TTHC trực tuyến', denominatorLabel: 'tổng số TTHC', zeroDenominator: 'full_points' }),
    leaf('c22', '2.2', '3', { type: 'yes_no', yesPoints: '3', noPoints: '0' }, { applicability: { mayDeclareNotApplicable: true, condition: 'Đơn vị không có TTHC' } }),
    leaf('c24', '2.4', '3', { type: 'yes_no', yesPoints: '3', noPoints: '0' }),
  ], { appraisingAgency: 'STP' }),
], { rounding: { pointsDecimals: 2, indexDecimals: 2 } });

function rec(key: string, input?: NodeInput, more: Partial<CriterionRecord> = {}): CriterionRecord {
  return { ...newCriterionRecord(key, input ? { input } : {}), ...more };
}

describe('framework correction during an open cycle', () => {
  it('plans by stable key: scoring changes flagged, rewording silent, added and removed leaves', () => {
    const plan = planFrameworkCorrection(fw, corrected);
    expect(plan.changed.map((c) => [c.key, c.fields])).toEqual([['c11', ['rule']]]);
    expect(plan.added.map((n) => n.key)).toEqual(['c24']);
    expect(plan.removed.map((n) => n.key)).toEqual(['c23']);
    expect(plan.reworded).toBeGreaterThanOrEqual(1);
  });

  it('carries entries over: flags a changed criterion and an input that no longer fits, keeps it as typed', () => {
    const records = new Map<string, CriterionRecord>([
      ['c11', rec('c11', { kind: 'choice', option: 'late' })],
      ['c13', rec('c13', { kind: 'points', points: 4000 } as unknown as NodeInput)],
      ['c23', rec('c23', { kind: 'count', count: 1 } as unknown as NodeInput)],
    ]);
    const out = carryOverEntries(fw, corrected, records);
    expect(out.updated).toHaveLength(1);
    expect(out.updated[0]!.nodeKey).toBe('c11');
    expect(out.updated[0]!.flags).toEqual(['changed', 'input_invalid']);
    // The entry is kept as the unit typed it: never silently dropped.
    expect(out.updated[0]!.record.self.input).toEqual({ kind: 'choice', option: 'late' });
    expect(out.retired).toEqual(['c23']);
    expect(out.kept).toBe(1);
    // New criterion (and the ones without records) start empty.
    expect(out.created).toContain('c24');
    expect(out.created).not.toContain('c11');
  });

  it('a changed criterion whose input still fits is only flagged as changed', () => {
    const out = carryOverEntries(fw, corrected, new Map([['c11', rec('c11', { kind: 'choice', option: 'on_time' })]]));
    expect(out.updated[0]!.flags).toEqual(['changed']);
  });

  it('re-checks an appraisal decision: kept when it fits, withdrawn (back to pending) when it does not', () => {
    const decided = (option: string): CriterionRecord => rec('c11', { kind: 'choice', option }, {
      status: 'appraised',
      appraisal: { kind: 'accept', value: { notApplicable: false, points: parsePoints(option === 'late' ? '1' : '2')!, input: { kind: 'choice', option } }, decidedAt: 1 },
    });
    const ok = carryOverEntries(fw, corrected, new Map([['c11', decided('on_time')]]));
    expect(ok.updated[0]!.record.appraisal?.value.points).toBe(parsePoints('2'));
    expect(ok.updated[0]!.record.status).toBe('appraised');
    const reset = carryOverEntries(fw, corrected, new Map([['c11', decided('late')]]));
    expect(reset.updated[0]!.record.appraisal).toBeUndefined();
    expect(reset.updated[0]!.record.status).toBe('pending');
    expect(reset.updated[0]!.flags).toContain('appraisal_reset');
  });

  it('only creates records for leaves that apply to the unit', () => {
    const out = carryOverEntries(fw, corrected, new Map(), { applies: (k) => k !== 'c24' });
    expect(out.created).not.toContain('c24');
    expect(out.created).toContain('c11');
  });

  it('starts an added criterion as a draft before submission, awaiting appraisal after it', () => {
    expect(addedRecordStatus('draft')).toBe('draft');
    expect(addedRecordStatus('returned_for_revision')).toBe('draft');
    for (const s of ['submitted', 'in_appraisal', 'explanation_requested', 'explained'] as const) expect(addedRecordStatus(s)).toBe('pending');
  });

  it('is refused once a unit of the group is appraised or published', () => {
    expect(correctionRefusal(['draft', 'in_appraisal', 'explained'])).toBeNull();
    expect(correctionRefusal(['draft', 'appraised'])).toContain('thẩm định xong');
    expect(correctionRefusal(['published'])).toContain('đính chính');
  });
});
