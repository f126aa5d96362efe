// The owner dimension of the policies (issue 10 §5): in a cycle owned by organising unit A, the
// administrator, council members and leaders of A's scope act and read as the province's do; those
// of B's scope are like any other user; the province's read every level. Unit staff and appraisers
// keep their own unit and their assigned criteria whatever their scope.
import { describe, expect, it } from 'vitest';
import { appraisalMatrixAgency, mayViewAssessmentOf, seesStatusOnly, visibleLeavesOf } from '../src/services/policies/assessment';
import { assertMayReadAuditTrail, mayReadAuditTrail } from '../src/services/policies/audit';
import { assertMayReadCouncil, mayReadCouncilTable, sitsOnCouncilOf } from '../src/services/policies/council';
import { readsAsAssessedUnit } from '../src/services/policies/criterion-record';
import { assertMayUploadEvidence, evidenceAbilities, evidenceReach, mayManageUnitEvidence, readsAllOfUnit } from '../src/services/policies/evidence';
import { assertMayReadPublishedTrace, mayReadPublishedTrace } from '../src/services/policies/results';
import { AppError } from '../src/services/errors';
import { CYCLE_OF_OTHER_OWNER } from '../src/services/policies/cycle';
import {
  DEPT_A, DEPT_A_UNIT, DEPT_B, everyRoleAndScope, expectedByScope, refusal, refused, scopedActorOf, type ExpectedByScope,
} from './support/policy-actors';

/** [A's scope (the owner's), B's scope, the province's] for a cycle owned by A. */
const readsEvery: ExpectedByScope = {
  admin: [true, false, true], unit_officer: [false, false, false], unit_head: [false, false, false],
  appraiser: [false, false, false], council_member: [true, false, true], leader_viewer: [true, false, true],
};
const administers: ExpectedByScope = {
  admin: [true, false, true], unit_officer: [false, false, false], unit_head: [false, false, false],
  appraiser: [false, false, false], council_member: [false, false, false], leader_viewer: [false, false, false],
};

const facts = { ownerUnitId: DEPT_A, unitId: DEPT_A_UNIT, participates: true, appraisingAgencies: ['A1'] };
const unit = { ownerUnitId: DEPT_A, unitId: DEPT_A_UNIT, leafKeys: ['k1', 'k2'], leafAgency: new Map<string, string | undefined>([['k1', 'A1'], ['k2', 'A2']]) };

describe('a cycle owned by A: its assessments', () => {
  it.each(everyRoleAndScope)('$role at the $where scope sees a unit’s assessment, all its leaves, its entries before submission', ({ role, where, actor }) => {
    const reads = expectedByScope(readsEvery, role, where);
    expect(mayViewAssessmentOf(actor, [], facts)).toBe(reads);
    expect(visibleLeavesOf(actor, [], unit)).toEqual(reads ? 'all' : new Set());
    expect(seesStatusOnly(actor, DEPT_A_UNIT, 'draft', DEPT_A)).toBe(!reads);
    expect(seesStatusOnly(actor, DEPT_A_UNIT, 'submitted', DEPT_A)).toBe(false);
  });

  it('the province’s cycle (owner null): only the province’s scope reads every unit', () => {
    for (const role of ['admin', 'council_member', 'leader_viewer'] as const) {
      const province = { ...facts, ownerUnitId: null };
      expect(mayViewAssessmentOf(scopedActorOf(role, 'owner'), [], province)).toBe(false);
      expect(mayViewAssessmentOf(scopedActorOf(role, 'other'), [], province)).toBe(false);
      expect(mayViewAssessmentOf(scopedActorOf(role, 'province'), [], province)).toBe(true);
    }
  });

  it('a cycle owned by a unit under A is within A’s scope', () => {
    expect(mayViewAssessmentOf(scopedActorOf('admin', 'owner'), [], { ...facts, ownerUnitId: DEPT_A_UNIT })).toBe(true);
    expect(mayViewAssessmentOf(scopedActorOf('admin', 'other'), [], { ...facts, ownerUnitId: DEPT_A_UNIT })).toBe(false);
  });

  it('unit staff and appraisers are unchanged by their scope: own unit, assigned criteria', () => {
    for (const where of ['owner', 'other', 'province'] as const) {
      expect(mayViewAssessmentOf(scopedActorOf('unit_officer', where, DEPT_A_UNIT), [], facts)).toBe(true);
      expect(mayViewAssessmentOf(scopedActorOf('appraiser', where, DEPT_B), ['A1'], facts)).toBe(true);
      expect(visibleLeavesOf(scopedActorOf('appraiser', where, DEPT_B), ['A1'], unit)).toEqual(new Set(['k1']));
      expect(mayViewAssessmentOf(scopedActorOf('appraiser', where, DEPT_B), ['A9'], facts)).toBe(false);
    }
  });

  it('an officer of the unit who is also B’s administrator reads it as the assessed unit; as A’s administrator, as it is', () => {
    const leaf = { ownerUnitId: DEPT_A, unitId: DEPT_A_UNIT, agency: 'A1' };
    expect(readsAsAssessedUnit(scopedActorOf(['unit_officer', 'admin'], 'other', DEPT_A_UNIT), [], leaf)).toBe(true);
    expect(readsAsAssessedUnit(scopedActorOf(['unit_officer', 'admin'], 'owner', DEPT_A_UNIT), [], leaf)).toBe(false);
    expect(readsAsAssessedUnit(scopedActorOf(['unit_officer', 'admin'], 'province', DEPT_A_UNIT), [], leaf)).toBe(false);
  });
});

