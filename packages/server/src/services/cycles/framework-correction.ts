/**
 * A correction to the framework during an open cycle (điều chỉnh bộ tiêu chí, issue 7 §7): the
 * administrator moves one group of the cycle to a later published version of the same framework,
 * with a reason. The core decides what happens to each entry (`carryOverEntries`); this service
 * loads the records, stores the plan, flags the criteria to the units, carries the cycle's
 * reassignments over, and audits and notifies — in one transaction. Scores follow by themselves:
 * everything is scored against the group's current version.
 */
import {
  CORRECTION_FLAG_LABELS,
  addedRecordStatus,
  carryOverEntries,
  correctionRefusal,
  cycleRefusal,
  planFrameworkCorrection,
  type CorrectionFlagKind,
  type CorrectionPlan,
  type CriterionRecord,
  type CycleStatus,
  type Framework,
  type UnitState,
  walkNodes,
} from '@chiso/core';
import type { Correction as CorrectionView, CorrectionPreview, CorrectionTarget, CriterionFlag as CriterionFlagView } from '@chiso/contract';
import type { Executor } from '../../db/client';
import { coreRecords, insertCriterionRecords, loadCriterionRecords, saveCriterionRecord } from '../../db/repositories/criterion-record-repository';
import { findCycle, updateCycle as writeCycle, upsertReassignment, usersOfUnits } from '../../db/repositories/cycle-repository';
import {
  findVersionNumbers,
  insertCorrection,
  insertCorrectionFlags,
  listCorrections,
  listUnitFlags,
  setCycleGroupVersion,
} from '../../db/repositories/correction-repository';
import type { Actor } from '../actor';
import { assertAdministersCycle, assertSomeAdministrator } from '../policies/cycle';
import { assertAdministersCycleId } from './owner';
import { recordAudit, type AuditChange } from '../audit';
import { AppError, notFound, ruleViolation, staleVersion } from '../errors';
import { notify } from '../notifications/notification-service';
import { inTransaction, type RequestContext } from '../context';
import { getCycle, type CycleView } from './cycle-service';
import { applicableLeaves, loadCycleContext, loadFrameworkVersion, type CycleContext, type CycleGroupContext } from './context';
import { assertMayViewAssessment } from '../policies/cycle-facts';
import { assessmentLink } from './transitions';

export type CorrectionInput = CorrectionTarget;


interface Planned {
  ctx: CycleContext;
  group: CycleGroupContext;
  before: Framework;
  after: Framework;
  plan: CorrectionPlan;
  preview: CorrectionPreview;
  perUnit: Map<string, ReturnType<typeof carryOverEntries>>;
  stored: Awaited<ReturnType<typeof loadCriterionRecords>>;
}

const field = (path: string, message: string) => new AppError('VALIDATION_FAILED', message, [{ path, message }]);

/** Plans the correction (the cycle's administrators only). */
async function planCorrection(tx: Executor, actor: Actor, cycleId: string, input: CorrectionInput): Promise<Planned> {
  const ctx = await loadCycleContext(tx, cycleId);
  assertAdministersCycle(actor, ctx.cycle);
  const group = ctx.groups.get(input.groupId);
  if (!group) throw field('groupId', 'Nhóm này không có trong kỳ đánh giá.');
  const [from, to] = await Promise.all([findVersionNumbers(tx, [group.frameworkVersionId]), findVersionNumbers(tx, [input.frameworkVersionId])]);
  const fromRow = from[0]!;
  const toRow = to[0];
  if (!toRow) throw field('frameworkVersionId', 'Không có phiên bản bộ tiêu chí này.');
  if (toRow.frameworkId !== fromRow.frameworkId) throw field('frameworkVersionId', 'Phiên bản điều chỉnh phải thuộc cùng bộ tiêu chí mà nhóm đang dùng.');
  if (toRow.status !== 'published') throw field('frameworkVersionId', 'Phiên bản điều chỉnh phải được ban hành trước khi áp dụng.');
  if (toRow.number <= fromRow.number) throw field('frameworkVersionId', `Nhóm đang dùng phiên bản ${fromRow.number}: hãy chọn một phiên bản mới hơn.`);

  const before = group.framework;
  const after = await loadFrameworkVersion(tx, toRow.id);
  const plan = planFrameworkCorrection(before, after);
  const unitIds = [...ctx.units.values()].filter((u) => u.groupId === group.groupId).map((u) => u.unitId);
  const stored = await loadCriterionRecords(tx, cycleId, { unitIds });
  const perUnit = new Map<string, ReturnType<typeof carryOverEntries>>();
  const entries = { flagged: 0, inputInvalid: 0, appraisalReset: 0, created: 0, retired: 0, units: unitIds.length };
  // Applicability under the new version: a unit's group code and type do not change.
  const probe: CycleContext = { ...ctx, groups: new Map(ctx.groups).set(group.groupId, { ...group, framework: after, leaves: leavesOf(after) }) };
  for (const unitId of unitIds) {
    const applicable = applicableLeaves(probe, unitId);
    const out = carryOverEntries(before, after, coreRecords(stored.get(unitId) ?? new Map()), { plan, applies: (k) => applicable.has(k) });
    perUnit.set(unitId, out);
    entries.flagged += out.updated.length;
    entries.inputInvalid += out.updated.filter((u) => u.flags.includes('input_invalid')).length;
    entries.appraisalReset += out.updated.filter((u) => u.flags.includes('appraisal_reset')).length;
    entries.created += out.created.length;
    entries.retired += out.retired.length;
  }
  const states = unitIds.map((id) => ctx.units.get(id)!.state as UnitState);
  const refusal = cycleRefusal(ctx.cycle.status as CycleStatus, 'correct_framework')?.message ?? correctionRefusal(states);
  const ref = (n: { key: string; code: string; name: string }) => ({ key: n.key, code: n.code, name: n.name });
  return {
    ctx,
    group,
    before,
    after,
    plan,
    perUnit,
    stored,
    preview: {
      groupId: group.groupId,
      from: { id: fromRow.id, number: fromRow.number },
      to: { id: toRow.id, number: toRow.number, reason: toRow.reason },
      plan: {
        added: plan.added.map(ref),
        removed: plan.removed.map(ref),
        changed: plan.changed.map((c) => ({ ...ref(c), fields: [...c.fields] })),
        reworded: plan.reworded,
        frameworkChanges: [...plan.frameworkChanges],
      },
      entries,
      refusal,
    },
  };
}

