/**
 * Target plans and their targets (chỉ tiêu, issue 12 §3): created and changed by the owner's
 * administrator; each value reached is kept with who entered it, when and why, the latest per year
 * counting; the status (đạt / vượt / chưa đạt) and "met / total" are the core's.
 */
import {
  defaultDirection, milestoneOf, summariseTargets, targetStatus, targetValueText,
  type TargetDirection, type TargetFacts, type TargetMeasure, type TargetSource, type TargetsSummary, type TargetStatus,
} from '@chiso/core';
import type { Database, Executor } from '../../db/client';
import {
  deleteTargetRow, findTarget, findTargetPlan, findTargetPlanByCode, insertTargetPlan, insertTargetRow, insertValueRows, latestValueRows,
  listMilestoneRows, listTargetPlanRows, listTargetRows, listValueHistory, nextTargetPosition, replaceMilestones, updateTargetPlanRow, updateTargetRow,
  type TargetFields, type TargetPlanRow, type TargetRow,
} from '../../db/repositories/target-repository';
import { findExternalIndex } from '../../db/repositories/external-index-repository';
import { findUnitRefsByIds } from '../../db/repositories/unit-repository';
import type { Actor } from '../actor';
import { recordAudit } from '../audit';
import { AppError, forbidden, notFound, staleVersion } from '../errors';
import { checkedOwner } from '../frameworks/framework-service';
import { assertManagesTargets, readsAllTargets, readsTarget, targetPlanAbilities } from '../policies/targets';
import { invalid, invalidMany, isUniqueViolation } from '../units/errors';

type UnitRef = { id: string; code: string; name: string };

export interface TargetYearView {
  year: number;
  milestone: string | null;
  value: string | null;
  status: TargetStatus;
}

export interface TargetView {
  id: string;
  planId: string;
  code: string;
  name: string;
  measure: TargetMeasure;
  unitLabel: string;
  direction: TargetDirection;
  baselineValue: string | null;
  baselineYear: number | null;
  finalValue: string | null;
  responsibleUnit: UnitRef | null;
  source: TargetSource;
  sourceNote: string | null;
  sourceIndexKey: string | null;
  sourceFigure: 'value' | 'rank' | null;
  version: number;
  years: TargetYearView[];
}

export interface TargetPlanView {
  id: string;
  code: string;
  name: string;
  documentNumber: string | null;
  startYear: number;
  endYear: number;
  ownerUnitId: string | null;
  owner: UnitRef | null;
  version: number;
  summary: TargetsSummary;
  may: { edit: boolean };
  targets: TargetView[];
}

/** Figures as stored (numeric "85.5000") as plain decimal text ("85.5"). */
const plain = (v: string | null): string | null => (v === null ? null : targetValueText(v));

/** Every year of the plan, in order. */
export const planYears = (plan: Pick<TargetPlanRow, 'startYear' | 'endYear'>) => Array.from({ length: Math.max(0, plan.endYear - plan.startYear + 1) }, (_, i) => plan.startYear + i);

