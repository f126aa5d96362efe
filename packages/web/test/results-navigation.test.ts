import { describe, expect, it } from 'vitest';
import type { Me } from '@chiso/contract';
import { areasFor, homePathFor } from '../src/app/navigation';

const person = (roles: Me['roles']): Me => ({
  id: 'u',
  username: 'x',
  fullName: 'Người dùng',
  email: null,
  unit: { id: 'ls', code: 'LS', name: 'UBND tỉnh Lạng Sơn' },
  roles,
  mustChangePassword: false,
  scope: null,
  may: { manageUnits: false, manageUsers: false, viewAudit: false, importUnits: false, manageFrameworks: false },
});

describe('the results area (published results, issue 11)', () => {
  it('is in every role’s navigation', () => {
    for (const roles of [['admin'], ['unit_officer'], ['unit_head'], ['appraiser'], ['council_member'], ['leader_viewer']] as Me['roles'][]) {
      expect(areasFor(person(roles)), roles.join()).toContain('results');
    }
  });

  it('is the leader’s home; a council member still starts at the council and sees the results area', () => {
    expect(homePathFor(person(['leader_viewer']))).toBe('/results');
    expect(homePathFor(person(['council_member']))).toBe('/council');
    expect(homePathFor(person(['council_member', 'leader_viewer']))).toBe('/council');
    expect(areasFor(person(['council_member']))).toEqual(expect.arrayContaining(['council', 'results']));
  });
});
