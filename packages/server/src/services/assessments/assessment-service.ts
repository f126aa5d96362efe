/**
 * Self-assessment (tự đánh giá) use cases: the assessment view of one unit in a cycle, autosave
 * of one criterion, the answer to an explanation request, and the actor's own work list. The core
 * decides (validation, permissions, scores); A's cycle context and record repository hold state.
 */
import {
  applyCriterionCommand,
  criterionRefusal,
  frameworkToJson,
  isSelfAssessed,
  scoreLeaf,
  type CriterionCommand,
  type EvidenceRef,
  type FrameworkNode,
  type NodeInput,
  type SelfAssessmentEntry,
} from '@chiso/core';
import type { Executor } from '../../db/client';
import { documentsOwnedBy, openCyclesOfAgencyUnit, openCyclesOfUnit } from '../../db/repositories/assessment-repository';
import {
  coreRecords,
  loadCriterionRecord,
  loadCriterionRecords,
  loadUnitCriterionRecords,
  type StoredCriterionRecord,
} from '../../db/repositories/criterion-record-repository';
import { lockCycleUnit, usersOfUnits } from '../../db/repositories/cycle-repository';
import type { Actor } from '../actor';
import { inTransaction, type RequestContext, type TxContext } from '../context';
import { myWorkUnits } from '../policies/assessment';
import { actorAgenciesIn, assertMayViewAssessment, visibleLeafKeys } from '../policies/cycle-facts';
import {
  appraisingAgenciesFor,
  loadCycleContext,
  participant,
  type CycleContext,
} from '../cycles/context';
import { cycleSummary } from '../cycles/cycle-service';
import { assessmentSummary } from '../cycles/summary';
import { assessmentLink } from '../cycles/transitions';
import { openCriterionCommand, writeCriterionCommand, type CriterionTarget, type OpenRules } from '../cycles/criterion-pipeline';
import { ACCESS_REFUSALS, forbidden, notFound, refusalError, ruleViolation } from '../errors';
import { notify } from '../notifications/notification-service';
import { criterionViews, type CriterionView } from './criterion-view';
import { publishedResultOf, unitOutcome } from './outcome';
import { assessmentStatus } from './status';
import { unitNotes } from '../cycles/unit-notes';

// The views are the contract's (packages/contract/src/assessments.ts). `outcome` is null before the
// appraisal is complete, and for a reader who sees only some criteria (services/assessments/outcome.ts).
export type { Assessment as AssessmentView, MyAssessment, SavedCriterionView } from '@chiso/contract';
import type { Assessment as AssessmentView, MyAssessment, SavedCriterionView } from '@chiso/contract';

export interface SaveSelfInput {
  version: number;
  /** `null` clears the input; absent keeps it. */
  input?: NodeInput | null;
  explanation?: string | null;
  evidenceIds?: string[];
}

export interface AnswerInput {
  version: number;
  text: string;
  evidenceIds?: string[];
}

const UNDECIDED = new Set(['pending', 'explained']);

function assertMayView(ctx: CycleContext, unitId: string, actor: Actor): void {
  participant(ctx, unitId);
  assertMayViewAssessment(actor, ctx, unitId, 'Bạn chỉ xem được kết quả tự đánh giá của đơn vị mình (hoặc các tiêu chí được phân công thẩm định).');
}

function leafOf(ctx: CycleContext, unitId: string, nodeKey: string, actor: Actor): FrameworkNode {
  const { group } = participant(ctx, unitId);
  const node = group.nodes.get(nodeKey);
  if (!node || node.children.length > 0) throw notFound('tiêu chí');
  const visible = visibleLeafKeys(ctx, unitId, actor);
  if (visible !== 'all' && !visible.has(nodeKey)) throw forbidden('Tiêu chí này không thuộc phạm vi thẩm định của cơ quan bạn.');
  return node;
}

