/**
 * Appraisal (thẩm định) by the appraising agencies: the agency's criteria × units matrix, a
 * decision on one criterion, a request for explanation or evidence, bulk accept. The core decides
 * who may do what and when (`applyCriterionCommand`); each mutation is one transaction (see
 * criterion-command.ts).
 */
import {
  describeValue,
  formatInstantVn,
  frameworkToJson,
  isSelfAssessed,
  pointsToString,
  recordForUnit,
  type AppraisalDecision,
  type Framework,
  type FrameworkNode,
  type UnitState,
} from '@chiso/core';
import type { AppraisalMatrix, AppraisalPending } from '@chiso/contract';
import type { Executor } from '../../db/client';
import { loadCriterionRecords, type StoredCriterionRecord } from '../../db/repositories/criterion-record-repository';
import { usersOfUnits, type CycleUnitView } from '../../db/repositories/cycle-repository';
import type { Actor } from '../actor';
import { inSavepoint, inTransaction, type RequestContext, type TxContext } from '../context';
import { appraisalMatrixAgency, isUnsubmitted } from '../policies/assessment';
import { actorAgenciesIn } from '../policies/cycle-facts';
import { assertAppraiserFor, criterionAbilities, readsAsAssessedUnit } from '../policies/criterion-record';
import { criterionContext, criterionViewsOfUnits, statusOnlySelf, type CriterionView } from '../assessments/criterion-view';
import { appraisingAgenciesFor, loadCycleContext, participant, type CycleContext } from '../cycles/context';
import { assessmentLink } from '../cycles/transitions';
import { AppError } from '../errors';
import { notify } from '../notifications/notification-service';
import { bulkConfirmNotApplicable } from './bulk-confirm';
import { runCriterionCommandIn, scoreValueOf, startingUnitContext, type CommandEffect, type ScoreValueInput } from './criterion-command';

/** `AppraisalDecision` as the API takes it (values as inputs or decimal points). */
export type DecisionInput =
  | { kind: 'accept' }
  | { kind: 'adjust'; value: ScoreValueInput; reason?: string | undefined }
  | { kind: 'confirm_not_applicable' }
  | { kind: 'reject_not_applicable'; value: ScoreValueInput; reason: string };

export interface DecideInput {
  version: number;
  decision: DecisionInput;
}

export interface RequestInput {
  version: number;
  kind: 'explanation' | 'evidence';
  message: string;
  /** ISO instant. */
  deadline: string;
}

export interface BulkAcceptItem {
  unitId: string;
  nodeKey: string;
  version: number;
}



function coreDecision(d: DecisionInput): AppraisalDecision {
  switch (d.kind) {
    case 'accept':
    case 'confirm_not_applicable':
      return { kind: d.kind };
    case 'adjust':
      return { kind: 'adjust', value: scoreValueOf(d.value, 'decision.value'), ...(d.reason !== undefined ? { reason: d.reason } : {}) };
    case 'reject_not_applicable':
      return { kind: 'reject_not_applicable', value: scoreValueOf(d.value, 'decision.value'), reason: d.reason };
  }
}

function parseDeadline(text: string): number {
  const t = Date.parse(text);
  if (Number.isNaN(t)) throw new AppError('VALIDATION_FAILED', 'Hạn trả lời không hợp lệ.', [{ path: 'deadline', message: 'Thời điểm không hợp lệ' }]);
  return t;
}

/** The agency whose matrix the actor sees: an appraiser only its own; the cycle's administrator any. */
function agencyFor(ctx: CycleContext, actor: Actor, wanted: string | undefined): { code: string; name: string } {
  const known = new Set<string>(ctx.agencies.keys());
  for (const g of ctx.groups.values()) for (const a of g.leafAgency.values()) if (a !== undefined) known.add(a);
  const code = appraisalMatrixAgency(actor, ctx.cycle.ownerUnitId, actorAgenciesIn(actor, ctx), known, wanted);
  const a = ctx.agencies.get(code);
  return { code, name: a?.unitName ?? code };
}

/** A cell of a unit that has not submitted: the status only, not the unit's entries (also for the administrator). */
function statusOnly(view: CriterionView): CriterionView {
  return { ...view, self: statusOnlySelf };
}

async function unitPeople(tx: Executor, unitId: string) {
  return usersOfUnits(tx, [unitId], ['unit_officer', 'unit_head']);
}

