/**
 * Remediation plans (kế hoạch khắc phục, issue 12 §2): drafted from a unit's published result — the
 * report card's lost points ledger (issue 11), read as it is, never recomputed; for results imported
 * without criterion detail, the fields' lost points — edited and submitted by the unit, accepted or
 * returned by the administrator of the cycle's owner, the items' progress reported per quarter of
 * the year after the results. Every change is audited in its transaction.
 */
import {
  type RemediationPlanStatus, type RemediationProgressStatus, type RemediationSourceLine,
  draftRemediationItems, formatDayVn, parseRationalText, pointsAtStake, rationalToText, remediationCompletion, remediationPointsText,
} from '@chiso/core';
import type { RemediationPlan, RemediationPlans, RemediationPlanSummary } from '@chiso/contract';
import type { z } from 'zod';
import type { decideRemediationPlanBody, remediationPlansQuery, remediationProgressBody, updateRemediationPlanBody } from '@chiso/contract';
import type { Executor } from '../../db/client';
import { publishedResultsOfUnit } from '../../db/repositories/report-card-repository';
import { findSnapshotHead } from '../../db/repositories/result-repository';
import {
  type PlanListRow, type RemediationItemRow, type RemediationProgressRow,
  deleteRemediationItemsExcept, findRemediationPlan, findRemediationProgress, importedCycleIds, insertRemediationItems, insertRemediationPlan,
  insertRemediationProgress, listRemediationItems, listRemediationPlans, listRemediationProgress, updateRemediationItem, updateRemediationPlan,
  updateRemediationProgress, userNames,
} from '../../db/repositories/remediation-repository';
import type { Actor } from '../actor';
import { recordAudit } from '../audit';
import { inTransaction, type RequestContext, type TxContext } from '../context';
import { usersOfUnits, usersWithRolesCovering } from '../../db/repositories/cycle-repository';
import { notify } from '../notifications/notification-service';
import { AppError, forbidden, notFound, ruleViolation, staleVersion } from '../errors';
import { isUniqueViolation } from '../units/errors';
import {
  type PlanFacts, assertMayDecidePlan, assertMayDraftPlan, assertMayEditPlan, assertMayReadPlan, assertMayReportPlan, assertMaySubmitPlan,
  mayDecidePlan, mayEditPlan, mayReadPlan, mayReportPlan, maySubmitPlan,
} from '../policies/remediation';
import { mayReadPublishedTrace } from '../policies/results';
import { READS_EVERY_UNIT, isStaffOf, isUnitStaff } from '../policies/roles';
import { hasRole } from '../actor';
import { reportCard } from '../results/report-card';

const factsOf = (row: PlanListRow): PlanFacts => ({ unitId: row.plan.unitId, ownerUnitId: row.ownerUnitId, status: row.plan.status as RemediationPlanStatus });
const pointsOf = (item: RemediationItemRow) => (item.pointsLostExact ? parseRationalText(item.pointsLostExact) : null);

function summaryOf(row: PlanListRow, items: readonly RemediationItemRow[], progress: readonly RemediationProgressRow[]): RemediationPlanSummary {
  const p = row.plan;
  const completion = remediationCompletion(
    items.map((i) => ({ id: i.id, pointsLost: pointsOf(i) })),
    progress.map((r) => ({ itemId: r.itemId, quarter: r.quarter, status: r.status as RemediationProgressStatus })),
  );
  return {
    id: p.id,
    unit: { unitId: p.unitId, unitCode: row.unitCode, unitName: row.unitName },
    cycleId: p.cycleId, cycleName: row.cycleName, groupId: p.groupId, groupName: row.groupName,
    year: p.year, planYear: p.year + 1, detail: p.detail as 'criteria' | 'fields',
    snapshotNumber: row.snapshotNumber, latestSnapshotNumber: row.latestSnapshotNumber,
    status: p.status as RemediationPlanStatus, title: p.title, version: p.version,
    itemCount: completion.items,
    pointsAtStake: remediationPointsText(completion.pointsAtStake), pointsAtStakeExact: rationalToText(completion.pointsAtStake),
    quarters: completion.quarters.map((q) => ({ quarter: q.quarter, done: q.done, inProgress: q.inProgress, notStarted: q.notStarted, pointsRecovered: remediationPointsText(q.pointsRecovered) })),
    submittedAt: p.submittedAt?.toISOString() ?? null,
    decidedAt: p.decidedAt?.toISOString() ?? null,
  };
}