const leavesOf = (fw: Framework) => [...walkNodes(fw.nodes)].map((v) => v.node).filter((n) => n.children.length === 0);

export async function previewCorrection(db: Executor, actor: Actor, cycleId: string, input: CorrectionInput): Promise<CorrectionPreview> {
  assertSomeAdministrator(actor);
  return (await planCorrection(db, actor, cycleId, input)).preview;
}

export async function applyCorrection(context: RequestContext, cycleId: string, input: CorrectionInput & { reason: string; version: number }): Promise<CycleView> {
  const { db, actor, now } = context;
  assertSomeAdministrator(actor);
  const reason = input.reason.trim();
  if (reason === '') throw field('reason', 'Cần nêu lý do áp dụng phiên bản điều chỉnh.');
  await inTransaction(context, async (t) => {
    const { tx } = t;
    const row = await findCycle(tx, cycleId, true);
    if (!row) throw notFound('kỳ đánh giá');
    assertAdministersCycle(actor, row);
    if (row.version !== input.version) throw staleVersion(null);
    const p = await planCorrection(tx, actor, cycleId, input);
    if (p.preview.refusal) throw ruleViolation(p.preview.refusal);
    const nodes = new Map(leavesOf(p.after).map((n) => [n.key, n]));
    const rounding = p.after.settings.rounding;

    await setCycleGroupVersion(tx, cycleId, p.group.groupId, p.preview.to.id);
    for (const r of p.ctx.reassignments) {
      if (r.frameworkVersionId !== p.group.frameworkVersionId || !nodes.has(r.nodeKey)) continue;
      await upsertReassignment(tx, { cycleId, frameworkVersionId: p.preview.to.id, nodeKey: r.nodeKey, agencyCode: r.agencyCode, reason: r.reason, createdBy: r.createdBy });
    }
    const correction = await insertCorrection(tx, {
      cycleId,
      groupId: p.group.groupId,
      fromVersionId: p.preview.from.id,
      toVersionId: p.preview.to.id,
      reason,
      summary: { ...p.preview.entries, changed: p.plan.changed.length, added: p.plan.added.length, removed: p.plan.removed.length },
      createdBy: actor.userId || null,
    });

    const flags: { correctionId: string; cycleId: string; unitId: string; nodeKey: string; kind: CorrectionFlagKind; recordVersion: number }[] = [];
    const audits: AuditChange[] = [];
    const created: { cycleId: string; unitId: string; nodeKey: string; status: 'draft' | 'pending' }[] = [];
    const flaggedUnits = new Map<string, number>();
    /** Appraising agency's unit → decisions withdrawn (its appraisers are told to decide again). */
    const resetByAgencyUnit = new Map<string, number>();
    for (const [unitId, out] of p.perUnit) {
      for (const u of out.updated) {
        const previous = p.stored.get(unitId)!.get(u.nodeKey)!;
        const saved = await saveCriterionRecord(tx, previous, u.record as CriterionRecord, { node: nodes.get(u.nodeKey)!, rounding, userId: actor.userId, now });
        for (const kind of u.flags) flags.push({ correctionId: correction.id, cycleId, unitId, nodeKey: u.nodeKey, kind, recordVersion: saved.version });
        flaggedUnits.set(unitId, (flaggedUnits.get(unitId) ?? 0) + 1);
        const agency = u.flags.includes('appraisal_reset') ? p.ctx.agencies.get(p.group.leafAgency.get(u.nodeKey) ?? '') : undefined;
        if (agency) resetByAgencyUnit.set(agency.unitId, (resetByAgencyUnit.get(agency.unitId) ?? 0) + 1);
        audits.push({
          entityType: 'criterion_record',
          entityId: previous.id,
          action: 'framework_correction',
          before: { nodeKey: u.nodeKey, points: previous.points, status: previous.record.status },
          after: { nodeKey: u.nodeKey, points: saved.points, status: saved.record.status, flags: u.flags, frameworkVersionId: p.preview.to.id },
          reason,
        });
      }
      const status = addedRecordStatus(p.ctx.units.get(unitId)!.state as UnitState);
      for (const key of out.created) created.push({ cycleId, unitId, nodeKey: key, status });
    }
    await insertCorrectionFlags(tx, flags);
    await insertCriterionRecords(tx, created, actor.userId);
    await writeCycle(tx, cycleId, row.version, {});
    await recordAudit(
      tx,
      actor,
      {
        entityType: 'cycle',
        entityId: cycleId,
        action: 'apply_framework_correction',
        before: { groupId: p.group.groupId, frameworkVersionId: p.preview.from.id, versionNumber: p.preview.from.number },
        after: { groupId: p.group.groupId, frameworkVersionId: p.preview.to.id, versionNumber: p.preview.to.number, correctionId: correction.id, ...p.preview.entries, changed: p.plan.changed.map((c) => c.code), added: p.plan.added.map((c) => c.code), removed: p.plan.removed.map((c) => c.code) },
        reason,
      },
      ...audits,
    );

    for (const [unitId, count] of flaggedUnits) {
      const unit = p.ctx.units.get(unitId)!;
      await notify(t, await usersOfUnits(tx, [unitId], ['unit_officer', 'unit_head']), {
        kind: 'cycle.framework_correction',
        title: `${unit.name}: ${count} tiêu chí đã được điều chỉnh — vui lòng kiểm tra lại`,
        body: `${row.name}: áp dụng phiên bản ${p.preview.to.number} của bộ tiêu chí. Lý do: ${reason}`,
        link: assessmentLink(cycleId, unitId),
      });
    }
    for (const [agencyUnitId, count] of resetByAgencyUnit) {
      await notify(t, await usersOfUnits(tx, [agencyUnitId], ['appraiser']), {
        kind: 'cycle.framework_correction',
        title: `${row.name}: ${count} quyết định thẩm định cần làm lại do điều chỉnh bộ tiêu chí`,
        body: `Áp dụng phiên bản ${p.preview.to.number} của bộ tiêu chí. Lý do: ${reason}`,
        link: `/appraisal?cycle=${cycleId}`,
      });
    }
  });
  return getCycle(db, actor, cycleId);
}

