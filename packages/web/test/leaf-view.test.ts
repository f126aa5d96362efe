// What the self-assessment leaf editor shows beside the inputs: the rate, the points (live while
// the draft differs from what is saved, else the server's), and how a held value is reported.
import { describe, expect, it } from 'vitest';
import { type Framework, parsePoints } from '@chiso/core';
import { type Draft, liveLeaf, parseAssessmentFramework } from '../src/pages/assessment/model';
import { heldReport, rateText, shownPoints, statusColor } from '../src/pages/assessment/leaf-view';

const framework = parseAssessmentFramework({
  formatVersion: 1, id: 'fw', name: 'Bộ', nodes: [{
    key: 'rate', code: '1', name: 'Tỷ lệ', maxPoints: '2', source: 'self_assessment', appraisingAgency: 'SNV',
    applicability: { mayDeclareNotApplicable: true },
    rule: { type: 'proportional', numeratorLabel: 'Đã làm', denominatorLabel: 'Phải làm', zeroDenominator: 'not_applicable' },
  }],
}) as Framework;
const node = framework.nodes[0]!;
const draft = (form: Draft['form'], notApplicable = false): Draft => ({ form, notApplicable, naReason: notApplicable ? 'Không có' : '', explanation: '', evidenceIds: [] });
const live = (d: Draft) => liveLeaf(framework, node, d);

describe('the leaf editor\'s figures', () => {
  it('shows the rate with two decimals and a comma, or a dash', () => {
    expect(rateText(live(draft({ numerator: '7', denominator: '8' })))).toBe('87,50%');
    expect(rateText(live(draft({})))).toBe('—');
    expect(rateText(null)).toBe('—');
  });

  it('shows the live points while the draft differs from what is saved', () => {
    const evaluation = live(draft({ numerator: '1', denominator: '4' }));
    expect(evaluation?.points).toBe(parsePoints('0.5'));
    expect(shownPoints({ dirty: true, serverPoints: '2.000', evaluation, notApplicable: false, naLabel: 'KAD' })).toBe('0,5');
    expect(shownPoints({ dirty: false, serverPoints: null, evaluation, notApplicable: false, naLabel: 'KAD' })).toBe('0,5');
  });

  it('shows the server\'s points once saved, and "not applicable" for a leaf declared so', () => {
    expect(shownPoints({ dirty: false, serverPoints: '2.000', evaluation: null, notApplicable: false, naLabel: 'KAD' })).toBe('2');
    const na = live(draft({}, true));
    expect(na?.status).toBe('not_applicable');
    expect(shownPoints({ dirty: true, serverPoints: null, evaluation: na, notApplicable: true, naLabel: 'KAD' })).toBe('KAD');
    expect(shownPoints({ dirty: true, serverPoints: null, evaluation: null, notApplicable: false, naLabel: 'KAD' })).toBe('—');
  });

  it('colours a scored leaf blue and an invalid one red', () => {
    expect(statusColor('scored')).toBe('blue');
    expect(statusColor('invalid')).toBe('red');
    expect(statusColor('not_applicable')).toBe('default');
  });

  it('reports a refused value as an alert and a half-typed rate as a note', () => {
    expect(['number', 'count', 'invalid'].map(heldReport)).toEqual(['alert', 'alert', 'alert']);
    expect(heldReport('incomplete')).toBe('note');
    expect(heldReport('naReason')).toBeNull();
    expect(heldReport(undefined)).toBeNull();
  });
});