/** Items and progress of plans, grouped by plan and by item. */
async function detailsOf(db: Executor, planIds: readonly string[]) {
  const items = await listRemediationItems(db, planIds);
  const progress = await listRemediationProgress(db, items.map((i) => i.id));
  const itemsOf = new Map<string, RemediationItemRow[]>();
  for (const i of items) itemsOf.set(i.planId, [...(itemsOf.get(i.planId) ?? []), i]);
  const progressOf = new Map<string, RemediationProgressRow[]>();
  for (const r of progress) progressOf.set(r.itemId, [...(progressOf.get(r.itemId) ?? []), r]);
  return { itemsOf, progressOf };
}

/** Plans the actor reads: every unit's of the owners whose units it reads, else its own unit's. */
export async function listPlans(db: Executor, actor: Actor, query: z.output<typeof remediationPlansQuery>): Promise<RemediationPlans> {
  const readsAll = READS_EVERY_UNIT.some((r) => hasRole(actor, r));
  if (!readsAll && !isUnitStaff(actor)) throw forbidden('Kế hoạch khắc phục chỉ đơn vị, quản trị viên, Hội đồng thẩm định và lãnh đạo mới xem được.');
  if (query.unitId && !readsAll && !isStaffOf(actor, query.unitId)) throw forbidden('Đơn vị chỉ xem được kế hoạch khắc phục của chính mình.');
  const unitId = query.unitId ?? (readsAll ? undefined : actor.unitId);
  const rows = (await listRemediationPlans(db, { unitId, year: query.year })).filter((r) => mayReadPlan(actor, factsOf(r)));
  const { itemsOf, progressOf } = await detailsOf(db, rows.map((r) => r.plan.id));
  const plans = rows.map((r) => {
    const items = itemsOf.get(r.plan.id) ?? [];
    return summaryOf(r, items, items.flatMap((i) => progressOf.get(i.id) ?? []));
  });
  const candidates = isUnitStaff(actor) && actor.unitId ? await candidatesOf(db, actor, rows) : [];
  const latest = plans[0]?.year;
  const ofLatest = plans.filter((p) => p.year === latest);
  return {
    plans, candidates, readsAll,
    summary: {
      units: new Set(ofLatest.map((p) => p.unit.unitId)).size,
      submitted: new Set(ofLatest.filter((p) => p.status === 'submitted' || p.status === 'accepted').map((p) => p.unit.unitId)).size,
      accepted: new Set(ofLatest.filter((p) => p.status === 'accepted').map((p) => p.unit.unitId)).size,
    },
  };
}

/**
 * The actor's unit's published results whose latest publication has no plan yet (its report cards it
 * may draft from): results amended since the unit's plan (a new snapshot) are offered again, naming
 * the earlier plan, so the plan can follow the amended points.
 */
async function candidatesOf(db: Executor, actor: Actor, plans: readonly PlanListRow[]): Promise<RemediationPlans['candidates']> {
  const own = plans.filter((p) => p.plan.unitId === actor.unitId);
  const planned = new Set(own.map((p) => `${p.plan.cycleId}|${p.plan.groupId}|${p.snapshotNumber}`));
  const results = (await publishedResultsOfUnit(db, actor.unitId))
    .filter((r) => mayReadPublishedTrace(actor, r.ownerUnitId, actor.unitId) && !planned.has(`${r.cycleId}|${r.groupId}|${r.number}`));
  const imported = await importedCycleIds(db, results.map((r) => r.cycleId));
  return results.map((r) => ({
    cycleId: r.cycleId, cycleName: r.cycleName, groupId: r.groupId, groupName: r.groupName, year: r.year, unitId: actor.unitId, imported: imported.has(r.cycleId),
    snapshotNumber: r.number,
    // Plans are listed newest publication first within a year and unit.
    previousPlanId: own.find((p) => p.plan.cycleId === r.cycleId && p.plan.groupId === r.groupId)?.plan.id ?? null,
  }));
}