/** The input checked against the leaf's rule before it is stored (Vietnamese messages). */
function checkInput(node: FrameworkNode, input: NodeInput, rounding: Parameters<typeof scoreLeaf>[2]): NodeInput {
  const fail = (message: string) => ruleViolation(message, [{ path: 'input', message }]);
  if (!isSelfAssessed(node)) throw fail(`Tiêu chí ${node.code}: điểm do nguồn khác cung cấp (điều tra, dữ liệu), đơn vị không tự chấm.`);
  if (input.kind === 'points' || input.kind === 'survey') throw fail(`Tiêu chí ${node.code}: đơn vị chấm theo quy tắc của tiêu chí, không nhập thẳng số điểm.`);
  if (input.kind === 'not_applicable') {
    if (!node.applicability?.mayDeclareNotApplicable) throw fail(`Tiêu chí ${node.code} không được khai báo không áp dụng.`);
    const reason = (input.reason ?? '').trim();
    if (reason === '') throw fail(`Tiêu chí ${node.code}: cần nêu lý do không áp dụng.`);
    return { kind: 'not_applicable', reason };
  }
  const evaluation = scoreLeaf(node, input, rounding);
  if (evaluation.status === 'invalid') throw fail(evaluation.issues[0]?.message ?? `Tiêu chí ${node.code}: giá trị không hợp lệ.`);
  return input;
}

async function evidenceRefs(tx: Executor, unitId: string, ids: readonly string[] | undefined): Promise<EvidenceRef[] | undefined> {
  if (ids === undefined) return undefined;
  const unique = [...new Set(ids)];
  const owned = await documentsOwnedBy(tx, unitId, unique);
  const foreign = unique.filter((id) => !owned.has(id));
  if (foreign.length > 0) {
    const message = 'Chỉ đính kèm được tài liệu kiểm chứng của chính đơn vị. Hãy tải tài liệu lên kho của đơn vị rồi chọn lại.';
    throw ruleViolation(message, foreign.map((id) => ({ path: 'evidenceIds', message: `Tài liệu ${id} không thuộc đơn vị này.` })));
  }
  return unique.map((id) => ({ id }));
}

const selfSnapshot = (s: StoredCriterionRecord) => ({
  input: s.record.self.input ?? null,
  points: s.points.self,
  explanation: s.record.self.explanation ?? null,
  evidenceIds: (s.record.self.evidence ?? []).map((e) => e.id),
});


async function viewOf(executor: Executor, ctx: CycleContext, stored: StoredCriterionRecord, actor: Actor, at: Date): Promise<CriterionView> {
  const [view] = await criterionViews(executor, ctx, stored.unitId, [stored], actor, at);
  return view!;
}

/** `GET /api/cycles/:id/units/:unitId/assessment`. */
export async function getAssessment(context: RequestContext, cycleId: string, unitId: string): Promise<AssessmentView> {
  const { db, actor, now: at } = context;
  const ctx = await loadCycleContext(db, cycleId);
  assertMayView(ctx, unitId, actor);
  const { unit, group } = participant(ctx, unitId);
  const stored = await loadUnitCriterionRecords(db, cycleId, unitId);
  const visible = visibleLeafKeys(ctx, unitId, actor);
  const shown = [...stored.values()].filter((s) => visible === 'all' || visible.has(s.nodeKey));
  const views = await criterionViews(db, ctx, unitId, shown, actor, at);
  return {
    ...assessmentStatus(ctx, unitId, actor, at, stored, visible),
    ...unitNotes(unit),
    cycle: await cycleSummary(db, actor, ctx.cycle),
    unit: { id: unit.unitId, code: unit.code, name: unit.name },
    groupName: group.groupName,
    framework: frameworkToJson(group.framework),
    records: Object.fromEntries(views.map((v) => [v.nodeKey, v])),
    outcome: visible === 'all' ? await unitOutcome(db, ctx, unitId, stored) : null,
  };
}

/** A saved record's view with the unit's assessment status after the save (same transaction). */
async function savedView(tx: Executor, ctx: CycleContext, saved: StoredCriterionRecord, actor: Actor, at: Date): Promise<SavedCriterionView> {
  const stored = await loadUnitCriterionRecords(tx, ctx.cycle.id, saved.unitId);
  const view = await viewOf(tx, ctx, saved, actor, at);
  return { ...view, assessment: assessmentStatus(ctx, saved.unitId, actor, at, stored, visibleLeafKeys(ctx, saved.unitId, actor)) };
}

