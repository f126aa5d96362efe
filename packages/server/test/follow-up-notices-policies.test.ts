// Who may see, edit and report a conclusion notice's task (issue 12 §1), every role × where it stands:
// a task of a notice owned by organising unit A, its responsible unit OWN, cooperating unit COOP.
import { describe, expect, it } from 'vitest';
import { mayManageNotices, maySeeTask, mayReportTask } from '../src/services/policies/follow-up-tasks';
import {
  DEPT_A, actorOf, everyRoleAndScope, expectedByScope, expectedFor, everyRoleAndUnit, type Expected, type ExpectedByScope, OWN,
} from './support/policy-actors';

const COOP = 'unit-coop';
const task = (ownerUnitId: string | null) => ({ ownerUnitId, responsibleUnitId: OWN, cooperatingUnitIds: [COOP] });

describe('a task of the province’s notice, by role and unit (own: the responsible unit)', () => {
  const sees: Expected = {
    admin: [true, true], unit_officer: [true, false], unit_head: [true, false], appraiser: [false, false], council_member: [true, true], leader_viewer: [true, true],
  };
  const reports: Expected = {
    admin: [false, false], unit_officer: [true, false], unit_head: [true, false], appraiser: [false, false], council_member: [false, false], leader_viewer: [false, false],
  };
  it.each(everyRoleAndUnit)('$role of the $where unit', ({ role, where, actor }) => {
    expect(maySeeTask(actor, task(null))).toBe(expectedFor(sees, role, where));
    expect(mayReportTask(actor, task(null))).toBe(expectedFor(reports, role, where));
    expect(mayManageNotices(actor, null)).toBe(role === 'admin');
  });

  it('the cooperating unit’s staff see the task but do not report', () => {
    for (const role of ['unit_officer', 'unit_head'] as const) {
      expect(maySeeTask(actorOf(role, COOP), task(null))).toBe(true);
      expect(mayReportTask(actorOf(role, COOP), task(null))).toBe(false);
    }
  });
});

describe('a task of organising unit A’s notice, by role and scope (A’s, B’s, the province’s)', () => {
  const manages: ExpectedByScope = {
    admin: [true, false, true], unit_officer: [false, false, false], unit_head: [false, false, false], appraiser: [false, false, false], council_member: [false, false, false], leader_viewer: [false, false, false],
  };
  const sees: ExpectedByScope = {
    admin: [true, false, true], unit_officer: [false, false, false], unit_head: [false, false, false], appraiser: [false, false, false], council_member: [true, false, true], leader_viewer: [true, false, true],
  };
  it.each(everyRoleAndScope)('$role at the $where scope', ({ role, where, actor }) => {
    expect(mayManageNotices(actor, DEPT_A)).toBe(expectedByScope(manages, role, where));
    expect(maySeeTask(actor, task(DEPT_A))).toBe(expectedByScope(sees, role, where));
    expect(mayReportTask(actor, task(DEPT_A))).toBe(false);
  });
});