/** The plans' targets with their milestones, latest values and statuses (only the targets in `keep`). */
async function buildPlans(db: Executor, actor: Actor, plans: TargetPlanRow[], keep: (plan: TargetPlanRow, t: TargetRow) => boolean): Promise<TargetPlanView[]> {
  const rows = await listTargetRows(db, plans.map((p) => p.id));
  const ids = rows.map((t) => t.id);
  const [milestones, values] = await Promise.all([listMilestoneRows(db, ids), latestValueRows(db, ids)]);
  const refs = await findUnitRefsByIds(db, [...rows.map((t) => t.responsibleUnitId), ...plans.map((p) => p.ownerUnitId)]);
  const byTarget = <R extends { targetId: string; year: number; value: string }>(list: R[]) => {
    const out = new Map<string, Map<number, string>>();
    for (const r of list) {
      const m = out.get(r.targetId) ?? new Map<number, string>();
      m.set(r.year, plain(r.value)!);
      out.set(r.targetId, m);
    }
    return out;
  };
  const milestonesOf = byTarget(milestones);
  const valuesOf = byTarget(values);
  return plans.map((plan) => {
    const facts: TargetFacts[] = [];
    const targets = rows.filter((t) => t.planId === plan.id && keep(plan, t)).map((t): TargetView => {
      const f: TargetFacts = { direction: t.direction as TargetDirection, milestones: milestonesOf.get(t.id) ?? new Map(), finalValue: plain(t.finalValue), values: valuesOf.get(t.id) ?? new Map() };
      facts.push(f);
      return {
        id: t.id, planId: t.planId, code: t.code, name: t.name, measure: t.measure as TargetMeasure, unitLabel: t.unitLabel, direction: f.direction,
        baselineValue: plain(t.baselineValue), baselineYear: t.baselineYear, finalValue: f.finalValue,
        responsibleUnit: t.responsibleUnitId ? (refs.get(t.responsibleUnitId) ?? null) : null,
        source: t.source as TargetSource, sourceNote: t.sourceNote, sourceIndexKey: t.sourceIndexKey, sourceFigure: t.sourceFigure as 'value' | 'rank' | null,
        version: t.version,
        years: planYears(plan).map((year) => {
          const milestone = milestoneOf(f, year, plan.endYear);
          const value = f.values.get(year) ?? null;
          return { year, milestone, value, status: targetStatus(value, milestone, f.direction) };
        }),
      };
    });
    return {
      id: plan.id, code: plan.code, name: plan.name, documentNumber: plan.documentNumber, startYear: plan.startYear, endYear: plan.endYear,
      ownerUnitId: plan.ownerUnitId, owner: plan.ownerUnitId ? (refs.get(plan.ownerUnitId) ?? null) : null, version: plan.version,
      summary: summariseTargets(facts, plan.endYear), may: targetPlanAbilities(actor, plan), targets,
    };
  });
}

const keepFor = (actor: Actor) => (plan: TargetPlanRow, t: TargetRow) => readsTarget(actor, plan.ownerUnitId, t);

/** The plans the actor reads (all of a plan's targets for its readers; a unit's staff, plans where their unit answers for a target). */
export async function listTargetPlans(db: Executor, actor: Actor): Promise<TargetPlanView[]> {
  const plans = await buildPlans(db, actor, await listTargetPlanRows(db), keepFor(actor));
  return plans.filter((p) => readsAllTargets(actor, p.ownerUnitId) || p.targets.length > 0);
}

export async function getTargetPlan(db: Executor, actor: Actor, id: string): Promise<TargetPlanView> {
  const row = await findTargetPlan(db, id);
  if (!row) throw notFound('kế hoạch chỉ tiêu');
  const [plan] = await buildPlans(db, actor, [row], keepFor(actor));
  if (!readsAllTargets(actor, row.ownerUnitId) && plan!.targets.length === 0) throw forbidden('Kế hoạch này không có chỉ tiêu nào đơn vị của bạn chịu trách nhiệm.');
  return plan!;
}

/** The plan as its administrator sees it (every target), after a change. */
const planAfterChange = async (tx: Executor, actor: Actor, plan: TargetPlanRow): Promise<TargetPlanView> => (await buildPlans(tx, actor, [plan], () => true))[0]!;

const duplicate = (message: string, path = 'code') => new AppError('DUPLICATE', message, [{ path, message }]);

export interface NewPlanInput {
  code: string;
  name: string;
  documentNumber?: string;
  startYear: number;
  endYear: number;
  ownerUnitId?: string | null;
}

