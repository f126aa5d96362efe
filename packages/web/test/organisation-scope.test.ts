import { describe, expect, it } from 'vitest';
import type { Me, Unit } from '@chiso/contract';
import { areasFor, homePathFor } from '../src/app/navigation';
import { unitsWithin } from '../src/pages/units/tree';

const unit = (id: string, parentId: string | null): Unit => ({
  id,
  code: id.toUpperCase(),
  name: `Đơn vị ${id}`,
  shortName: null,
  typeCode: 'department',
  typeName: 'Sở',
  parentId,
  validFrom: '2020-01-01',
  validTo: null,
  formerNames: [],
  predecessors: [],
  successors: [],
  version: 1,
  may: { edit: false, close: false, merge: false, split: false },
});

const me = (scope: Me['scope'], may: Partial<Me['may']>): Me => ({
  id: 'u',
  username: 'syt.quantri',
  fullName: 'Quản trị Sở Y tế',
  email: null,
  unit: { id: 'syt', code: 'SYT', name: 'Sở Y tế' },
  roles: ['admin'],
  mustChangePassword: false,
  scope,
  may: { manageUnits: true, manageUsers: true, viewAudit: false, importUnits: false, manageFrameworks: true, ...may },
});

describe('an organisation’s administrator in the web app', () => {
  it('sees units, users, cycles, appraisal, council, results, follow-up and frameworks, not the audit trail; starts at its cycles', () => {
    const scoped = me({ id: 'syt', code: 'SYT', name: 'Sở Y tế' }, {});
    expect(areasFor(scoped)).toEqual(['units', 'users', 'cycles', 'appraisal', 'council', 'results', 'surveys', 'followUp', 'frameworks']);
    expect(homePathFor(scoped)).toBe('/cycles');
    expect(areasFor(me(null, { viewAudit: true, importUnits: true }))).toContain('audit');
  });

  it('works with the units of its scope: its unit and every unit under it', () => {
    const units = [unit('tinh', null), unit('syt', 'tinh'), unit('bv', 'syt'), unit('khoa', 'bv'), unit('sgd', 'tinh'), unit('thpt', 'sgd')];
    expect(unitsWithin(units, 'syt').map((u) => u.id)).toEqual(['syt', 'bv', 'khoa']);
    expect(unitsWithin(units, 'tinh')).toHaveLength(units.length);
  });
});
