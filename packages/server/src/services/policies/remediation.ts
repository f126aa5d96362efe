/**
 * Remediation plans (issue 12 §2). A plan is its unit's: its officers and head draft and edit it,
 * and — as with the self-assessment, which only the head submits (core workflow/unit-states.ts) —
 * only the head submits it. An administrator of the results' cycle's owner accepts or returns it;
 * whoever reads every unit of that owner (administrator, council, leaders) reads it. The unit
 * reports each item's progress once the plan is accepted.
 */
import type { RemediationPlanStatus } from '@chiso/core';
import { administers, hasRole, type Actor } from '../actor';
import { forbidden, ruleViolation } from '../errors';
import { isStaffOf, readsEveryUnitOf } from './roles';

export interface PlanFacts {
  unitId: string;
  /** The owner of the cycle whose results the plan is drawn from (null: the province's). */
  ownerUnitId: string | null;
  status: RemediationPlanStatus;
}

const EDITABLE: readonly RemediationPlanStatus[] = ['draft', 'returned'];

export const mayReadPlan = (actor: Actor, p: Omit<PlanFacts, 'status'>): boolean => readsEveryUnitOf(actor, p.ownerUnitId) || isStaffOf(actor, p.unitId);
export const mayDraftPlan = (actor: Actor, unitId: string): boolean => isStaffOf(actor, unitId);
export const mayEditPlan = (actor: Actor, p: PlanFacts): boolean => isStaffOf(actor, p.unitId) && EDITABLE.includes(p.status);
export const maySubmitPlan = (actor: Actor, p: PlanFacts): boolean => isStaffOf(actor, p.unitId) && hasRole(actor, 'unit_head') && EDITABLE.includes(p.status);
export const mayDecidePlan = (actor: Actor, p: PlanFacts): boolean => administers(actor, p.ownerUnitId) && p.status === 'submitted';
export const mayReportPlan = (actor: Actor, p: PlanFacts): boolean => isStaffOf(actor, p.unitId) && p.status === 'accepted';

export function assertMayReadPlan(actor: Actor, p: Omit<PlanFacts, 'status'>): void {
  if (!mayReadPlan(actor, p)) {
    throw forbidden('Kế hoạch khắc phục chỉ chính đơn vị, quản trị viên, Hội đồng thẩm định và lãnh đạo của đơn vị tổ chức đánh giá mới xem được.');
  }
}

export function assertMayDraftPlan(actor: Actor, unitId: string): void {
  if (!mayDraftPlan(actor, unitId)) throw forbidden('Chỉ cán bộ, lãnh đạo của chính đơn vị mới lập được kế hoạch khắc phục của đơn vị.');
}

export function assertMayEditPlan(actor: Actor, p: PlanFacts): void {
  if (!isStaffOf(actor, p.unitId)) throw forbidden('Chỉ cán bộ, lãnh đạo của chính đơn vị mới sửa được kế hoạch khắc phục của đơn vị.');
  if (!EDITABLE.includes(p.status)) throw ruleViolation('Kế hoạch đã nộp hoặc đã được chấp thuận, không sửa được.');
}

export function assertMaySubmitPlan(actor: Actor, p: PlanFacts): void {
  if (!isStaffOf(actor, p.unitId) || !hasRole(actor, 'unit_head')) throw forbidden('Chỉ lãnh đạo đơn vị mới nộp được kế hoạch khắc phục của đơn vị.');
  if (!EDITABLE.includes(p.status)) throw ruleViolation('Kế hoạch đã được nộp.');
}

export function assertMayDecidePlan(actor: Actor, p: PlanFacts): void {
  if (!administers(actor, p.ownerUnitId)) throw forbidden('Chỉ quản trị viên của đơn vị tổ chức đánh giá mới chấp thuận hoặc trả lại kế hoạch khắc phục.');
  if (p.status !== 'submitted') throw ruleViolation('Chỉ chấp thuận hoặc trả lại được kế hoạch đã nộp.');
}

export function assertMayReportPlan(actor: Actor, p: PlanFacts): void {
  if (!isStaffOf(actor, p.unitId)) throw forbidden('Chỉ cán bộ, lãnh đạo của chính đơn vị mới báo cáo được tiến độ kế hoạch khắc phục.');
  if (p.status !== 'accepted') throw ruleViolation('Kế hoạch cần được chấp thuận trước khi báo cáo tiến độ.');
}