async function loadPlan(db: Executor, id: string, lock = false): Promise<PlanListRow> {
  const row = await findRemediationPlan(db, id, lock);
  if (!row) throw notFound('kế hoạch khắc phục');
  return row;
}

async function present(db: Executor, actor: Actor, row: PlanListRow): Promise<RemediationPlan> {
  const { itemsOf, progressOf } = await detailsOf(db, [row.plan.id]);
  const items = itemsOf.get(row.plan.id) ?? [];
  const progress = items.flatMap((i) => progressOf.get(i.id) ?? []);
  const p = row.plan;
  const names = await userNames(db, [p.createdBy, p.submittedBy, p.decidedBy]);
  const nameOf = (id: string | null) => (id ? (names.get(id) ?? null) : null);
  const facts = factsOf(row);
  return {
    ...summaryOf(row, items, progress),
    items: items.map((i) => {
      const lost = pointsOf(i);
      return {
        id: i.id, position: i.position, source: i.source as 'criterion' | 'field' | 'own', nodeKey: i.nodeKey, fieldKey: i.fieldKey, code: i.code, name: i.name,
        pointsLost: lost ? remediationPointsText(lost) : null, pointsLostExact: i.pointsLostExact, cause: i.cause,
        action: i.action, responsible: i.responsible, deadline: i.deadline,
        progress: (progressOf.get(i.id) ?? []).map((r) => ({
          quarter: r.quarter, status: r.status as RemediationProgressStatus, note: r.note, version: r.version, reportedAt: r.reportedAt.toISOString(), reportedBy: r.reportedByName,
        })),
      };
    }),
    reason: p.reason, createdBy: nameOf(p.createdBy), submittedBy: nameOf(p.submittedBy), decidedBy: nameOf(p.decidedBy),
    may: { edit: mayEditPlan(actor, facts), submit: maySubmitPlan(actor, facts), decide: mayDecidePlan(actor, facts), report: mayReportPlan(actor, facts) },
  };
}

export async function getPlan(db: Executor, actor: Actor, id: string): Promise<RemediationPlan> {
  const row = await loadPlan(db, id);
  assertMayReadPlan(actor, factsOf(row));
  return present(db, actor, row);
}

/** The lines a plan is drafted from: the report card's ledger, or its fields when the result has no criterion detail. */
export function sourceLinesOf(card: Awaited<ReturnType<typeof reportCard>>): RemediationSourceLine[] {
  if (card.detail === 'criteria') {
    return card.ledger.lines.map((l) => ({
      source: 'criterion', key: l.nodeKey, fieldKey: l.fieldKey, code: l.code, name: l.name, lostExact: l.lostExact, kind: l.kind, reason: l.reason, nextTier: l.nextTier?.interval ?? null,
    }));
  }
  return card.fields.map((f) => ({ source: 'field', key: f.fieldKey, fieldKey: null, code: f.code, name: f.name, lostExact: f.lost, kind: null, reason: null }));
}

/** Drafts the unit's plan from its latest published snapshot of the group (the unit's staff). */
export async function draftPlan(ctx: RequestContext, body: { cycleId: string; groupId: string; unitId: string }): Promise<RemediationPlan> {
  assertMayDraftPlan(ctx.actor, body.unitId);
  const card = await reportCard(ctx.db, body.cycleId, body.groupId, body.unitId, ctx.actor);
  // The publication the report card was read from (the latest), so the plan names the points it drew.
  const head = await findSnapshotHead(ctx.db, body.cycleId, body.groupId, card.snapshotNumber);
  if (!head) throw notFound('kết quả đã công bố của nhóm này');
  const drafted = draftRemediationItems(sourceLinesOf(card));
  const id = await inTransaction(ctx, async ({ tx, actor, now }) => {
    let plan;
    try {
      plan = await insertRemediationPlan(tx, {
        unitId: body.unitId, cycleId: body.cycleId, groupId: body.groupId, snapshotId: head.id, year: card.year,
        detail: card.detail === 'criteria' ? 'criteria' : 'fields', status: 'draft',
        title: `Kế hoạch khắc phục tồn tại, hạn chế theo kết quả ${card.program.name} năm ${card.year}`, createdAt: now, createdBy: actor.userId || null,
      });
    } catch (error) {
      if (isUniqueViolation(error, 'remediation_plans_unit_snapshot_key')) throw new AppError('DUPLICATE', `Đơn vị đã lập kế hoạch khắc phục theo kết quả này (công bố lần ${card.snapshotNumber}).`);
      throw error;
    }
    await insertRemediationItems(tx, drafted.map((d) => ({
      planId: plan.id, position: d.position, source: d.source, nodeKey: d.nodeKey, fieldKey: d.fieldKey, code: d.code, name: d.name,
      pointsLost: remediationPointsText(d.pointsLost), pointsLostExact: rationalToText(d.pointsLost), cause: d.cause,
    })));
    await recordAudit(tx, actor, {
      entityType: 'remediation_plan', entityId: plan.id, action: 'create',
      after: { unitId: body.unitId, cycleId: body.cycleId, groupId: body.groupId, snapshotId: head.id, snapshotNumber: head.number, year: card.year, detail: plan.detail, items: drafted.length, pointsAtStake: rationalToText(pointsAtStake(drafted)) },
    });
    return plan.id;
  });
  return getPlan(ctx.db, ctx.actor, id);
}