/**
 * The unit hears of a decision whose result differs from its own score, and of a refused
 * not-applicable claim (with the reason and the value the criterion now counts with).
 */
async function notifyDecision(t: TxContext, e: CommandEffect): Promise<string[]> {
  const a = e.saved.record.appraisal;
  const refused = a?.kind === 'reject_not_applicable';
  const differs = a !== undefined && (refused || (a.kind === 'adjust' && e.saved.points.appraised !== e.saved.points.self));
  if (!a || !differs) return [];
  const { unit } = participant(e.ctx, e.saved.unitId);
  const agencyName = (a.agency && e.ctx.agencies.get(a.agency)?.unitName) ?? a.agency ?? 'Cơ quan thẩm định';
  const content = refused
    ? {
        kind: 'criterion.not_applicable_refused',
        title: `${agencyName} không chấp nhận việc ${unit.name} khai báo "không áp dụng" tiêu chí ${e.node.code}`,
        body: `Lý do: ${a.reason ?? ''} — Tiêu chí được tính theo số liệu thẩm định: ${describeValue(a.value)}.`,
      }
    : {
        kind: 'criterion.appraised',
        title: `${agencyName} chấm tiêu chí ${e.node.code} khác kết quả tự đánh giá của ${unit.name}`,
        body: `Điểm thẩm định: ${describeValue(a.value)}.${a.reason ? ` Lý do: ${a.reason}` : ''}`,
      };
  return notify(t, await unitPeople(t.tx, e.saved.unitId), { ...content, link: assessmentLink(e.ctx.cycle.id, e.saved.unitId) }, new Date(a.decidedAt));
}

async function notifyRequest(t: TxContext, e: CommandEffect): Promise<string[]> {
  const r = e.saved.record.requests[e.saved.record.requests.length - 1]!;
  const { unit } = participant(e.ctx, e.saved.unitId);
  return notify(
    t,
    await unitPeople(t.tx, e.saved.unitId),
    {
      kind: 'criterion.explanation_requested',
      title: `${unit.name}: yêu cầu ${r.kind === 'evidence' ? 'bổ sung tài liệu kiểm chứng' : 'giải trình'} tiêu chí ${e.node.code}`,
      body: `${r.message} — Hạn trả lời: ${formatInstantVn(r.deadline)}.`,
      link: assessmentLink(e.ctx.cycle.id, e.saved.unitId),
    },
    new Date(r.requestedAt),
  );
}

/** Each node's rule as the framework's canonical JSON writes it (decimal strings), by node key. */
function canonicalRules(framework: Framework): Map<string, Record<string, unknown>> {
  const out = new Map<string, Record<string, unknown>>();
  const walk = (nodes: unknown) => {
    if (!Array.isArray(nodes)) return;
    for (const n of nodes as { key?: string; rule?: Record<string, unknown>; children?: unknown }[]) {
      if (n.key !== undefined && n.rule !== undefined) out.set(n.key, n.rule);
      walk(n.children);
    }
  };
  walk(frameworkToJson(framework).nodes);
  return out;
}

const leafRow = (node: FrameworkNode, rules: Map<string, Record<string, unknown>>) => ({
  nodeKey: node.key,
  code: node.code,
  name: node.name,
  maxPoints: pointsToString(node.maxPoints),
  // Only self-assessed leaves are rows, and each has a rule.
  rule: rules.get(node.key)!,
  /** When the framework lets a unit claim the leaf not applicable: the condition (may be ''); else null. */
  notApplicableCondition: node.applicability?.mayDeclareNotApplicable ? (node.applicability.condition ?? '') : null,
});