export async function createTargetPlan(db: Database, actor: Actor, input: NewPlanInput): Promise<TargetPlanView> {
  try {
    return await db.transaction(async (tx) => {
      const ownerUnitId = await checkedOwner(tx, actor, input.ownerUnitId);
      if (await findTargetPlanByCode(tx, input.code)) throw duplicate(`Mã kế hoạch “${input.code}” đã được dùng.`);
      const plan = await insertTargetPlan(tx, { code: input.code, name: input.name, documentNumber: input.documentNumber ?? null, startYear: input.startYear, endYear: input.endYear, ownerUnitId });
      await recordAudit(tx, actor, { entityType: 'target_plan', entityId: plan.id, action: 'create', after: { code: plan.code, name: plan.name, startYear: plan.startYear, endYear: plan.endYear, ownerUnitId } });
      return planAfterChange(tx, actor, plan);
    });
  } catch (error) {
    if (isUniqueViolation(error, 'target_plans_code_key')) throw duplicate(`Mã kế hoạch “${input.code}” đã được dùng.`);
    throw error;
  }
}

/** The plan the actor changes: its owner is administered by the actor (locked until the transaction ends). */
export async function ownTargetPlan(tx: Executor, actor: Actor, id: string): Promise<TargetPlanRow> {
  const plan = await findTargetPlan(tx, id, true);
  if (!plan) throw notFound('kế hoạch chỉ tiêu');
  assertManagesTargets(actor, plan.ownerUnitId);
  return plan;
}

export async function updateTargetPlan(db: Database, actor: Actor, id: string, input: { version: number; name?: string; documentNumber?: string }): Promise<TargetPlanView> {
  return db.transaction(async (tx) => {
    const before = await ownTargetPlan(tx, actor, id);
    const set = { ...(input.name !== undefined ? { name: input.name } : {}), ...('documentNumber' in input ? { documentNumber: input.documentNumber ?? null } : {}) };
    const plan = await updateTargetPlanRow(tx, id, input.version, set);
    if (!plan) throw staleVersion(await planAfterChange(tx, actor, before));
    await recordAudit(tx, actor, { entityType: 'target_plan', entityId: id, action: 'update', before: { name: before.name, documentNumber: before.documentNumber }, after: set });
    return planAfterChange(tx, actor, plan);
  });
}

export interface TargetInput {
  code: string;
  name: string;
  measure: TargetMeasure;
  unitLabel: string;
  direction?: TargetDirection;
  baselineValue?: string | null;
  baselineYear?: number | null;
  milestones: { year: number; value: string }[];
  finalValue?: string | null;
  responsibleUnitId?: string | null;
  source: TargetSource;
  sourceNote?: string;
  sourceIndexKey?: string | null;
  sourceFigure?: 'value' | 'rank' | null;
}

/**
 * What is wrong with a target's milestones and responsible unit, as [path, message]: a milestone
 * outside the plan's years or given twice; a responsible unit that does not exist; a chiso source
 * without an index that exists (its values could never be taken).
 */
export async function targetProblems(tx: Executor, plan: TargetPlanRow, input: Partial<TargetInput>, current?: TargetRow): Promise<[string, string][]> {
  const problems: [string, string][] = [];
  const seen = new Set<number>();
  for (const m of input.milestones ?? []) {
    if (m.year < plan.startYear || m.year > plan.endYear) problems.push(['milestones', `Mốc năm ${m.year} nằm ngoài giai đoạn ${plan.startYear}–${plan.endYear} của kế hoạch.`]);
    if (seen.has(m.year)) problems.push(['milestones', `Mốc năm ${m.year} được nhập hai lần.`]);
    seen.add(m.year);
  }
  if (input.responsibleUnitId && !(await findUnitRefsByIds(tx, [input.responsibleUnitId])).size) problems.push(['responsibleUnitId', 'Đơn vị chủ trì không tồn tại.']);
  if ((input.source ?? current?.source) === 'chiso') {
    const key = input.sourceIndexKey !== undefined ? input.sourceIndexKey : current?.sourceIndexKey;
    if (!key) problems.push(['sourceIndexKey', 'Chọn chỉ số mà chỉ tiêu lấy số liệu.']);
    else if (!(await findExternalIndex(tx, key))) problems.push(['sourceIndexKey', `Không có chỉ số ${key}.`]);
  }
  return problems;
}