/** Saves the unit's edits: actions, responsible, deadlines; own items added; items left out removed. */
export async function updatePlan(ctx: RequestContext, id: string, body: z.output<typeof updateRemediationPlanBody>): Promise<RemediationPlan> {
  await inTransaction(ctx, async ({ tx, actor }) => {
    const row = await loadPlan(tx, id, true);
    assertMayEditPlan(actor, factsOf(row));
    if (row.plan.version !== body.version) throw staleVersion(await present(tx, actor, row));
    const existing = new Map((await listRemediationItems(tx, [id])).map((i) => [i.id, i]));
    const kept = body.items.flatMap((i) => (i.id ? [i.id] : []));
    const unknown = kept.find((k) => !existing.has(k));
    if (unknown) throw ruleViolation('Mục không thuộc kế hoạch này.', [{ path: 'items', message: 'Mục không thuộc kế hoạch này.' }]);
    const removed = [...existing.values()].filter((i) => !kept.includes(i.id));
    await deleteRemediationItemsExcept(tx, id, kept);
    const added = [];
    const earliest = `${row.plan.year}-01-01`;
    for (const [index, item] of body.items.entries()) {
      // ISO days compare as text.
      if (item.deadline && item.deadline < earliest) {
        const message = `Thời hạn ${formatDayVn(item.deadline)} trước năm ${row.plan.year} của kết quả đánh giá.`;
        throw ruleViolation(message, [{ path: `items.${index}.deadline`, message }]);
      }
      const fields = { position: index + 1, action: item.action, responsible: item.responsible, deadline: item.deadline };
      const own = item.id ? existing.get(item.id)!.source === 'own' : true;
      if (own && !item.name) throw ruleViolation('Nhập nội dung của mục do đơn vị bổ sung.', [{ path: `items.${index}.name`, message: 'Nhập nội dung của mục do đơn vị bổ sung.' }]);
      if (item.id) await updateRemediationItem(tx, item.id, own ? { ...fields, code: item.code ?? '', name: item.name! } : fields);
      else added.push({ planId: id, source: 'own', code: item.code ?? '', name: item.name!, ...fields });
    }
    await insertRemediationItems(tx, added);
    await updateRemediationPlan(tx, id, body.version, body.title ? { title: body.title } : {});
    await recordAudit(tx, actor, {
      entityType: 'remediation_plan', entityId: id, action: 'update',
      before: { version: body.version, title: row.plan.title, removed: removed.map((i) => i.code) },
      after: { title: body.title ?? row.plan.title, items: body.items.length, added: added.length },
    });
  });
  return getPlan(ctx.db, ctx.actor, id);
}

const STATUS_NOTICES: Partial<Record<RemediationPlanStatus, string>> = { submitted: 'đã nộp', accepted: 'đã được chấp thuận', returned: 'bị trả lại' };

/**
 * Who hears of a plan's new status, in its transaction: the administrators of the results' owner
 * when the unit submits it; the unit's officers and head when it is accepted or returned.
 */
