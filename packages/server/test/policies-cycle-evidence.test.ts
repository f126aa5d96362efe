import { describe, expect, it } from 'vitest';
import { CYCLE_STATUSES, cycleRefusal } from '@chiso/core';
import { assertAdministersCycle, assertMayReadProgress, cycleAbilities, cycleClosing, cycleScope, mayReadProgress, seesProgressActions } from '../src/services/policies/cycle';
import { roleScopeOf, type Actor, type Role } from '../src/services/actor';
import {
  appraiserSeesUse, assertMayUploadEvidence, evidenceAbilities, evidenceReach, mayManageUnitEvidence, readsAllOfUnit,
} from '../src/services/policies/evidence';
import { assertMayReadPublishedTrace, mayReadPublishedTrace } from '../src/services/policies/results';
import { actorOf, everyRoleAndUnit, expectedFor, OWN, refused, type Expected } from './support/policy-actors';

const readsAll: Expected = {
  admin: [true, true], unit_officer: [true, false], unit_head: [true, false], appraiser: [false, false], council_member: [true, true], leader_viewer: [true, true],
};

/** An organising unit's user: scope department A (and its unit under it). */
const DEPT_A = 'dept-a';
const DEPT_A_CHILD = 'dept-a-child';
const DEPT_B = 'dept-b';
const scopedActor = (role: Role): Actor => ({ ...actorOf(role, DEPT_A), scope: roleScopeOf({ unitId: DEPT_A, unitIds: [DEPT_A, DEPT_A_CHILD] }) });

describe('cycle policy', () => {
  it.each(everyRoleAndUnit)('which cycles $role of the $where unit lists', ({ role, actor }) => {
    const scope = cycleScope(actor);
    if (role === 'admin' || role === 'council_member' || role === 'leader_viewer') expect(scope).toBe('all');
    else expect(scope).toEqual({ ownUnitId: role === 'appraiser' ? null : actor.unitId, agencyUnitId: role === 'appraiser' ? actor.unitId : null, ownerUnitIds: [] });
  });

  it('an officer who is also an appraiser lists both its unit’s cycles and its agency’s', () => {
    expect(cycleScope(actorOf(['unit_officer', 'appraiser'], OWN))).toEqual({ ownUnitId: OWN, agencyUnitId: OWN, ownerUnitIds: [] });
  });

  it('an organising unit’s administrator, council member and leader list the cycles their scope owns, besides their unit’s', () => {
    for (const role of ['admin', 'council_member', 'leader_viewer'] as const) {
      const scope = cycleScope(scopedActor(role));
      expect(scope).not.toBe('all');
      if (scope !== 'all') expect([...scope.ownerUnitIds].sort()).toEqual([DEPT_A, DEPT_A_CHILD].sort());
    }
  });

  it('an organising unit’s administrator administers its own cycles only; the province’s administrator every level’s', () => {
    const scoped = scopedActor('admin');
    const province = actorOf('admin');
    for (const [owner, mine] of [[DEPT_A, true], [DEPT_A_CHILD, true], [DEPT_B, false], [null, false]] as const) {
      const cycle = { status: 'open', ownerUnitId: owner };
      expect(cycleAbilities(scoped, { ...cycle, status: 'setup' })).toEqual({ edit: mine, open: mine });
      expect(cycleClosing(scoped, { ...cycle, status: 'closed' }, []).reopen).toBe(mine);
      expect(seesProgressActions(scoped, cycle)).toBe(mine);
      expect(mayReadProgress(scoped, cycle)).toBe(mine);
      expect(refused(() => assertAdministersCycle(scoped, cycle))).toBe(mine ? null : 403);
      expect(cycleAbilities(province, { ...cycle, status: 'setup' })).toEqual({ edit: true, open: true });
      expect(refused(() => assertAdministersCycle(province, cycle))).toBeNull();
    }
    expect(refused(() => assertAdministersCycle(scopedActor('council_member'), { ownerUnitId: DEPT_A }))).toBe(403);
  });

  it.each(everyRoleAndUnit)('the cycle’s may flags for $role of the $where unit follow the core’s lifecycle', ({ role, actor }) => {
    for (const status of CYCLE_STATUSES) {
      const admin = role === 'admin';
      expect(cycleAbilities(actor, { status, ownerUnitId: null })).toEqual({ edit: admin && !cycleRefusal(status, 'configure'), open: admin && !cycleRefusal(status, 'open') });
    }
  });

  it('the administrator configures a cycle in set-up and opens it; a closed one is neither', () => {
    const admin = actorOf('admin');
    expect(cycleAbilities(admin, { status: 'setup', ownerUnitId: null }).open).toBe(true);
    expect(cycleAbilities(admin, { status: 'closed', ownerUnitId: null })).toEqual({ edit: false, open: false });
  });

  it.each(everyRoleAndUnit)('progress table for $role of the $where unit', ({ role, actor }) => {
    const reads = role === 'admin' || role === 'council_member' || role === 'leader_viewer';
    const province = { ownerUnitId: null };
    expect(mayReadProgress(actor, province)).toBe(reads);
    expect(refused(() => assertMayReadProgress(actor, province))).toBe(reads ? null : 403);
    expect(seesProgressActions(actor, province)).toBe(role === 'admin');
  });
});

describe('evidence policy', () => {
  const manages: Expected = {
    admin: [true, true], unit_officer: [true, false], unit_head: [true, false], appraiser: [false, false], council_member: [false, false], leader_viewer: [false, false],
  };
  it.each(everyRoleAndUnit)('$role of the $where unit adds and describes the unit’s evidence?', ({ role, where, actor }) => {
    const expected = expectedFor(manages, role, where);
    expect(mayManageUnitEvidence(actor, OWN)).toBe(expected);
    expect(evidenceAbilities(actor, OWN)).toEqual({ edit: expected });
    expect(refused(() => assertMayUploadEvidence(actor, OWN))).toBe(expected ? null : 403);
  });

  it.each(everyRoleAndUnit)('how much of the unit’s evidence $role of the $where unit reads', ({ role, where, actor }) => {
    expect(readsAllOfUnit(actor, OWN)).toBe(expectedFor(readsAll, role, where));
    const reach = evidenceReach(actor, OWN);
    if (expectedFor(readsAll, role, where)) expect(reach).toBe('all');
    else if (role === 'appraiser') expect(reach).toEqual({ appraisedBy: actor.unitId });
    else expect(reach).toBe('none');
  });

  it('an appraiser sees a document through a criterion its agency appraises, once the unit has submitted', () => {
    const mine = new Set(['A1']);
    expect(appraiserSeesUse(mine, { unitState: 'submitted', agency: 'A1' })).toBe(true);
    expect(appraiserSeesUse(mine, { unitState: 'appraising', agency: 'A1' })).toBe(true);
    expect(appraiserSeesUse(mine, { unitState: 'submitted', agency: 'A2' })).toBe(false);
    expect(appraiserSeesUse(mine, { unitState: 'submitted', agency: undefined })).toBe(false);
    expect(appraiserSeesUse(mine, { unitState: 'draft', agency: 'A1' })).toBe(false);
    expect(appraiserSeesUse(mine, { unitState: 'returned_for_revision', agency: 'A1' })).toBe(false);
  });
});

describe('results policy: the trace of a published figure', () => {
  it.each(everyRoleAndUnit)('$role of the $where unit', ({ role, where, actor }) => {
    const expected = expectedFor(readsAll, role, where);
    expect(mayReadPublishedTrace(actor, null, OWN)).toBe(expected);
    expect(refused(() => assertMayReadPublishedTrace(actor, null, OWN))).toBe(expected ? null : 403);
  });
});