const assertNoProblems = (problems: [string, string][]) => {
  if (problems.length) throw invalidMany(problems.map(([path, message]) => ({ path, message })));
};

/** The stored fields of a target's input (the direction defaults by measure; a chiso source names its figure). */
export function targetFields(input: Partial<TargetInput>, current?: TargetRow): TargetFields {
  const fields: TargetFields = {};
  const keys = ['code', 'name', 'unitLabel', 'baselineValue', 'baselineYear', 'finalValue', 'responsibleUnitId', 'source', 'sourceNote', 'sourceIndexKey', 'sourceFigure'] as const;
  for (const k of keys) if (input[k] !== undefined) Object.assign(fields, { [k]: input[k] });
  if (input.measure !== undefined) fields.measure = input.measure;
  const measure = (input.measure ?? current?.measure) as TargetMeasure;
  if (input.direction !== undefined) fields.direction = input.direction;
  else if (!current) fields.direction = defaultDirection(measure);
  const source = input.source ?? current?.source;
  if (source === 'chiso' && (input.sourceIndexKey ?? current?.sourceIndexKey) && !(input.sourceFigure ?? current?.sourceFigure)) fields.sourceFigure = measure === 'rank' ? 'rank' : 'value';
  return fields;
}

const audited = (t: TargetRow, milestones?: { year: number; value: string }[]) => ({
  code: t.code, name: t.name, measure: t.measure, direction: t.direction, baselineValue: plain(t.baselineValue), baselineYear: t.baselineYear,
  finalValue: plain(t.finalValue), responsibleUnitId: t.responsibleUnitId, source: t.source, ...(milestones ? { milestones } : {}),
});

export async function createTarget(db: Database, actor: Actor, planId: string, input: TargetInput): Promise<TargetPlanView> {
  try {
    return await db.transaction(async (tx) => {
      const plan = await ownTargetPlan(tx, actor, planId);
      assertNoProblems(await targetProblems(tx, plan, input));
      const target = await insertTargetRow(tx, { ...(targetFields(input) as Required<Pick<TargetRow, 'code' | 'name' | 'measure' | 'direction' | 'source'>>), planId, position: await nextTargetPosition(tx, planId) });
      await replaceMilestones(tx, target.id, input.milestones);
      await recordAudit(tx, actor, { entityType: 'target', entityId: target.id, action: 'create', after: { planId, ...audited(target, input.milestones) } });
      return planAfterChange(tx, actor, plan);
    });
  } catch (error) {
    if (isUniqueViolation(error, 'targets_plan_code_key')) throw duplicate(`Kế hoạch đã có chỉ tiêu số “${input.code}”.`);
    throw error;
  }
}

/** The target the actor changes, with its plan (both checked and locked). */
async function ownTarget(tx: Executor, actor: Actor, id: string): Promise<{ plan: TargetPlanRow; target: TargetRow }> {
  const target = await findTarget(tx, id, true);
  if (!target) throw notFound('chỉ tiêu');
  return { plan: await ownTargetPlan(tx, actor, target.planId), target };
}

