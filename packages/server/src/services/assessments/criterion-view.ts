/**
 * `CriterionView` of docs/api.md: one criterion record as the API shows it — the unit's entry with
 * its evidence described, the appraisal, the council, the requests with answers, the version and
 * the `may` flags from the core's `criterionActions` for this actor now. Shared by the
 * self-assessment, appraisal and council endpoints.
 */
import {
  isOwnAgencyUnit, recordForUnit, type CriterionContext, type NodeInput, type ResolvedValue, type UnitState, type UnitWorkflowContext,
} from '@chiso/core';
import { readTogether, type Executor } from '../../db/client';
import { evidenceOfAnswers, evidenceOfRecords, type LinkedEvidence } from '../../db/repositories/assessment-repository';
import type { StoredCriterionRecord } from '../../db/repositories/criterion-record-repository';
import { userNamesById } from '../../db/repositories/user-repository';
import { seesStatusOnly } from '../policies/assessment';
import { actorAgenciesIn } from '../policies/cycle-facts';
import { criterionAbilities, readsAsAssessedUnit } from '../policies/criterion-record';
import { evidenceAbilities } from '../policies/evidence';
import type { Actor } from '../actor';
import { participant, workflowActorFor, type CycleContext } from '../cycles/context';
import { pointsText } from '../cycles/summary';

// The view is the contract's (packages/contract/src/assessments.ts): the response schema checks it.
export type { CriterionView, Evidence as EvidenceSummaryView } from '@chiso/contract';
import type { CriterionView, Evidence as EvidenceSummaryView, NodeInputView, ResolvedValueView } from '@chiso/contract';

const iso = (t: number) => new Date(t).toISOString();

/** Records are stored as JSON: a survey's points are decimal text there, never an in-memory (BigInt) Rational. */
function inputView(input: NodeInput): NodeInputView {
  if (input.kind !== 'survey') return input;
  if (typeof input.points === 'object') throw new Error('A stored survey input holds a Rational');
  return { kind: 'survey', points: input.points };
}

function valueView({ input, ...value }: ResolvedValue): ResolvedValueView {
  return input ? { ...value, input: inputView(input) } : value;
}

/** The unit's entry as a reader who may see only the status has it (see policies/assessment.ts `seesStatusOnly`). */
export const statusOnlySelf: CriterionView['self'] = { input: null, points: null, explanation: null, evidence: [] };

function evidenceView(actor: Actor, row: Omit<LinkedEvidence, 'criterionRecordId'>): EvidenceSummaryView {
  return {
    id: row.id,
    ownerUnitId: row.ownerUnitId,
    originalName: row.originalName,
    size: row.size,
    mimeType: row.mimeType,
    documentNumber: row.documentNumber,
    documentDate: row.documentDate,
    issuer: row.issuer,
    title: row.title,
    uploadedAt: row.uploadedAt.toISOString(),
    version: row.version,
    may: evidenceAbilities(actor, row.ownerUnitId),
  };
}

/** The core's criterion context for one leaf of a unit, for this actor at `now`. */
export function criterionContext(ctx: CycleContext, unitId: string, nodeKey: string, actor: Actor, now: Date): CriterionContext {
  const { unit, group } = participant(ctx, unitId);
  const node = group.nodes.get(nodeKey)!;
  const agency = group.leafAgency.get(nodeKey);
  return {
    node,
    rounding: group.framework.settings.rounding,
    unitId,
    unitState: unit.state as UnitState,
    agency,
    ...(agency !== undefined && ctx.agencies.has(agency) ? { agencyUnitId: ctx.agencies.get(agency)!.unitId } : {}),
    actor: workflowActorFor(actor, ctx, agency),
    calendar: ctx.calendar,
    now: now.getTime(),
    ...(unit.revisionDeadline ? { revisionDeadline: unit.revisionDeadline.getTime() } : {}),
  };
}

/** Some records of one unit, and — when a command may start its appraisal — the unit's workflow context. */
export interface UnitRecords {
  unitId: string;
  stored: readonly StoredCriterionRecord[];
  /** The unit's workflow context, when a command may start its appraisal (see `criterionActions`). */
  unit?: UnitWorkflowContext | undefined;
}

const pushTo = <T,>(map: Map<string, T[]>, key: string, value: T) => {
  const list = map.get(key);
  if (list) list.push(value); else map.set(key, [value]);
};

/** Views of some records of one unit (evidence described in two queries for all of them). */
export async function criterionViews(
  db: Executor,
  ctx: CycleContext,
  unitId: string,
  stored: readonly StoredCriterionRecord[],
  actor: Actor,
  now: Date,
  /** The unit's workflow context, when a command may start its appraisal (see `criterionActions`). */
  unit?: UnitWorkflowContext,
): Promise<CriterionView[]> {
  return (await criterionViewsOfUnits(db, ctx, [{ unitId, stored, unit }], actor, now))[0]!;
}