async function notifyTransition(t: TxContext, row: PlanListRow, status: RemediationPlanStatus, reason: string | null): Promise<void> {
  const recipients = status === 'submitted'
    ? await usersWithRolesCovering(t.tx, ['admin'], row.ownerUnitId)
    : await usersOfUnits(t.tx, [row.plan.unitId], ['unit_officer', 'unit_head']);
  await notify(t, recipients.filter((r) => r.id !== t.actor.userId), {
    kind: `remediation_plan.${status}`,
    title: `Kế hoạch khắc phục của ${row.unitName} (kết quả năm ${row.plan.year}) ${STATUS_NOTICES[status] ?? status}`,
    body: reason ? `Lý do: ${reason}` : null,
    link: `/follow-up/plans/${row.plan.id}`,
  });
}

/** Changes a plan's status at `version` in one audited transaction, after `check`. */
async function transition(
  ctx: RequestContext, id: string, version: number, check: (row: PlanListRow) => void,
  change: (now: Date, actor: Actor) => { status: RemediationPlanStatus; action: string; set: Parameters<typeof updateRemediationPlan>[3]; reason?: string | null },
): Promise<RemediationPlan> {
  await inTransaction(ctx, async (t) => {
    const { tx, actor, now } = t;
    const row = await loadPlan(tx, id, true);
    check(row);
    if (row.plan.version !== version) throw staleVersion(await present(tx, actor, row));
    const c = change(now, actor);
    await updateRemediationPlan(tx, id, version, { ...c.set, status: c.status });
    await recordAudit(tx, actor, { entityType: 'remediation_plan', entityId: id, action: c.action, before: { status: row.plan.status }, after: { status: c.status }, reason: c.reason ?? null });
    await notifyTransition(t, row, c.status, c.reason ?? null);
  });
  return getPlan(ctx.db, ctx.actor, id);
}

export function submitPlan(ctx: RequestContext, id: string, body: { version: number }): Promise<RemediationPlan> {
  return transition(ctx, id, body.version, (row) => assertMaySubmitPlan(ctx.actor, factsOf(row)), (now, actor) => ({
    status: 'submitted', action: 'submit', set: { submittedAt: now, submittedBy: actor.userId || null, reason: null },
  }));
}

export function decidePlan(ctx: RequestContext, id: string, body: z.output<typeof decideRemediationPlanBody>): Promise<RemediationPlan> {
  if (body.decision === 'return' && !body.reason) throw ruleViolation('Nhập lý do trả lại kế hoạch.', [{ path: 'reason', message: 'Nhập lý do trả lại kế hoạch.' }]);
  return transition(ctx, id, body.version, (row) => assertMayDecidePlan(ctx.actor, factsOf(row)), (now, actor) => ({
    status: body.decision === 'accept' ? 'accepted' : 'returned', action: body.decision,
    set: { decidedAt: now, decidedBy: actor.userId || null, reason: body.decision === 'return' ? body.reason! : null },
    reason: body.decision === 'return' ? body.reason! : null,
  }));
}

/** The unit reports an item's status at the end of a quarter (one report per item and quarter, updated at its version). */
export async function reportProgress(ctx: RequestContext, id: string, body: z.output<typeof remediationProgressBody>): Promise<RemediationPlan> {
  await inTransaction(ctx, async ({ tx, actor, now }) => {
    const row = await loadPlan(tx, id, true);
    assertMayReportPlan(actor, factsOf(row));
    const item = (await listRemediationItems(tx, [id])).find((i) => i.id === body.itemId);
    if (!item) throw notFound('mục của kế hoạch khắc phục');
    const current = await findRemediationProgress(tx, body.itemId, body.quarter);
    const set = { status: body.status, note: body.note, reportedAt: now, reportedBy: actor.userId || null };
    if (current) {
      if (body.version !== current.version || !(await updateRemediationProgress(tx, current.id, current.version, set))) throw staleVersion(current);
    } else {
      if (body.version !== undefined) throw staleVersion(null);
      await insertRemediationProgress(tx, { itemId: body.itemId, quarter: body.quarter, ...set });
    }
    await recordAudit(tx, actor, {
      entityType: 'remediation_plan', entityId: id, action: 'report_progress',
      before: current ? { itemId: item.id, quarter: body.quarter, status: current.status } : null,
      after: { itemId: item.id, code: item.code, quarter: body.quarter, status: body.status, note: body.note },
    });
  });
  return getPlan(ctx.db, ctx.actor, id);
}
