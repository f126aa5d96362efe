import { describe, expect, it } from 'vitest';
import { type CriterionRecord, type Points, outcomeVisibleToUnit, recordForUnit } from '../../src/index.ts';

const value = (points: number) => ({ notApplicable: false, points: points as Points });
const decided: CriterionRecord = {
  nodeKey: 'a',
  status: 'council_proposed',
  self: { input: { kind: 'yes_no', value: true } },
  requests: [{ kind: 'explanation', message: 'Giải trình', deadline: 2, requestedAt: 1 }],
  appraisal: { kind: 'adjust', value: value(500), reason: 'Thiếu tài liệu', decidedAt: 3, agency: 'SNV' },
  council: { value: value(750), reason: 'Đề xuất', proposedAt: 4, approved: false },
};

describe('what the unit sees of its appraisal', () => {
  it('sees nothing decided before the appraisal is complete, but every request', () => {
    for (const state of ['submitted', 'in_appraisal', 'explanation_requested', 'explained', 'returned_for_revision'] as const) {
      expect(outcomeVisibleToUnit(state)).toBe(false);
      const r = recordForUnit(decided, state);
      expect(r.appraisal).toBeUndefined();
      expect(r.council).toBeUndefined();
      expect(r.status).toBe('pending');
      expect(r.requests).toEqual(decided.requests);
    }
  });

  it('sees the appraisal once complete, the council value only when approved', () => {
    const r = recordForUnit(decided, 'council_reviewed');
    expect(r.appraisal?.reason).toBe('Thiếu tài liệu');
    expect(r.council).toBeUndefined();
    expect(r.status).toBe('appraised');
    const approved = recordForUnit({ ...decided, status: 'council_approved', council: { ...decided.council!, approved: true } }, 'published');
    expect(approved.council?.value.points).toBe(750);
    expect(approved.status).toBe('council_approved');
  });

  it('never sees a rejected proposal', () => {
    const r = recordForUnit({ ...decided, status: 'appraised', council: undefined, rejectedProposal: { ...decided.council!, rejectionReason: 'Không' } }, 'approved');
    expect(r.rejectedProposal).toBeUndefined();
  });
});