/** The pipeline's checks for the unit's own commands: who may see the unit and this leaf; 409 with the plain view. */
const ownRules = (unitId: string, nodeKey: string, actor: Actor, at: Date): OpenRules => ({
  admit: (ctx) => {
    assertMayView(ctx, unitId, actor);
    return leafOf(ctx, unitId, nodeKey, actor);
  },
  staleView: (tx, ctx, current) => viewOf(tx, ctx, current, actor, at),
});

/** Opens a command of the unit's own (save, answer) on the criterion pipeline, with `ownRules`. */
const openOwnCommand = (t: TxContext, target: CriterionTarget) => openCriterionCommand(t, target, ownRules(target.unitId, target.nodeKey, t.actor, t.now));

/**
 * The autosave's opening: the same pipeline on a context holding only the unit (and the actor's
 * own unit, for the policies). The participant is locked first, as the pipeline does, and the
 * cycle read after the lock (the pipeline does not lock it again); the other participants
 * — thousands in a province, read and mapped on every autosave before — are not read.
 */
async function openOwnSave(t: TxContext, target: CriterionTarget) {
  const row = await lockCycleUnit(t.tx, target.cycleId, target.unitId);
  const ctx = await loadCycleContext(t.tx, target.cycleId, { unitIds: [...new Set([target.unitId, t.actor.unitId].filter(Boolean))] });
  return openCriterionCommand(t, target, ownRules(target.unitId, target.nodeKey, t.actor, t.now), ctx, row);
}

/** `PUT …/criteria/:nodeKey`: autosave of the unit's entry for one leaf. */
export async function saveSelf(context: RequestContext, cycleId: string, unitId: string, nodeKey: string, input: SaveSelfInput): Promise<SavedCriterionView> {
  const { actor, now: at } = context;
  return inTransaction(context, async (t) => {
    const { tx } = t;
    const opened = await openOwnSave(t, { cycleId, unitId, nodeKey, version: input.version });
    const { ctx, node, cctx, previous } = opened;
    // Who and when first (a refusal says "not yours" or "not now" before "not valid").
    const refused = criterionRefusal(cctx, previous.record, 'save_self');
    if (refused) throw refusalError(refused);

    const before = previous.record.self;
    const entry: { -readonly [K in keyof SelfAssessmentEntry]: SelfAssessmentEntry[K] } = {};
    const nextInput = input.input === undefined ? before.input : input.input === null ? undefined : checkInput(node, input.input, cctx.rounding);
    if (nextInput) entry.input = nextInput;
    const explanation = input.explanation === undefined ? before.explanation : (input.explanation ?? '').trim() || undefined;
    if (explanation !== undefined) entry.explanation = explanation;
    const evidence = (await evidenceRefs(tx, unitId, input.evidenceIds)) ?? before.evidence;
    if (evidence && evidence.length > 0) entry.evidence = evidence;

    const result = applyCriterionCommand(cctx, previous.record, { type: 'save_self', entry });
    if (!result.ok) throw refusalError(result.refusal, result.field);
    const { saved } = await writeCriterionCommand(t, opened, result.record, (s) => ({
      action: 'save_self',
      before: { cycleId, unitId, nodeKey, nodeCode: node.code, ...selfSnapshot(previous) },
      after: { cycleId, unitId, nodeKey, nodeCode: node.code, ...selfSnapshot(s) },
    }), { movesUnit: false });
    return savedView(tx, ctx, saved, actor, at);
  });
}