/** The agency's criteria and every unit it appraises on one of them (code order): the matrix before paging. */
function agencyScope(ctx: CycleContext, actor: Actor, agencyCode: string | undefined) {
  const agency = agencyFor(ctx, actor, agencyCode);
  const criteria = new Map<string, ReturnType<typeof leafRow>>();
  const keysByGroup = new Map<string, string[]>();
  for (const g of ctx.groups.values()) {
    const keys = g.leaves.filter((l) => isSelfAssessed(l) && g.leafAgency.get(l.key) === agency.code);
    keysByGroup.set(g.groupId, keys.map((l) => l.key));
    const rules = keys.length > 0 ? canonicalRules(g.framework) : new Map<string, Record<string, unknown>>();
    for (const l of keys) if (!criteria.has(l.key)) criteria.set(l.key, leafRow(l, rules));
  }
  const units = [...ctx.units.values()]
    .filter((u) => (keysByGroup.get(u.groupId)?.length ?? 0) > 0 && appraisingAgenciesFor(ctx, u.unitId).includes(agency.code))
    .sort((a, b) => a.code.localeCompare(b.code));
  /** A unit's stored records on the agency's criteria (those of its group). */
  const shownOf = (u: CycleUnitView, stored: ReadonlyMap<string, StoredCriterionRecord>) => {
    const keys = new Set(keysByGroup.get(u.groupId));
    return [...stored.values()].filter((s) => keys.has(s.nodeKey));
  };
  return { agency, criteria, units, shownOf };
}

const unitRow = (u: CycleUnitView) => ({ unitId: u.unitId, code: u.code, name: u.name, state: u.state as UnitState });

/** Lower case without diacritics ("Lang Son" finds "Lạng Sơn"), as the grid's search box matches. */
const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase().replace(/\s+/g, ' ').trim();

export interface MatrixQuery {
  agency?: string | undefined;
  unitOffset?: number | undefined;
  /** Without it, every matching unit. */
  unitLimit?: number | undefined;
  unitSearch?: string | undefined;
}

/**
 * `GET /api/cycles/:id/appraisal?agency=CODE&unitOffset=&unitLimit=&unitSearch=`: the records, evidence
 * and views of the page's units only (an agency may appraise thousands of units).
 */
export async function matrix(context: RequestContext, cycleId: string, query: MatrixQuery = {}): Promise<AppraisalMatrix> {
  const { db, actor, now: at } = context;
  const ctx = await loadCycleContext(db, cycleId);
  const { agency, criteria, units: all, shownOf } = agencyScope(ctx, actor, query.agency);
  const needle = fold(query.unitSearch ?? '');
  const matching = needle ? all.filter((u) => fold(`${u.name} ${u.code}`).includes(needle)) : all;
  const offset = query.unitOffset ?? 0;
  const units = matching.slice(offset, query.unitLimit === undefined ? undefined : offset + query.unitLimit);
  const records = await loadCriterionRecords(db, cycleId, { unitIds: units.map((u) => u.unitId), nodeKeys: [...criteria.keys()] });
  // One read of the evidence and names for the page's units.
  const read = units.map((u) => {
    const stored = records.get(u.unitId) ?? new Map<string, StoredCriterionRecord>();
    return { unitId: u.unitId, stored: shownOf(u, stored), unit: startingUnitContext(ctx, u.unitId, actor, at, stored) };
  });
  const views = await criterionViewsOfUnits(db, ctx, read, actor, at);
  const cells: AppraisalMatrix['cells'] = {};
  units.forEach((u, i) => {
    cells[u.unitId] = Object.fromEntries(views[i]!.map((v) => [v.nodeKey, isUnsubmitted(u.state) ? statusOnly(v) : v]));
  });
  return { agency, criteria: [...criteria.values()], units: units.map(unitRow), unitTotal: matching.length, unitOffset: offset, cells };
}

/** Criterion states in which the appraiser decides (those bulk accept takes). */
const DECIDABLE: ReadonlySet<string> = new Set(['pending', 'explained']);

/**
 * `GET /api/cycles/:id/appraisal/pending?agency=CODE`: every cell of the agency's units the actor may
 * decide now, as keys and versions (no evidence, no views): bulk accept and bulk confirm across pages.
 * The flags are the core's, as in the matrix's views (`criterionAbilities`).
 */