describe('a cycle owned by A: the appraisal matrix, the council table, the published trace', () => {
  const known = new Set(['A1', 'A2']);
  it.each(everyRoleAndScope)('$role at the $where scope', ({ role, where, actor }) => {
    const admin = expectedByScope(administers, role, where);
    expect(refusal(() => appraisalMatrixAgency(actor, DEPT_A, [], known, 'A2'))).toEqual(admin ? null : { code: 'FORBIDDEN', status: 403 });
    const reads = expectedByScope(readsEvery, role, where);
    expect(mayReadCouncilTable(actor, DEPT_A)).toBe(reads);
    expect(refused(() => assertMayReadCouncil(actor, DEPT_A))).toBe(reads ? null : 403);
    expect(mayReadPublishedTrace(actor, DEPT_A, DEPT_A_UNIT)).toBe(reads);
    expect(refused(() => assertMayReadPublishedTrace(actor, DEPT_A, DEPT_A_UNIT))).toBe(reads ? null : 403);
  });

  it('in the province’s cycle A’s council and administrator read no table nor trace; the unit reads its own trace', () => {
    for (const role of ['admin', 'council_member', 'leader_viewer'] as const) {
      expect(mayReadCouncilTable(scopedActorOf(role, 'owner'), null)).toBe(false);
      expect(mayReadPublishedTrace(scopedActorOf(role, 'owner'), null, DEPT_A_UNIT)).toBe(false);
    }
    expect(refusal(() => appraisalMatrixAgency(scopedActorOf('admin', 'owner'), null, [], known, undefined))).toEqual({ code: 'FORBIDDEN', status: 403 });
    // The administrator of another level is told the cycle is another owner's, not that only appraisers (or an administrator) read it.
    const said = (fn: () => unknown) => { try { fn(); return null; } catch (e) { return (e as Error).message; } };
    expect(said(() => appraisalMatrixAgency(scopedActorOf('admin', 'owner'), null, [], known, undefined))).toBe(CYCLE_OF_OTHER_OWNER);
    expect(said(() => appraisalMatrixAgency(scopedActorOf('council_member', 'owner'), null, [], known, undefined))).toMatch(/^Chỉ cơ quan thẩm định/);
    expect(mayReadPublishedTrace(scopedActorOf('unit_head', 'other', DEPT_A_UNIT), null, DEPT_A_UNIT)).toBe(true);
  });
});

describe('who sits on a cycle’s council', () => {
  it('the province’s council on the province’s cycles; A’s council on A’s; never the province’s on A’s', () => {
    const scopeOf = (where: 'owner' | 'other' | 'province') => scopedActorOf('council_member', where).scope;
    expect([sitsOnCouncilOf(scopeOf('owner'), DEPT_A), sitsOnCouncilOf(scopeOf('other'), DEPT_A), sitsOnCouncilOf(scopeOf('province'), DEPT_A)]).toEqual([true, false, false]);
    expect([sitsOnCouncilOf(scopeOf('owner'), null), sitsOnCouncilOf(scopeOf('province'), null)]).toEqual([false, true]);
    // A's council reads and acts on a cycle A's own unit organises below it (its scope covers that owner).
    expect(sitsOnCouncilOf(scopeOf('owner'), DEPT_A_UNIT)).toBe(true);
    expect(mayReadCouncilTable(scopedActorOf('council_member', 'province'), DEPT_A)).toBe(true);
  });
});

describe('evidence of a unit under A', () => {
  it.each(everyRoleAndScope)('$role at the $where scope', ({ role, where, actor }) => {
    const manages = expectedByScope(administers, role, where);
    expect(mayManageUnitEvidence(actor, DEPT_A_UNIT)).toBe(manages);
    expect(evidenceAbilities(actor, DEPT_A_UNIT)).toEqual({ edit: manages });
    expect(refused(() => assertMayUploadEvidence(actor, DEPT_A_UNIT))).toBe(manages ? null : 403);
    const reads = expectedByScope(readsEvery, role, where);
    expect(readsAllOfUnit(actor, DEPT_A_UNIT)).toBe(reads);
    expect(evidenceReach(actor, DEPT_A_UNIT)).toEqual(reads ? 'all' : role === 'appraiser' ? { appraisedBy: actor.unitId } : 'none');
  });

  it('A’s administrator manages no evidence of a unit outside its scope', () => {
    expect(mayManageUnitEvidence(scopedActorOf('admin', 'owner'), DEPT_B)).toBe(false);
    // Nor its own unit's: that evidence backs the unit's assessments in the province's cycles, its staff's work.
    expect(mayManageUnitEvidence(scopedActorOf('admin', 'owner'), DEPT_A)).toBe(false);
    expect(() => assertMayUploadEvidence(scopedActorOf('admin', 'owner'), DEPT_A)).toThrow(/đơn vị trực thuộc/);
    expect(mayManageUnitEvidence(scopedActorOf('admin', 'province'), DEPT_A)).toBe(true);
    expect(readsAllOfUnit(scopedActorOf('leader_viewer', 'owner'), DEPT_B)).toBe(false);
  });
});

describe('the audit trail', () => {
  const reads: ExpectedByScope = {
    admin: [false, false, true], unit_officer: [false, false, false], unit_head: [false, false, false],
    appraiser: [false, false, false], council_member: [false, false, false], leader_viewer: [false, false, false],
  };
  it.each(everyRoleAndScope)('$role at the $where scope', ({ role, where, actor }) => {
    const expected = expectedByScope(reads, role, where);
    expect(mayReadAuditTrail(actor)).toBe(expected);
    expect(refused(() => assertMayReadAuditTrail(actor))).toBe(expected ? null : 403);
  });

  it('an organising unit’s administrator is told the trail is the province administrator’s', () => {
    try {
      assertMayReadAuditTrail(scopedActorOf('admin', 'owner'));
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).message).toContain('quản trị viên cấp tỉnh');
    }
  });
});
