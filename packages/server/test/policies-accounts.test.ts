import { describe, expect, it } from 'vitest';
import { accountAbilities, accountListUnit, assertAdministersAccount, grantedScope, sessionAbilities } from '../src/services/policies/account';
import type { Actor, Role } from '../src/services/actor';
import { assertMayReadAuditTrail, mayReadAuditTrail } from '../src/services/policies/audit';
import { frameworkAbilities, frameworkVersionAbilities, groupSetAbilities, ownerForNew, readsOwnedBy } from '../src/services/policies/framework';
import { notificationOwner } from '../src/services/policies/notifications';
import { assertAdministrator } from '../src/services/policies/roles';
import { assertMayViewUnitMembers, mayPlaceUnder, mayViewUnitMembers, unitAbilities } from '../src/services/policies/unit';
import { actorOf, everyRoleAndUnit, expectedFor, OTHER, OWN, refused, type Expected } from './support/policy-actors';

describe('set-up is the administrator’s', () => {
  it.each(everyRoleAndUnit)('$role of the $where unit', ({ role, actor }) => {
    const admin = role === 'admin';
    expect(refused(() => assertAdministrator(actor))).toBe(admin ? null : 403);
    expect(sessionAbilities(actor)).toEqual({ manageUnits: admin, manageUsers: admin, viewAudit: admin, importUnits: admin, manageFrameworks: admin });
    expect(mayReadAuditTrail(actor)).toBe(admin);
    expect(refused(() => assertMayReadAuditTrail(actor))).toBe(admin ? null : 403);
    expect(groupSetAbilities(actor, { ownerUnitId: null })).toEqual({ edit: admin });
    expect(unitAbilities(actor, { id: OWN, validTo: null })).toEqual({ edit: admin, close: admin, merge: admin, split: admin });
    expect(unitAbilities(actor, { id: OWN, validTo: '2025-12-31' })).toEqual({ edit: admin, close: false, merge: false, split: false });
    expect(frameworkVersionAbilities(actor, { status: 'draft' }, null)).toEqual({ edit: admin, publish: admin, newVersion: false });
    expect(frameworkVersionAbilities(actor, { status: 'published' }, null)).toEqual({ edit: false, publish: false, newVersion: admin });
  });

  it('a framework read without a session offers nothing', () => {
    expect(frameworkVersionAbilities(null, { status: 'draft' }, null)).toEqual({ edit: false, publish: false, newVersion: false });
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
    const account = { unitId: OTHER, roles: ['unit_officer'], scopeUnitId: null };
    expect(accountAbilities(actor, { ...account, id: 'someone-else' })).toEqual({ edit: admin, resetPassword: admin });
    // Its own password it changes itself (“Đổi mật khẩu”); the reset is refused by the service too.
    expect(accountAbilities(actor, { ...account, id: actor.userId })).toEqual({ edit: admin, resetPassword: false });
  });

  it.each(everyRoleAndUnit)('whose accounts $role of the $where unit lists', ({ role, actor }) => {
    if (role === 'admin') {
      expect(accountListUnit(actor, undefined)).toEqual({ unitId: undefined });
      expect(accountListUnit(actor, OTHER)).toEqual({ unitId: OTHER });
    } else if (role === 'unit_head') {
      expect(accountListUnit(actor, undefined)).toEqual({ unitId: actor.unitId });
      expect(accountListUnit(actor, actor.unitId)).toEqual({ unitId: actor.unitId });
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

describe('an organisation’s administrator (scope: department A and its units)', () => {
  const A = 'dep-a';
  const B = 'dep-b';
  const scopedTo = (roles: Role[], unitId = A): Actor => ({ ...actorOf(roles, unitId, 'a-admin'), scope: { kind: 'unit', unitId: A, unitIds: new Set([A, 'a-1', 'a-2']) } });
  const adminA = scopedTo(['admin']);

  it('offers units, users and frameworks, not the units import', () => {
    expect(sessionAbilities(adminA)).toMatchObject({ manageUnits: true, manageUsers: true, importUnits: false, manageFrameworks: true });
  });

  it('changes only the units below its own unit, and places units only under it', () => {
    expect(unitAbilities(adminA, { id: 'a-1', validTo: null })).toEqual({ edit: true, close: true, merge: true, split: true });
    expect(unitAbilities(adminA, { id: A, validTo: null })).toEqual({ edit: false, close: false, merge: false, split: false });
    expect(unitAbilities(adminA, { id: B, validTo: null })).toEqual({ edit: false, close: false, merge: false, split: false });
    expect([mayPlaceUnder(adminA, A), mayPlaceUnder(adminA, 'a-2'), mayPlaceUnder(adminA, B), mayPlaceUnder(adminA, null)]).toEqual([true, true, false, false]);
    expect([mayViewUnitMembers(adminA, 'a-1'), mayViewUnitMembers(adminA, B)]).toEqual([true, false]);
  });

  it('administers accounts within its scope only, and never one acting for the province or another organisation', () => {
    const officer = { id: 'x', unitId: 'a-1', roles: ['unit_officer'], scopeUnitId: null };
    expect(accountAbilities(adminA, officer)).toEqual({ edit: true, resetPassword: true });
    expect(accountAbilities(adminA, { ...officer, unitId: B })).toEqual({ edit: false, resetPassword: false });
    expect(accountAbilities(adminA, { ...officer, roles: ['leader_viewer'], scopeUnitId: A })).toEqual({ edit: true, resetPassword: true });
    expect(accountAbilities(adminA, { ...officer, roles: ['admin'], scopeUnitId: null })).toEqual({ edit: false, resetPassword: false });
    expect(accountAbilities(adminA, { ...officer, roles: ['admin'], scopeUnitId: B })).toEqual({ edit: false, resetPassword: false });
  });

  it('in its own unit manages only accounts with organisation-wide roles in its scope; unit roles there are the province’s', () => {
    const none = { edit: false, resetPassword: false };
    const inOwnUnit = { id: 'y', unitId: A, scopeUnitId: null };
    for (const role of ['unit_officer', 'unit_head', 'appraiser'] as const) {
      expect(accountAbilities(adminA, { ...inOwnUnit, roles: [role] })).toEqual(none);
      expect(accountAbilities(adminA, { ...inOwnUnit, roles: ['council_member', role], scopeUnitId: A })).toEqual(none);
      expect(accountAbilities(adminA, { ...inOwnUnit, unitId: 'a-1', roles: [role] })).toEqual({ edit: true, resetPassword: true });
      expect(refused(() => assertAdministersAccount(adminA, { ...inOwnUnit, roles: [role] }))).toBe(403);
      expect(() => assertAdministersAccount(adminA, { ...inOwnUnit, roles: [role] })).toThrow(/do quản trị viên cấp tỉnh .* ở các đơn vị trực thuộc/);
    }
    expect(accountAbilities(adminA, { ...inOwnUnit, roles: ['council_member', 'leader_viewer'], scopeUnitId: A })).toEqual({ edit: true, resetPassword: true });
    expect(accountAbilities(adminA, { ...inOwnUnit, roles: ['admin'], scopeUnitId: 'a-1' })).toEqual({ edit: true, resetPassword: true });
    expect(accountAbilities(adminA, { ...inOwnUnit, roles: ['leader_viewer'], scopeUnitId: null })).toEqual(none);
    // The province's administrator manages them all.
    expect(accountAbilities(actorOf(['admin'], OTHER, 'p-admin'), { ...inOwnUnit, roles: ['unit_head'] })).toEqual({ edit: true, resetPassword: true });
  });

  it('lists the accounts of its units, gives scopes only within its own', () => {
    expect(accountListUnit(adminA, undefined).unitIds).toEqual([A, 'a-1', 'a-2']);
    expect(accountListUnit(adminA, 'a-2')).toEqual({ unitId: 'a-2' });
    expect(refused(() => accountListUnit(adminA, B))).toBe(403);
    expect(grantedScope(adminA, ['admin'], undefined)).toBe(A);
    expect(grantedScope(adminA, ['council_member'], 'a-1')).toBe('a-1');
    expect(grantedScope(adminA, ['unit_officer'], 'a-1')).toBeNull();
    expect(refused(() => grantedScope(adminA, ['admin'], null))).toBe(403);
    expect(refused(() => grantedScope(adminA, ['admin'], B))).toBe(403);
  });

  it('manages its own frameworks and group sets, reads the province’s as templates, not another organisation’s', () => {
    expect(frameworkAbilities(adminA, { ownerUnitId: A })).toEqual({ manage: true, adopt: true });
    expect(frameworkAbilities(adminA, { ownerUnitId: null })).toEqual({ manage: false, adopt: true });
    expect(frameworkAbilities(adminA, { ownerUnitId: B })).toEqual({ manage: false, adopt: false });
    expect(frameworkVersionAbilities(adminA, { status: 'draft' }, null)).toEqual({ edit: false, publish: false, newVersion: false });
    expect(frameworkVersionAbilities(adminA, { status: 'draft' }, A)).toEqual({ edit: true, publish: true, newVersion: false });
    expect([readsOwnedBy(adminA, null), readsOwnedBy(adminA, A), readsOwnedBy(adminA, B)]).toEqual([true, true, false]);
    expect([groupSetAbilities(adminA, { ownerUnitId: A }), groupSetAbilities(adminA, { ownerUnitId: null })]).toEqual([{ edit: true }, { edit: false }]);
    expect(ownerForNew(adminA, undefined)).toBe(A);
    expect(refused(() => ownerForNew(adminA, null))).toBe(403);
    expect(refused(() => ownerForNew(adminA, B))).toBe(403);
    expect(refused(() => ownerForNew(scopedTo(['leader_viewer']), undefined))).toBe(403);
  });
});