export async function pending(context: RequestContext, cycleId: string, agencyCode: string | undefined): Promise<AppraisalPending> {
  const { db, actor, now: at } = context;
  const ctx = await loadCycleContext(db, cycleId);
  const { criteria, units, shownOf } = agencyScope(ctx, actor, agencyCode);
  const records = await loadCriterionRecords(db, cycleId, { unitIds: units.map((u) => u.unitId), nodeKeys: [...criteria.keys()] });
  const mine = actorAgenciesIn(actor, ctx);
  const out: AppraisalPending = { accept: [], claims: [], units: [] };
  for (const u of units) {
    const stored = records.get(u.unitId);
    if (!stored) continue;
    const state = u.state as UnitState;
    const unit = startingUnitContext(ctx, u.unitId, actor, at, stored);
    let named = false;
    for (const s of shownOf(u, stored)) {
      const leaf = { ownerUnitId: ctx.cycle.ownerUnitId, unitId: u.unitId, agency: participant(ctx, u.unitId).group.leafAgency.get(s.nodeKey) };
      const r = readsAsAssessedUnit(actor, mine, leaf) ? recordForUnit(s.record, state) : s.record;
      if (!DECIDABLE.has(r.status) || !criterionAbilities(criterionContext(ctx, u.unitId, s.nodeKey, actor, at), r, unit).decide) continue;
      const key = { unitId: u.unitId, nodeKey: s.nodeKey, version: s.version };
      // The grid shows a unit that has not submitted by its status only: no claim is told there.
      const input = isUnsubmitted(u.state) ? null : r.self.input;
      if (input?.kind === 'not_applicable') out.claims.push({ ...key, reason: String(input.reason ?? '') });
      else out.accept.push(key);
      named = true;
    }
    if (named) out.units.push(unitRow(u));
  }
  return out;
}

/** `POST …/criteria/:nodeKey/decide`: accept, adjust, confirm or reject a not-applicable claim. */
export async function decide(context: RequestContext, cycleId: string, unitId: string, nodeKey: string, input: DecideInput): Promise<CriterionView> {
  const decision = coreDecision(input.decision);
  const outcome = await inTransaction(context, (t) =>
    runCriterionCommandIn(t, { cycleId, unitId, nodeKey, version: input.version }, {
      action: 'decide',
      command: { type: 'decide', decision },
      reason: 'reason' in decision ? (decision.reason ?? null) : null,
      notify: notifyDecision,
    }),
  );
  return outcome.view;
}

/** `POST …/criteria/:nodeKey/request`: ask the unit for an explanation or more evidence. */
export async function request(context: RequestContext, cycleId: string, unitId: string, nodeKey: string, input: RequestInput): Promise<CriterionView> {
  const deadline = parseDeadline(input.deadline);
  const outcome = await inTransaction(context, (t) =>
    runCriterionCommandIn(t, { cycleId, unitId, nodeKey, version: input.version }, {
      action: 'request_explanation',
      command: { type: 'request_explanation', kind: input.kind, message: input.message, deadline },
      reason: input.message,
      notify: notifyRequest,
    }),
  );
  return outcome.view;
}

/**
 * `POST /api/cycles/:id/appraisal/bulk-accept`: one transaction, the cycle's context loaded once;
 * each item is accepted on its own (a savepoint each) or skipped with the reason.
 */
export async function bulkAccept(
  context: RequestContext,
  cycleId: string,
  items: readonly BulkAcceptItem[],
): Promise<{ accepted: number; skipped: { unitId: string; nodeKey: string; message: string }[] }> {
  assertAppraiserFor(context.actor, 'accept');
  return inTransaction(context, async (t) => {
    const ctx = await loadCycleContext(t.tx, cycleId); // 404 for an unknown cycle
    let accepted = 0;
    const refused = new Map<BulkAcceptItem, string>();
    // One order of locks for every bulk accept, so two running at once cannot deadlock.
    const ordered = [...items].sort((a, b) => a.unitId.localeCompare(b.unitId) || a.nodeKey.localeCompare(b.nodeKey));
    for (const item of ordered) {
      try {
        await inSavepoint(t, (sp) =>
          runCriterionCommandIn(sp, { cycleId, unitId: item.unitId, nodeKey: item.nodeKey, version: item.version }, {
            action: 'decide',
            command: { type: 'decide', decision: { kind: 'accept' } },
          }, ctx),
        );
        accepted++;
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        refused.set(item, error.message);
      }
    }
    // Reported in the order the appraiser listed them.
    const skipped = items.flatMap((item) => {
      const message = refused.get(item);
      return message === undefined ? [] : [{ unitId: item.unitId, nodeKey: item.nodeKey, message }];
    });
    return { accepted, skipped };
  });
}

/**
 * `POST /api/cycles/:id/appraisal/criteria/:nodeKey/confirm-not-applicable`: confirms the
 * not-applicable claims of the listed units on one criterion, all or nothing (bulk-confirm.ts).
 */
export const bulkConfirm = bulkConfirmNotApplicable;
