// The submission tab stays current: a save's status is merged into the cached assessment when it
// is newer than what the cache holds, whatever order the answers arrive in (issue 7, blocker 1).
import { describe, expect, it } from 'vitest';
import type { Assessment, CriterionView } from '../src/api/assessments';
import { isNewerStatus, mergeSaved, type AssessmentStatus } from '../src/api/assessment-status';

const view = (nodeKey: string, version: number): CriterionView => ({
  id: nodeKey, nodeKey, status: 'draft', self: { input: null, points: null, explanation: null, evidence: [] }, requests: [], version, ownAgencyUnit: false, may: { edit: true, answer: false, decide: false, request: false, propose: false, approve: false },
});
const status = (revision: number, achieved: string, submitAllowed: boolean, version = 3): AssessmentStatus => ({
  state: 'draft', version, revision, progress: { filled: revision - 2, applicable: 2 },
  selfScore: { achieved, applicableMax: '100.000', index: null }, deadline: '2025-11-15T16:59:59.999Z',
  submissionIssues: submitAllowed ? [] : [{ code: 'missing_input', message: 'Tiêu chí 1.2 chưa chấm điểm', severity: 'error', nodeKey: 'b' }],
  allowedActions: [{ action: 'submit', label: 'Gửi', allowed: submitAllowed, reasonRequired: false }],
});
const cached = { ...status(2, '0.000', false), records: { a: view('a', 1), b: view('b', 1) } } as unknown as Assessment;

describe('merging a save into the cached assessment', () => {
  it('takes the record and the newer status: total, checks and actions', () => {
    const next = mergeSaved(mergeSaved(cached, { ...view('a', 2), assessment: status(3, '40.000', false) }), { ...view('b', 2), assessment: status(4, '100.000', true) });
    expect(next.records.a!.version).toBe(2);
    expect(next.records.b!.version).toBe(2);
    expect(next.records.b).not.toHaveProperty('assessment');
    expect(next.selfScore.achieved).toBe('100.000');
    expect(next.submissionIssues).toEqual([]);
    expect(next.allowedActions[0]!.allowed).toBe(true);
  });

  it('keeps the newer status when an older answer arrives last', () => {
    const newer = mergeSaved(cached, { ...view('b', 2), assessment: status(4, '100.000', true) });
    const late = mergeSaved(newer, { ...view('a', 2), assessment: status(3, '40.000', false) });
    expect(late.records.a!.version).toBe(2);
    expect(late.selfScore.achieved).toBe('100.000');
    expect(late.allowedActions[0]!.allowed).toBe(true);
  });

  it('never replaces a record with an older version of it', () => {
    const newer = mergeSaved(cached, { ...view('a', 3), assessment: status(4, '40.000', false) });
    const late = mergeSaved(newer, { ...view('a', 2), assessment: status(3, '20.000', false) });
    expect(late.records.a!.version).toBe(3);
    expect(late.selfScore.achieved).toBe('40.000');
  });

  it('orders by the unit version first (a state change), then the revision', () => {
    expect(isNewerStatus({ version: 3, revision: 9 }, { version: 4, revision: 1 })).toBe(true);
    expect(isNewerStatus({ version: 4, revision: 1 }, { version: 3, revision: 9 })).toBe(false);
    expect(isNewerStatus({ version: 3, revision: 5 }, { version: 3, revision: 5 })).toBe(true);
  });

  it('stores a view without status (a conflict taken) as the record only', () => {
    const next = mergeSaved(cached, view('a', 5));
    expect(next.records.a!.version).toBe(5);
    expect(next.selfScore).toEqual(cached.selfScore);
  });
});
