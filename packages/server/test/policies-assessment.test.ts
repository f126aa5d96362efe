import { describe, expect, it } from 'vitest';
import type { CriterionActionOption, CriterionCommandType } from '@chiso/core';
import {
  appraisalMatrixAgency, isUnsubmitted, mayViewAssessmentOf, myWorkUnits, seesStatusOnly, visibleLeavesOf,
} from '../src/services/policies/assessment';
import { assertAppraiserFor, criterionAbilitiesFrom, readsAsAssessedUnit } from '../src/services/policies/criterion-record';
import { assertMayReadCouncil, councilAbilities, mayReadCouncilTable } from '../src/services/policies/council';
import { actorOf, everyRoleAndUnit, expectedFor, OTHER, OWN, refusal, type Expected } from './support/policy-actors';

// A cycle of the province (owner null); the owner dimension is policies-owner.test.ts.
const facts = { ownerUnitId: null, unitId: OWN, participates: true, appraisingAgencies: ['A1'] };

describe('assessment policy: who sees a unit’s assessment', () => {
  // [the actor belongs to the assessed unit, to another unit]; the appraiser's unit acts as no agency here.
  const table: Expected = {
    admin: [true, true], unit_officer: [true, false], unit_head: [true, false], appraiser: [false, false], council_member: [true, true], leader_viewer: [true, true],
  };
  it.each(everyRoleAndUnit)('$role of the $where unit', ({ role, where, actor }) => {
    expect(mayViewAssessmentOf(actor, [], facts)).toBe(expectedFor(table, role, where));
  });

  it('an appraiser sees it when its agency appraises one of the unit’s criteria, in a cycle the unit takes part in', () => {
    const appraiser = actorOf('appraiser', OTHER);
    expect(mayViewAssessmentOf(appraiser, ['A1'], facts)).toBe(true);
    expect(mayViewAssessmentOf(appraiser, ['B9'], facts)).toBe(false);
    expect(mayViewAssessmentOf(appraiser, ['A1'], { ...facts, participates: false })).toBe(false);
    expect(mayViewAssessmentOf(actorOf('unit_officer', OTHER), ['A1'], facts)).toBe(false);
  });
});

describe('assessment policy: status only before submission', () => {
  const unsubmitted: Expected = {
    admin: [false, false], unit_officer: [false, true], unit_head: [false, true], appraiser: [true, true], council_member: [false, false], leader_viewer: [false, false],
  };
  it.each(everyRoleAndUnit)('$role of the $where unit, draft or returned', ({ role, where, actor }) => {
    for (const state of ['draft', 'returned_for_revision']) expect(seesStatusOnly(actor, OWN, state, null)).toBe(expectedFor(unsubmitted, role, where));
  });
  it.each(everyRoleAndUnit)('$role of the $where unit, once submitted', ({ actor }) => {
    for (const state of ['submitted', 'appraising', 'appraised', 'published', 'not_submitted']) expect(seesStatusOnly(actor, OWN, state, null)).toBe(false);
  });
  it('the unit’s own officer who is also an appraiser reads its entries', () => {
    expect(seesStatusOnly(actorOf(['unit_officer', 'appraiser'], OWN), OWN, 'draft', null)).toBe(false);
    expect(isUnsubmitted('draft')).toBe(true);
    expect(isUnsubmitted('submitted')).toBe(false);
  });
});

describe('assessment policy: visible leaves', () => {
  const unit = { ownerUnitId: null, unitId: OWN, leafKeys: ['k1', 'k2', 'k3'], leafAgency: new Map<string, string | undefined>([['k1', 'A1'], ['k2', 'A2'], ['k3', undefined]]) };
  const all: Expected = {
    admin: [true, true], unit_officer: [true, false], unit_head: [true, false], appraiser: [false, false], council_member: [true, true], leader_viewer: [true, true],
  };
  it.each(everyRoleAndUnit)('$role of the $where unit', ({ role, where, actor }) => {
    const visible = visibleLeavesOf(actor, ['A1'], unit);
    if (expectedFor(all, role, where)) expect(visible).toBe('all');
    else expect(visible).toEqual(new Set(['k1']));
  });
});