export async function updateTarget(db: Database, actor: Actor, id: string, input: Partial<TargetInput> & { version: number }): Promise<TargetPlanView> {
  try {
    return await db.transaction(async (tx) => {
      const { plan, target } = await ownTarget(tx, actor, id);
      if (target.version !== input.version) throw staleVersion(await planAfterChange(tx, actor, plan));
      assertNoProblems(await targetProblems(tx, plan, input, target));
      const beforeMilestones = input.milestones ? (await listMilestoneRows(tx, [id])).map((m) => ({ year: m.year, value: plain(m.value)! })) : undefined;
      const updated = await updateTargetRow(tx, id, input.version, targetFields(input, target));
      if (!updated) throw staleVersion(await planAfterChange(tx, actor, plan));
      if (input.milestones) await replaceMilestones(tx, id, input.milestones);
      await recordAudit(tx, actor, { entityType: 'target', entityId: id, action: 'update', before: audited(target, beforeMilestones), after: audited(updated, input.milestones) });
      return planAfterChange(tx, actor, plan);
    });
  } catch (error) {
    if (isUniqueViolation(error, 'targets_plan_code_key')) throw duplicate(`Kế hoạch đã có chỉ tiêu số “${input.code}”.`);
    throw error;
  }
}

export async function deleteTarget(db: Database, actor: Actor, id: string, version: number, reason: string): Promise<TargetPlanView> {
  return db.transaction(async (tx) => {
    const { plan, target } = await ownTarget(tx, actor, id);
    if (target.version !== version) throw staleVersion(await planAfterChange(tx, actor, plan));
    await deleteTargetRow(tx, id);
    await recordAudit(tx, actor, { entityType: 'target', entityId: id, action: 'delete', before: audited(target), reason });
    return planAfterChange(tx, actor, plan);
  });
}

/** A year a value may be given for: within the plan's years. */
export function valueYearProblem(plan: TargetPlanRow, year: number): string | null {
  return year < plan.startYear || year > plan.endYear ? `Năm ${year} nằm ngoài giai đoạn ${plan.startYear}–${plan.endYear} của kế hoạch.` : null;
}

/** Records a value reached in a year (kept with who, when and why; the latest counts). */
export async function recordTargetValue(
  db: Database, actor: Actor, id: string, input: { year: number; value: string; reason: string; version: number }, now = new Date(),
): Promise<TargetHistoryView> {
  return db.transaction(async (tx) => {
    const { plan, target } = await ownTarget(tx, actor, id);
    if (target.version !== input.version) throw staleVersion(await historyOf(tx, actor, plan, target));
    const problem = valueYearProblem(plan, input.year);
    if (problem) throw invalid('year', problem);
    await insertValueRows(tx, [{ targetId: id, year: input.year, value: input.value, source: 'entered', reason: input.reason, recordedAt: now, recordedBy: actor.userId || null }]);
    const updated = await updateTargetRow(tx, id, input.version, {});
    await recordAudit(tx, actor, { entityType: 'target', entityId: id, action: 'record_value', after: { year: input.year, value: input.value }, reason: input.reason });
    return historyOf(tx, actor, plan, updated!);
  });
}

export interface TargetHistoryView {
  target: TargetView;
  values: { id: string; year: number; value: string; source: TargetSource; reason: string; recordedAt: string; recordedBy: string | null }[];
}

async function historyOf(tx: Executor, actor: Actor, plan: TargetPlanRow, target: TargetRow): Promise<TargetHistoryView> {
  const [view] = await buildPlans(tx, actor, [plan], (_p, t) => t.id === target.id);
  const values = (await listValueHistory(tx, target.id)).map((v) => ({ ...v, value: plain(v.value)!, source: v.source as TargetSource, recordedAt: v.recordedAt.toISOString() }));
  return { target: view!.targets[0]!, values };
}

/** A target with every value entered for it (newest first): for the plan's readers and the responsible unit's staff. */
export async function getTargetHistory(db: Executor, actor: Actor, id: string): Promise<TargetHistoryView> {
  const target = await findTarget(db, id);
  if (!target) throw notFound('chỉ tiêu');
  const plan = (await findTargetPlan(db, target.planId))!;
  if (!readsTarget(actor, plan.ownerUnitId, target)) throw forbidden('Chỉ tiêu này không thuộc đơn vị của bạn.');
  return historyOf(db, actor, plan, target);
}

export { plain as targetFigure, ownTarget };