export async function listCycleCorrections(db: Executor, actor: Actor, cycleId: string): Promise<CorrectionView[]> {
  await assertAdministersCycleId(db, actor, cycleId);
  return (await listCorrections(db, cycleId)).map(({ correction: c, byName }) => ({
    id: c.id,
    groupId: c.groupId,
    fromVersionId: c.fromVersionId,
    toVersionId: c.toVersionId,
    reason: c.reason,
    summary: c.summary as Record<string, number>,
    createdAt: c.createdAt.toISOString(),
    createdBy: byName,
  }));
}

/** The correction flags on a unit's criteria (the unit, its appraisers, the administrator…). */
export async function unitCorrectionFlags(db: Executor, actor: Actor, cycleId: string, unitId: string): Promise<CriterionFlagView[]> {
  const ctx = await loadCycleContext(db, cycleId);
  if (!ctx.units.has(unitId)) throw notFound('đơn vị trong kỳ đánh giá');
  assertMayViewAssessment(actor, ctx, unitId, 'Bạn không xem được hồ sơ của đơn vị này.');
  return (await listUnitFlags(db, cycleId, unitId)).map((f) => ({
    nodeKey: f.nodeKey,
    kind: f.kind as CorrectionFlagKind,
    message: CORRECTION_FLAG_LABELS[f.kind as CorrectionFlagKind] ?? f.kind,
    reason: f.reason,
    flaggedAt: f.createdAt.toISOString(),
    open: f.open,
  }));
}