/** `POST …/criteria/:nodeKey/answer`: the unit answers the current request; the agency is notified. */
export async function answer(context: RequestContext, cycleId: string, unitId: string, nodeKey: string, input: AnswerInput): Promise<SavedCriterionView> {
  const { actor, now: at } = context;
  return inTransaction(context, async (t) => {
    const { tx } = t;
    const opened = await openOwnCommand(t, { cycleId, unitId, nodeKey, version: input.version });
    const { ctx, node, cctx, previous } = opened;
    // "Not yours" before the evidence is checked; the rest after, with the real answer.
    const refused = criterionRefusal(cctx, previous.record, 'answer');
    if (refused && ACCESS_REFUSALS.has(refused.code)) throw refusalError(refused);
    const evidence = (await evidenceRefs(tx, unitId, input.evidenceIds)) ?? [];
    const command: CriterionCommand = { type: 'answer', text: input.text, evidence };
    const result = applyCriterionCommand(cctx, previous.record, command);
    if (!result.ok) throw refusalError(result.refusal, result.field);
    const written = await writeCriterionCommand(t, opened, result.record, (s) => {
      const request = s.record.requests[s.record.requests.length - 1]!;
      return {
        action: 'answer',
        after: { cycleId, unitId, nodeKey, nodeCode: node.code, requestId: s.requestIds[s.requestIds.length - 1], text: request.answer?.text, evidenceIds: evidence.map((e) => e.id) },
      };
    }, { movesUnit: true });
    const { saved, moved: outcome } = written;
    const request = saved.record.requests[saved.record.requests.length - 1]!;
    const agencyUnit = request.agency ? ctx.agencies.get(request.agency)?.unitId : undefined;
    if (agencyUnit) {
      const { unit } = participant(ctx, unitId);
      const recipients = await usersOfUnits(tx, [agencyUnit], ['appraiser']);
      await notify(t, recipients, {
        kind: 'criterion.explanation_answered',
        title: `${unit.name} đã trả lời yêu cầu ${request.kind === 'evidence' ? 'bổ sung tài liệu' : 'giải trình'} tiêu chí ${node.code}`,
        body: request.answer?.text || null,
        link: assessmentLink(cycleId, unitId),
      });
    }
    // The answer may have moved the unit (explained, appraised): its status is read afresh then.
    const current = outcome ? ((await loadCriterionRecord(tx, cycleId, unitId, nodeKey)) ?? saved) : saved;
    return savedView(tx, written.ctx, current, actor, at);
  });
}

/** `GET /api/my/assessments`: the actor's own work in open cycles. */
export async function myAssessments(context: RequestContext): Promise<MyAssessment[]> {
  const { db, actor, now: at } = context;
  const items: MyAssessment[] = [];
  const { ownUnitId, agencyUnitId } = myWorkUnits(actor);
  if (ownUnitId) {
    for (const row of await openCyclesOfUnit(db, ownUnitId)) {
      const ctx = await loadCycleContext(db, row.cycleId);
      const records = coreRecords(await loadUnitCriterionRecords(db, row.cycleId, ownUnitId));
      items.push({ ...assessmentSummary(ctx, ownUnitId, actor, at, records), published: await publishedResultOf(db, ctx, ownUnitId) });
    }
  }
  if (agencyUnitId) {
    const cycleIds = [...new Set((await openCyclesOfAgencyUnit(db, agencyUnitId)).map((r) => r.cycleId))];
    for (const cycleId of cycleIds) {
      const ctx = await loadCycleContext(db, cycleId);
      const mine = new Set(actorAgenciesIn(actor, ctx));
      const unitIds = [...ctx.units.keys()].filter((u) => appraisingAgenciesFor(ctx, u).some((a) => mine.has(a)));
      const all = await loadCriterionRecords(db, cycleId, { unitIds });
      for (const unitId of unitIds) {
        const stored = all.get(unitId) ?? new Map<string, StoredCriterionRecord>();
        const { group } = participant(ctx, unitId);
        let toAppraise = 0;
        // Not its own unit's criteria: the administrator or the council appraises those (separation of duties).
        if (unitId !== agencyUnitId) for (const s of stored.values()) if (UNDECIDED.has(s.record.status) && mine.has(group.leafAgency.get(s.nodeKey) ?? '')) toAppraise++;
        items.push({ ...assessmentSummary(ctx, unitId, actor, at, coreRecords(stored)), toAppraise });
      }
    }
  }
  return items;
}
