/**
 * `CriterionView` of docs/api.md: one criterion record as the API shows it — the unit's entry with
 * its evidence described, the appraisal, the council, the requests with answers, the version and
 * the `may` flags from the core's `criterionActions` for this actor now. Shared by the
 * self-assessment, appraisal and council endpoints.
 */
import {
  criterionActions, isOwnAgencyUnit, recordForUnit, type CriterionContext, type CriterionCommandType, type NodeInput, type ResolvedValue, type UnitState,
} from '@chiso/core';
import type { Executor } from '../../db/client';
import { evidenceOfAnswers, evidenceOfRecords, type LinkedEvidence } from '../../db/repositories/assessment-repository';
import type { StoredCriterionRecord } from '../../db/repositories/criterion-record-repository';
import { userNamesById } from '../../db/repositories/user-repository';
import { seesStatusOnly } from '../access';
import type { Actor } from '../actor';
import { agenciesOfUnit, participant, workflowActorFor, type CycleContext } from '../cycles/context';
import { pointsText } from '../cycles/summary';
import { mayManageUnitEvidence } from '../evidence';

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

/** The unit's entry as a reader who may see only the status has it (see access.ts `seesStatusOnly`). */
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
    may: { edit: mayManageUnitEvidence(actor, row.ownerUnitId) },
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

const READ_ALL_ROLES = new Set(['admin', 'council_member', 'leader_viewer']);

/**
 * True when the actor reads this leaf as the assessed unit itself: an officer or head of the unit,
 * without a role that reads every appraisal (administrator, council, leader) and without being an
 * appraiser of the leaf's agency. Such a reader sees the record through the core's
 * `recordForUnit` (no appraisal in progress; see packages/core/src/workflow/outcome.ts).
 */
export function readsAsAssessedUnit(ctx: CycleContext, unitId: string, nodeKey: string, actor: Actor): boolean {
  if (actor.unitId !== unitId || !actor.roles.some((r) => r === 'unit_officer' || r === 'unit_head')) return false;
  if (actor.roles.some((r) => READ_ALL_ROLES.has(r))) return false;
  if (!actor.roles.includes('appraiser')) return true;
  const agency = participant(ctx, unitId).group.leafAgency.get(nodeKey);
  return agency === undefined || !agenciesOfUnit(ctx, actor.unitId).includes(agency);
}

/** Views of some records of one unit (evidence described in two queries for all of them). */
export async function criterionViews(
  db: Executor,
  ctx: CycleContext,
  unitId: string,
  stored: readonly StoredCriterionRecord[],
  actor: Actor,
  now: Date,
): Promise<CriterionView[]> {
  const requestIds = stored.flatMap((s) => s.requestIds);
  const [linked, answers, names] = await Promise.all([
    evidenceOfRecords(db, stored.map((s) => s.id)),
    evidenceOfAnswers(db, requestIds),
    userNamesById(db, stored.map((s) => (s.record.council ? s.meta.councilProposedBy : null))),
  ]);
  const byRecord = new Map<string, EvidenceSummaryView[]>();
  for (const row of linked) byRecord.set(row.criterionRecordId, [...(byRecord.get(row.criterionRecordId) ?? []), evidenceView(actor, row)]);
  const byRequest = new Map<string, EvidenceSummaryView[]>();
  for (const row of answers) byRequest.set(row.requestId, [...(byRequest.get(row.requestId) ?? []), evidenceView(actor, row)]);

  const state = participant(ctx, unitId).unit.state as UnitState;
  const hidden = seesStatusOnly(actor, unitId, state);
  return stored.map((s) => {
    const r = readsAsAssessedUnit(ctx, unitId, s.nodeKey, actor) ? recordForUnit(s.record, state) : s.record;
    const cctx = criterionContext(ctx, unitId, s.nodeKey, actor, now);
    const allowed = new Set<CriterionCommandType>(
      criterionActions(cctx, r)
        .filter((o) => o.allowed)
        .map((o) => o.command),
    );
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
      may: {
        edit: allowed.has('save_self'),
        answer: allowed.has('answer'),
        decide: allowed.has('decide'),
        request: allowed.has('request_explanation'),
        propose: allowed.has('propose_final'),
        approve: allowed.has('approve_final'),
      },
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
