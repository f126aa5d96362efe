import { describe, expect, it } from 'vitest';
import { accountAbilities, accountListUnit, sessionAbilities } from '../src/services/policies/account';
import { assertMayReadAuditTrail, mayReadAuditTrail } from '../src/services/policies/audit';
import { frameworkVersionAbilities, groupSetAbilities } from '../src/services/policies/framework';
import { notificationOwner } from '../src/services/policies/notifications';
import { assertAdministrator } from '../src/services/policies/roles';
import { assertMayViewUnitMembers, mayViewUnitMembers, unitAbilities } from '../src/services/policies/unit';
import { actorOf, everyRoleAndUnit, expectedFor, OTHER, OWN, refused, type Expected } from './support/policy-actors';

describe('set-up is the administrator’s', () => {
  it.each(everyRoleAndUnit)('$role of the $where unit', ({ role, actor }) => {
    const admin = role === 'admin';
    expect(refused(() => assertAdministrator(actor))).toBe(admin ? null : 403);
    expect(sessionAbilities(actor)).toEqual({ manageUnits: admin, manageUsers: admin, viewAudit: admin });
    expect(mayReadAuditTrail(actor)).toBe(admin);
    expect(refused(() => assertMayReadAuditTrail(actor))).toBe(admin ? null : 403);
    expect(groupSetAbilities(actor)).toEqual({ edit: admin });
    expect(unitAbilities(actor, { validTo: null })).toEqual({ edit: admin, close: admin, merge: admin, split: admin });
    expect(unitAbilities(actor, { validTo: '2025-12-31' })).toEqual({ edit: admin, close: false, merge: false, split: false });
    expect(frameworkVersionAbilities(actor, { status: 'draft' })).toEqual({ edit: admin, publish: admin, newVersion: false });
    expect(frameworkVersionAbilities(actor, { status: 'published' })).toEqual({ edit: false, publish: false, newVersion: admin });
  });

  it('a framework read without a session offers nothing', () => {
    expect(frameworkVersionAbilities(null, { status: 'draft' })).toEqual({ edit: false, publish: false, newVersion: false });
  });
});

describe('unit policy: a unit’s people', () => {
  const table: Expected = {
    admin: [true, true], unit_officer: [true, false], unit_head: [true, false], appraiser: [false, false], council_member: [false, false], leader_viewer: [false, false],
  };
  it.each(everyRoleAndUnit)('$role of the $where unit', ({ role, where, actor }) => {
    const expected = expectedFor(table, role, where);
    expect(mayViewUnitMembers(actor, OWN)).toBe(expected);
    expect(refused(() => assertMayViewUnitMembers(actor, OWN))).toBe(expected ? null : 403);
  });
});

describe('account policy', () => {
  it.each(everyRoleAndUnit)('what $role of the $where unit may do to an account', ({ role, actor }) => {
    const admin = role === 'admin';
    expect(accountAbilities(actor, { id: 'someone-else' })).toEqual({ edit: admin, resetPassword: admin });
    // Its own password it changes itself (“Đổi mật khẩu”); the reset is refused by the service too.
    expect(accountAbilities(actor, { id: actor.userId })).toEqual({ edit: admin, resetPassword: false });
  });

  it.each(everyRoleAndUnit)('whose accounts $role of the $where unit lists', ({ role, actor }) => {
    if (role === 'admin') {
      expect(accountListUnit(actor, undefined)).toBeUndefined();
      expect(accountListUnit(actor, OTHER)).toBe(OTHER);
    } else if (role === 'unit_head') {
      expect(accountListUnit(actor, undefined)).toBe(actor.unitId);
      expect(accountListUnit(actor, actor.unitId)).toBe(actor.unitId);
      expect(refused(() => accountListUnit(actor, actor.unitId === OWN ? OTHER : OWN))).toBe(403);
    } else {
      expect(refused(() => accountListUnit(actor, undefined))).toBe(403);
      expect(refused(() => accountListUnit(actor, actor.unitId))).toBe(403);
    }
  });
});

describe('notifications policy', () => {
  it.each(everyRoleAndUnit)('$role of the $where unit reads only its own', ({ actor }) => {
    expect(notificationOwner(actorOf(actor.roles, actor.unitId, 'user-7'))).toBe('user-7');
  });
});