describe('assessment policy: the appraisal matrix’s agency', () => {
  const known = new Set(['A1', 'A2']);
  it('the administrator reads any agency’s matrix, the first by code unless it asks', () => {
    const admin = actorOf('admin');
    expect(appraisalMatrixAgency(admin, null, [], known, undefined)).toBe('A1');
    expect(appraisalMatrixAgency(admin, null, [], known, 'A2')).toBe('A2');
    expect(refusal(() => appraisalMatrixAgency(admin, null, [], known, 'Z9'))).toEqual({ code: 'NOT_FOUND', status: 404 });
  });
  it('an appraiser reads only its own agency’s', () => {
    const appraiser = actorOf('appraiser', OTHER);
    expect(appraisalMatrixAgency(appraiser, null, ['A2'], known, undefined)).toBe('A2');
    expect(refusal(() => appraisalMatrixAgency(appraiser, null, ['A2'], known, 'A1'))).toEqual({ code: 'FORBIDDEN', status: 403 });
    expect(refusal(() => appraisalMatrixAgency(appraiser, null, [], known, undefined))).toEqual({ code: 'FORBIDDEN', status: 403 });
  });
  it.each(['unit_officer', 'unit_head', 'council_member', 'leader_viewer'] as const)('%s is refused', (role) => {
    expect(refusal(() => appraisalMatrixAgency(actorOf(role), null, [], known, undefined))).toEqual({ code: 'FORBIDDEN', status: 403 });
  });
});

describe('assessment policy: the own work list', () => {
  it.each(everyRoleAndUnit)('$role of the $where unit', ({ role, actor }) => {
    const staff = role === 'unit_officer' || role === 'unit_head';
    expect(myWorkUnits(actor)).toEqual({ ownUnitId: staff ? actor.unitId : null, agencyUnitId: role === 'appraiser' ? actor.unitId : null });
  });
  it('a council member who heads a unit still has that unit’s work', () => {
    expect(myWorkUnits(actorOf(['council_member', 'unit_head'], OWN))).toEqual({ ownUnitId: OWN, agencyUnitId: null });
    expect(myWorkUnits(actorOf(['unit_officer', 'appraiser'], OWN))).toEqual({ ownUnitId: OWN, agencyUnitId: OWN });
  });
});

describe('criterion record policy', () => {
  const leaf = { ownerUnitId: null, unitId: OWN, agency: 'A1' };
  const asUnit: Expected = {
    admin: [false, false], unit_officer: [true, false], unit_head: [true, false], appraiser: [false, false], council_member: [false, false], leader_viewer: [false, false],
  };
  it.each(everyRoleAndUnit)('$role of the $where unit reads as the assessed unit?', ({ role, where, actor }) => {
    expect(readsAsAssessedUnit(actor, [], leaf)).toBe(expectedFor(asUnit, role, where));
  });
  it('an officer who is also the appraiser of the leaf’s agency reads the appraisal as it is', () => {
    const both = actorOf(['unit_officer', 'appraiser'], OWN);
    expect(readsAsAssessedUnit(both, ['A1'], leaf)).toBe(false);
    expect(readsAsAssessedUnit(both, ['A1'], { ...leaf, agency: 'A2' })).toBe(true);
    expect(readsAsAssessedUnit(both, ['A1'], { ...leaf, agency: undefined })).toBe(true);
    expect(readsAsAssessedUnit(actorOf(['unit_officer', 'admin'], OWN), [], leaf)).toBe(false);
  });
  it('the may flags are the core’s allowed commands', () => {
    const allowed: [CriterionCommandType, boolean][] = [
      ['save_self', true], ['answer', false], ['decide', true], ['request_explanation', false], ['propose_final', true], ['approve_final', false],
    ];
    const options: CriterionActionOption[] = allowed.map(([command, ok]) => ({ command, label: command, allowed: ok }));
    expect(criterionAbilitiesFrom(options)).toEqual({ edit: true, answer: false, decide: true, request: false, propose: true, approve: false });
    expect(criterionAbilitiesFrom([])).toEqual({ edit: false, answer: false, decide: false, request: false, propose: false, approve: false });
    expect(councilAbilities(criterionAbilitiesFrom(options))).toEqual({ propose: true, approve: false });
  });
  it.each(everyRoleAndUnit)('bulk appraisal commands: $role of the $where unit', ({ role, actor }) => {
    for (const what of ['accept', 'confirm_not_applicable'] as const) {
      expect(refusal(() => assertAppraiserFor(actor, what))).toEqual(role === 'appraiser' ? null : { code: 'FORBIDDEN', status: 403 });
    }
  });
});

describe('council policy: who reads the consolidated table', () => {
  const table: Expected = {
    admin: [true, true], unit_officer: [false, false], unit_head: [false, false], appraiser: [false, false], council_member: [true, true], leader_viewer: [true, true],
  };
  it.each(everyRoleAndUnit)('$role of the $where unit', ({ role, where, actor }) => {
    const expected = expectedFor(table, role, where);
    expect(mayReadCouncilTable(actor, null)).toBe(expected);
    expect(refusal(() => assertMayReadCouncil(actor, null))).toEqual(expected ? null : { code: 'FORBIDDEN', status: 403 });
  });
});