/**
 * Views of the records of many units, in the units' order: the evidence, the answers' evidence and
 * the proposers' names read in three queries for all of them (an appraisal grid of thousands of
 * units would otherwise make three queries per unit).
 */
export async function criterionViewsOfUnits(
  db: Executor,
  ctx: CycleContext,
  units: readonly UnitRecords[],
  actor: Actor,
  now: Date,
): Promise<CriterionView[][]> {
  const all = units.flatMap((u) => u.stored);
  const requestIds = all.flatMap((s) => s.requestIds);
  const [linked, answers, names] = await readTogether(db, [
    // Only records that link evidence have rows there (their `self.evidence`): an autosave without any reads none.
    () => evidenceOfRecords(db, all.filter((s) => (s.record.self.evidence?.length ?? 0) > 0).map((s) => s.id)),
    () => evidenceOfAnswers(db, requestIds),
    () => userNamesById(db, all.map((s) => (s.record.council ? s.meta.councilProposedBy : null))),
  ] as const);
  const byRecord = new Map<string, EvidenceSummaryView[]>();
  for (const row of linked) pushTo(byRecord, row.criterionRecordId, evidenceView(actor, row));
  const byRequest = new Map<string, EvidenceSummaryView[]>();
  for (const row of answers) pushTo(byRequest, row.requestId, evidenceView(actor, row));
  const mine = actorAgenciesIn(actor, ctx);
  return units.map(({ unitId, stored, unit }) => unitViews(ctx, unitId, stored, actor, now, unit, { byRecord, byRequest, names, mine }));
}

/** One unit's views, from the evidence and names already read for all units. */
function unitViews(
  ctx: CycleContext,
  unitId: string,
  stored: readonly StoredCriterionRecord[],
  actor: Actor,
  now: Date,
  unit: UnitWorkflowContext | undefined,
  read: { byRecord: Map<string, EvidenceSummaryView[]>; byRequest: Map<string, EvidenceSummaryView[]>; names: Map<string, string>; mine: ReturnType<typeof actorAgenciesIn> },
): CriterionView[] {
  const { byRecord, byRequest, names, mine } = read;
  const state = participant(ctx, unitId).unit.state as UnitState;
  const hidden = seesStatusOnly(actor, unitId, state, ctx.cycle.ownerUnitId);
  return stored.map((s) => {
    const leaf = { ownerUnitId: ctx.cycle.ownerUnitId, unitId, agency: participant(ctx, unitId).group.leafAgency.get(s.nodeKey) };
    // The assessed unit reads it through the core's `recordForUnit` (no appraisal in progress).
    const r = readsAsAssessedUnit(actor, mine, leaf) ? recordForUnit(s.record, state) : s.record;
    const cctx = criterionContext(ctx, unitId, s.nodeKey, actor, now);
    const view: CriterionView = {
      id: s.id,
      nodeKey: s.nodeKey,
      status: r.status,
      self: { input: r.self.input ? inputView(r.self.input) : null, points: s.points.self, explanation: r.self.explanation ?? null, evidence: byRecord.get(s.id) ?? [] },
      requests: r.requests.map((q, i) => ({
        id: s.requestIds[i]!,
        kind: q.kind,
        message: q.message,
        deadline: iso(q.deadline),
        requestedAt: iso(q.requestedAt),
        agency: q.agency ?? null,
        ...(q.answer ? { answer: { text: q.answer.text, evidence: byRequest.get(s.requestIds[i]!) ?? [], answeredAt: iso(q.answer.answeredAt) } } : {}),
      })),
      version: s.version,
      ownAgencyUnit: isOwnAgencyUnit(cctx),
      may: criterionAbilities(cctx, r, unit),
    };
    if (r.appraisal) {
      view.appraisal = {
        kind: r.appraisal.kind,
        value: valueView(r.appraisal.value),
        points: s.points.appraised ?? pointsText(r.appraisal.value.points),
        reason: r.appraisal.reason ?? null,
        agency: r.appraisal.agency ?? null,
        decidedAt: iso(r.appraisal.decidedAt),
      };
    }
    if (hidden) view.self = statusOnlySelf;
    if (r.council) {
      const by = s.meta.councilProposedBy;
      view.council = {
        value: valueView(r.council.value), points: s.points.council ?? pointsText(r.council.value.points), reason: r.council.reason, approved: r.council.approved,
        proposedBy: by ? { id: by, name: names.get(by) ?? '—' } : null,
      };
    }
    return view;
  });
}
