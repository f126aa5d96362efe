/**
 * Appraisal of one criterion (leaf) of one unit: the self-assessment entry, the appraiser's
 * decision (possibly after a request for explanation or evidence), the council's proposal
 * and the chair's approval. A small state machine with validation:
 *
 *   draft ──(unit submits)──▶ pending ──decide──▶ appraised ──propose_final──▶ council_proposed
 *                              │   ▲                 │   ▲ reject_proposal          │ approve_final
 *            request_explanation│   │decide          │   └──────────────────────────┤
 *                              ▼   │                 ▼                              ▼
 *                explanation_requested ──answer──▶ explained              council_approved
 */
import type { RoundingSettings, FrameworkNode } from '../framework/types.ts';
import { ZERO_POINTS } from '../decimal/points.ts';
import type { NodeInput } from '../scoring/inputs.ts';
import type { MessageId } from '../messages/catalog.ts';
import type { MessageParams } from '../messages/format.ts';
import { LABELS } from '../messages/labels.ts';
import { type WorkflowActor, type WorkflowRole } from './actor.ts';
import { type CycleCalendar, type Instant } from './calendar.ts';
import {
  type Refusal, type RefusalCode, type TimeGuard, type UnitState, type UnitTransitionResult, type UnitWorkflowContext,
  applyUnitAction, checkTimeGuard, refuse,
} from './unit-states.ts';
import { type ResolvedValue, type ScoreValue, type ValueError, resolveValue, sameResult, valueParam } from './values.ts';

/** A reference to a stored evidence document (tài liệu kiểm chứng). */
export interface EvidenceRef {
  readonly id: string;
  /** e.g. "Quyết định số 12/QĐ-UBND ngày 05/01/2025". */
  readonly label?: string;
}

/** What the unit records for a leaf. A not-applicable claim is an input of kind 'not_applicable'. */
export interface SelfAssessmentEntry {
  readonly input?: NodeInput;
  readonly explanation?: string;
  readonly evidence?: readonly EvidenceRef[];
}

export type CriterionStatus =
  | 'draft'
  | 'pending'
  | 'explanation_requested'
  | 'explained'
  | 'appraised'
  | 'council_proposed'
  | 'council_approved';

export const CRITERION_STATUS_LABELS: Readonly<Record<CriterionStatus, string>> = LABELS.vi.criterionStatus;

export interface ExplanationAnswer {
  readonly text: string;
  readonly evidence: readonly EvidenceRef[];
  readonly answeredAt: Instant;
}

export interface ExplanationRequest {
  /** Giải trình, or bổ sung tài liệu kiểm chứng. */
  readonly kind: 'explanation' | 'evidence';
  readonly message: string;
  readonly deadline: Instant;
  readonly requestedAt: Instant;
  readonly agency?: string;
  readonly answer?: ExplanationAnswer;
}

export type AppraisalDecisionKind = 'accept' | 'adjust' | 'confirm_not_applicable' | 'reject_not_applicable';

export interface AppraisalRecord {
  readonly kind: AppraisalDecisionKind;
  readonly value: ResolvedValue;
  readonly reason?: string;
  readonly decidedAt: Instant;
  readonly agency?: string;
}

export interface CouncilRecord {
  readonly value: ResolvedValue;
  readonly reason: string;
  readonly proposedAt: Instant;
  /** The council member who proposed (user id): they may not approve or reject it themselves. */
  readonly proposedBy?: string;
  readonly approved: boolean;
  readonly approvedAt?: Instant;
}

export interface CriterionRecord {
  readonly nodeKey: string;
  readonly status: CriterionStatus;
  readonly self: SelfAssessmentEntry;
  /** Requests in order; the last is the current one. */
  readonly requests: readonly ExplanationRequest[];
  readonly appraisal?: AppraisalRecord;
  readonly council?: CouncilRecord;
  /** The chair's last rejection of a proposal, kept for the record. */
  readonly rejectedProposal?: CouncilRecord & { readonly rejectionReason: string };
}

export function newCriterionRecord(nodeKey: string, self: SelfAssessmentEntry = {}): CriterionRecord {
  return { nodeKey, status: 'draft', self, requests: [] };
}

export type AppraisalDecision =
  /** The self-assessed value stands. */
  | { readonly kind: 'accept' }
  /** Another value; the reason is mandatory when its result differs from the self-score. */
  | { readonly kind: 'adjust'; readonly value: ScoreValue; readonly reason?: string }
  | { readonly kind: 'confirm_not_applicable' }
  /** The criterion applies after all: the value and a reason are mandatory. */
  | { readonly kind: 'reject_not_applicable'; readonly value: ScoreValue; readonly reason: string };

export type CriterionCommand =
  | { readonly type: 'save_self'; readonly entry: SelfAssessmentEntry }
  | { readonly type: 'request_explanation'; readonly kind: 'explanation' | 'evidence'; readonly message: string; readonly deadline: Instant }
  | { readonly type: 'answer'; readonly text: string; readonly evidence?: readonly EvidenceRef[] }
  | { readonly type: 'decide'; readonly decision: AppraisalDecision }
  | { readonly type: 'propose_final'; readonly value: ScoreValue; readonly reason: string }
  | { readonly type: 'approve_final' }
  | { readonly type: 'reject_proposal'; readonly reason: string };

export type CriterionCommandType = CriterionCommand['type'];

export const CRITERION_COMMANDS: readonly CriterionCommandType[] = [
  'save_self', 'request_explanation', 'answer', 'decide', 'propose_final', 'approve_final', 'reject_proposal',
];

export const CRITERION_COMMAND_LABELS: Readonly<Record<CriterionCommandType, string>> = LABELS.vi.criterionCommand;

export interface CriterionContext {
  readonly node: FrameworkNode;
  readonly rounding: RoundingSettings;
  readonly unitId: string;
  readonly unitState: UnitState;
  /** The agency appraising this leaf in this cycle (after any reassignment). */
  readonly agency: string | undefined;
  /**
   * The organisation unit acting as that agency. When it is the assessed unit itself, the agency
   * does not appraise its own criteria: the administrator (Sở Nội vụ) or the council does instead.
   */
  readonly agencyUnitId?: string;
  readonly actor: WorkflowActor;
  readonly calendar: CycleCalendar;
  readonly now: Instant;
  readonly revisionDeadline?: Instant;
}

type Scope = 'own_unit' | 'assigned_agency' | 'substitute' | 'council' | 'chair';
type Guard = TimeGuard | 'request_deadline' | 'request_deadline_passed';

interface CriterionRule {
  readonly command: CriterionCommandType;
  readonly roles: readonly WorkflowRole[];
  readonly from: readonly CriterionStatus[];
  readonly unitStates: readonly UnitState[];
  readonly scope: Scope;
  readonly when: Guard;
}

const APPRAISING: readonly UnitState[] = ['in_appraisal', 'explanation_requested', 'explained'];
const COUNCIL: readonly UnitState[] = ['appraised', 'council_reviewed'];

/** Who may do what to a criterion, in which criterion and unit states, when. */
export const CRITERION_RULES: readonly CriterionRule[] = [
  { command: 'save_self', roles: ['unit_officer', 'unit_head'], from: ['draft'], unitStates: ['draft', 'returned_for_revision'], scope: 'own_unit', when: 'self_assessment' },
  { command: 'request_explanation', roles: ['appraiser'], from: ['pending', 'explained', 'appraised'], unitStates: APPRAISING, scope: 'assigned_agency', when: 'request_explanation' },
  { command: 'answer', roles: ['unit_officer', 'unit_head'], from: ['explanation_requested'], unitStates: ['explanation_requested'], scope: 'own_unit', when: 'request_deadline' },
  { command: 'decide', roles: ['appraiser'], from: ['pending', 'explained', 'appraised'], unitStates: APPRAISING, scope: 'assigned_agency', when: 'appraisal' },
  // No answer by the request's deadline: the appraiser decides without it.
  { command: 'decide', roles: ['appraiser'], from: ['explanation_requested'], unitStates: APPRAISING, scope: 'assigned_agency', when: 'request_deadline_passed' },
  // A criterion of the agency's own unit: the administrator (Sở Nội vụ) or a council member appraises it instead.
  { command: 'request_explanation', roles: ['admin', 'council_member'], from: ['pending', 'explained', 'appraised'], unitStates: APPRAISING, scope: 'substitute', when: 'request_explanation' },
  { command: 'decide', roles: ['admin', 'council_member'], from: ['pending', 'explained', 'appraised'], unitStates: APPRAISING, scope: 'substitute', when: 'appraisal' },
  { command: 'decide', roles: ['admin', 'council_member'], from: ['explanation_requested'], unitStates: APPRAISING, scope: 'substitute', when: 'request_deadline_passed' },
  { command: 'propose_final', roles: ['council_member'], from: ['appraised', 'council_proposed'], unitStates: COUNCIL, scope: 'council', when: 'council' },
  { command: 'approve_final', roles: ['council_member'], from: ['council_proposed'], unitStates: COUNCIL, scope: 'chair', when: 'council' },
  { command: 'reject_proposal', roles: ['council_member'], from: ['council_proposed'], unitStates: COUNCIL, scope: 'chair', when: 'council' },
];

const STAGE: Partial<Record<RefusalCode, number>> = { role: 0, not_own_unit: 1, not_assigned: 1, not_chair: 1, own_proposal: 1, own_unit: 1, state: 2 };


function currentRequest(r: CriterionRecord): ExplanationRequest | undefined {
  return r.requests[r.requests.length - 1];
}

/** Whether the leaf's appraising agency is the assessed unit itself (it may not appraise it). */
export function isOwnAgencyUnit(ctx: Pick<CriterionContext, 'unitId' | 'agencyUnitId'>): boolean {
  return ctx.agencyUnitId !== undefined && ctx.agencyUnitId === ctx.unitId;
}

/** The agency a decision or request is recorded under: none when someone else acts in its place. */
function actingAgency(ctx: CriterionContext): { agency?: string } {
  return ctx.agency !== undefined && !isOwnAgencyUnit(ctx) ? { agency: ctx.agency } : {};
}

/** Whether the pending council proposal is the actor's own (nobody decides on their own proposal). */
export function isOwnProposal(actor: WorkflowActor, record: CriterionRecord): boolean {
  const by = record.council?.proposedBy;
  return by !== undefined && actor.userId !== undefined && by === actor.userId;
}

function checkRule(rule: CriterionRule, ctx: CriterionContext, record: CriterionRecord): Refusal | null {
  const a = ctx.actor;
  switch (rule.scope) {
    case 'own_unit':
      if (a.unitId !== ctx.unitId) return refuse('not_own_unit', 'workflow.notOwnUnit');
      break;
    case 'assigned_agency':
      if (a.agency === undefined || a.agency !== ctx.agency) {
        return refuse('not_assigned', 'criterion.notAssigned', { code: ctx.node.code });
      }
      if (isOwnAgencyUnit(ctx)) {
        return refuse('own_unit', 'criterion.agencyOwnUnit', { code: ctx.node.code });
      }
      break;
    case 'substitute':
      if (!isOwnAgencyUnit(ctx)) return refuse('not_assigned', 'criterion.assignedAgencyAppraises', { code: ctx.node.code });
      if (a.unitId === ctx.unitId) return refuse('own_unit', 'criterion.substituteOwnUnit', { code: ctx.node.code });
      break;
    case 'chair':
      if (a.chair !== true) return refuse('not_chair', 'criterion.notChair');
      if (isOwnProposal(a, record)) {
        return refuse('own_proposal', 'criterion.ownProposal', { code: ctx.node.code });
      }
      break;
    case 'council':
      break;
  }
  if (!rule.unitStates.includes(ctx.unitState)) {
    return refuse('state', 'criterion.unitState', { state: ctx.unitState });
  }
  if (!rule.from.includes(record.status)) {
    return refuse('state', 'criterion.status', { code: ctx.node.code, status: record.status });
  }
  const req = currentRequest(record);
  if (rule.when === 'request_deadline') {
    return req && ctx.now > req.deadline ? refuse('deadline_passed', 'workflow.explanationDeadlinePassed', { deadline: req.deadline }) : null;
  }
  if (rule.when === 'request_deadline_passed') {
    if (req && ctx.now <= req.deadline) {
      return refuse('not_yet_open', 'workflow.waitForExplanation', { deadline: req.deadline });
    }
    return checkTimeGuard('appraisal', timeCtx(ctx));
  }
  return checkTimeGuard(rule.when, timeCtx(ctx));
}

function timeCtx(ctx: CriterionContext) {
  return {
    calendar: ctx.calendar, now: ctx.now, unitId: ctx.unitId, state: ctx.unitState,
    ...(ctx.revisionDeadline !== undefined ? { revisionDeadline: ctx.revisionDeadline } : {}),
  };
}

function evaluate(ctx: CriterionContext, record: CriterionRecord, command: CriterionCommandType): Refusal | null {
  const rows = CRITERION_RULES.filter((r) => r.command === command && r.roles.some((role) => ctx.actor.roles.includes(role)));
  if (rows.length === 0) {
    const roles = [...new Set(CRITERION_RULES.filter((r) => r.command === command).flatMap((r) => r.roles))];
    return refuse('role', 'workflow.roleOnlyCriterionCommand', { roles, command });
  }
  let best: Refusal | undefined;
  for (const r of rows) {
    const refusal = checkRule(r, ctx, record);
    if (!refusal) return null;
    if (!best || (STAGE[refusal.code] ?? 3) > (STAGE[best.code] ?? 3)) best = refusal;
  }
  return best!;
}

/**
 * Whether the actor may use the command on this record now (who, unit and criterion state, when),
 * before any input is looked at: null when allowed, else the refusal `applyCriterionCommand` gives.
 */
export function criterionRefusal(ctx: CriterionContext, record: CriterionRecord, command: CriterionCommandType): Refusal | null {
  return evaluate(ctx, record, command);
}

export interface CriterionActionOption {
  readonly command: CriterionCommandType;
  readonly label: string;
  readonly allowed: boolean;
  readonly refusal?: Refusal;
}

/**
 * Every criterion command with whether the actor may use it now (for `may…` flags in the UI). With
 * the unit's workflow context (`unit`), a command that would start the unit's appraisal is judged as
 * `decideCriterionCommand` judges it before its input: on the unit in appraisal, and only if the
 * actor may start the appraisal.
 */
export function criterionActions(ctx: CriterionContext, record: CriterionRecord, unit?: UnitWorkflowContext): CriterionActionOption[] {
  return CRITERION_COMMANDS.map((command) => {
    const refusal = unit && startsAppraisal(ctx.unitState, command) ? startingRefusal(ctx, record, command, unit) : evaluate(ctx, record, command);
    return refusal
      ? { command, label: CRITERION_COMMAND_LABELS[command], allowed: false, refusal }
      : { command, label: CRITERION_COMMAND_LABELS[command], allowed: true };
  });
}

/** The unit's own value for the leaf, when its input is usable. */
export function selfValue(node: FrameworkNode, entry: SelfAssessmentEntry, rounding: RoundingSettings): ResolvedValue | undefined {
  if (!entry.input) return undefined;
  const r = resolveValue(node, { input: entry.input }, rounding);
  return r.ok ? r.value : undefined;
}

export type CriterionResult =
  | { readonly ok: true; readonly record: CriterionRecord }
  | { readonly ok: false; readonly refusal: Refusal; readonly field?: string };

function invalid(messageId: MessageId | ValueError, field?: string, code: RefusalCode = 'invalid_input', params: MessageParams = {}): CriterionResult {
  const refusal: Refusal = typeof messageId === 'string' ? refuse(code, messageId, params) : { ...messageId, code };
  return { ok: false, refusal, ...(field ? { field } : {}) };
}

function decide(ctx: CriterionContext, record: CriterionRecord, d: AppraisalDecision): CriterionResult {
  const node = ctx.node;
  const self = selfValue(node, record.self, ctx.rounding);
  const claimedNa = record.self.input?.kind === 'not_applicable';
  const base = { decidedAt: ctx.now, ...actingAgency(ctx) };
  let appraisal: AppraisalRecord;
  switch (d.kind) {
    case 'accept':
      if (claimedNa) return invalid('criterion.claimedNotApplicable', 'decision.kind', 'invalid_input', { code: node.code });
      if (!self) return invalid('criterion.noSelfValue', 'decision.kind', 'invalid_input', { code: node.code });
      appraisal = { kind: 'accept', value: self, ...base };
      break;
    case 'adjust': {
      if (claimedNa) return invalid('criterion.claimedNotApplicable', 'decision.kind', 'invalid_input', { code: node.code });
      const r = resolveValue(node, d.value, ctx.rounding);
      if (!r.ok) return invalid(r.error, 'decision.value');
      if (r.value.notApplicable && r.value.input?.kind === 'not_applicable') {
        return invalid('criterion.notClaimedNotApplicable', 'decision.value', 'invalid_input', { code: node.code });
      }
      const reason = d.reason?.trim() ?? '';
      if (!sameResult(r.value, self) && reason === '') {
        return invalid('criterion.adjustReasonRequired', 'decision.reason', 'reason_required', { code: node.code, appraised: valueParam(r.value), self: valueParam(self) });
      }
      appraisal = { kind: 'adjust', value: r.value, ...(reason !== '' ? { reason } : {}), ...base };
      break;
    }
    case 'confirm_not_applicable':
      if (!claimedNa || !self) return invalid('criterion.notClaimedNotApplicable', 'decision.kind', 'invalid_input', { code: node.code });
      appraisal = { kind: 'confirm_not_applicable', value: self, ...base };
      break;
    case 'reject_not_applicable': {
      if (!claimedNa) return invalid('criterion.notClaimedNotApplicable', 'decision.kind', 'invalid_input', { code: node.code });
      const reason = d.reason.trim();
      if (reason === '') return invalid('criterion.rejectNaReasonRequired', 'decision.reason', 'reason_required', { code: node.code });
      const r = resolveValue(node, d.value, ctx.rounding);
      if (!r.ok) return invalid(r.error, 'decision.value');
      if (r.value.notApplicable) return invalid('criterion.rejectNaPointsRequired', 'decision.value', 'invalid_input', { code: node.code });
      appraisal = { kind: 'reject_not_applicable', value: r.value, reason, ...base };
      break;
    }
  }
  return { ok: true, record: { ...record, status: 'appraised', appraisal } };
}

/**
 * Validate and apply a command to a criterion record. Pure: returns the new record or a
 * refusal with a Vietnamese message (and the offending field for forms).
 */
export function applyCriterionCommand(ctx: CriterionContext, record: CriterionRecord, cmd: CriterionCommand): CriterionResult {
  if (record.nodeKey !== ctx.node.key) return invalid('criterion.recordMismatch');
  const refusal = evaluate(ctx, record, cmd.type);
  if (refusal) return { ok: false, refusal };
  const node = ctx.node;
  switch (cmd.type) {
    case 'save_self':
      // Autosave keeps whatever was typed; problems are listed by checkSubmission.
      return { ok: true, record: { ...record, self: cmd.entry } };
    case 'request_explanation': {
      const message = cmd.message.trim();
      if (message === '') return invalid('criterion.requestMessageRequired', 'message');
      if (cmd.deadline <= ctx.now) return invalid('criterion.requestDeadlineInPast', 'deadline');
      if (cmd.deadline > ctx.calendar.explanation.closes) {
        return invalid('criterion.requestDeadlineAfterWindow', 'deadline', 'invalid_input', { closes: ctx.calendar.explanation.closes });
      }
      const req: ExplanationRequest = {
        kind: cmd.kind, message, deadline: cmd.deadline, requestedAt: ctx.now,
        ...actingAgency(ctx),
      };
      return { ok: true, record: { ...record, status: 'explanation_requested', requests: [...record.requests, req] } };
    }
    case 'answer': {
      const text = cmd.text.trim();
      const evidence = cmd.evidence ?? [];
      const req = currentRequest(record)!;
      if (text === '' && evidence.length === 0) return invalid('criterion.answerEmpty', 'text');
      if (req.kind === 'evidence' && evidence.length === 0) return invalid('criterion.answerNeedsEvidence', 'evidence');
      const answered: ExplanationRequest = { ...req, answer: { text, evidence, answeredAt: ctx.now } };
      return { ok: true, record: { ...record, status: 'explained', requests: [...record.requests.slice(0, -1), answered] } };
    }
    case 'decide':
      return decide(ctx, record, cmd.decision);
    case 'propose_final': {
      const reason = cmd.reason.trim();
      if (reason === '') return invalid('criterion.proposalReasonRequired', 'reason', 'reason_required', { code: node.code });
      const r = resolveValue(node, cmd.value, ctx.rounding);
      if (!r.ok) return invalid(r.error, 'value');
      const council: CouncilRecord = {
        value: r.value, reason, proposedAt: ctx.now, approved: false,
        ...(ctx.actor.userId !== undefined ? { proposedBy: ctx.actor.userId } : {}),
      };
      return { ok: true, record: { ...record, status: 'council_proposed', council } };
    }
    case 'approve_final':
      return { ok: true, record: { ...record, status: 'council_approved', council: { ...record.council!, approved: true, approvedAt: ctx.now } } };
    case 'reject_proposal': {
      const reason = cmd.reason.trim();
      if (reason === '') return invalid('criterion.rejectionReasonRequired', 'reason', 'reason_required');
      const { council, ...rest } = record;
      return { ok: true, record: { ...rest, status: 'appraised', rejectedProposal: { ...council!, rejectionReason: reason } } };
    }
  }
}

/** Whether the command, on a unit in this state, first starts the unit's appraisal (the first decision or request does). */
export function startsAppraisal(unitState: UnitState, command: CriterionCommandType): boolean {
  return unitState === 'submitted' && (command === 'decide' || command === 'request_explanation');
}

/** The refusal of a command that starts the appraisal: the command's on the unit in appraisal, else the start's. */
function startingRefusal(ctx: CriterionContext, record: CriterionRecord, command: CriterionCommandType, unit: UnitWorkflowContext): Refusal | null {
  const refusal = evaluate({ ...ctx, unitState: 'in_appraisal' }, record, command);
  if (refusal) return refusal;
  const start = applyUnitAction(unit, 'start_appraisal');
  return start.ok ? null : start.refusal;
}

export type CriterionDecision =
  | { readonly ok: true; readonly record: CriterionRecord; readonly startAppraisal?: Extract<UnitTransitionResult, { ok: true }> }
  | { readonly ok: false; readonly refusal: Refusal; readonly field?: string; readonly unitAction?: 'start_appraisal' };

/**
 * A criterion command in its unit's workflow. When it starts the appraisal (`startsAppraisal`),
 * the command is checked as it will apply, on the unit in appraisal, then the actor must be allowed
 * `start_appraisal` on the unit (`unit`, required then; a refusal of it carries `unitAction`).
 */
export function decideCriterionCommand(ctx: CriterionContext, record: CriterionRecord, cmd: CriterionCommand, unit?: UnitWorkflowContext): CriterionDecision {
  if (!startsAppraisal(ctx.unitState, cmd.type)) return applyCriterionCommand(ctx, record, cmd);
  if (!unit) throw new Error('decideCriterionCommand: the unit workflow context is needed to start the appraisal');
  const result = applyCriterionCommand({ ...ctx, unitState: 'in_appraisal' }, record, cmd);
  if (!result.ok) return result;
  const start = applyUnitAction(unit, 'start_appraisal');
  if (!start.ok) return { ok: false, refusal: start.refusal, unitAction: 'start_appraisal' };
  return { ...result, startAppraisal: start };
}

/**
 * What a unit-level transition does to its criteria: submission sends drafts to appraisal;
 * withdrawal and return for revision bring them back to draft (appraisal decisions are
 * dropped — the unit will submit again; requests stay as history).
 */
export function cascadeUnitTransition(record: CriterionRecord, to: UnitState, cause?: UnitCascadeCause): CriterionRecord {
  switch (to) {
    case 'appraised':
      return cause?.notSubmitted ? appraisedAtZero(record, cause.notSubmitted) : record;
    case 'submitted':
      return record.status === 'draft' ? { ...record, status: 'pending' } : record;
    case 'draft':
    case 'returned_for_revision': {
      const { appraisal: _a, council: _c, ...rest } = record;
      return { ...rest, status: 'draft' };
    }
    default:
      return record;
  }
}

/** Why a unit moved, when what happens to its criteria depends on it. */
export interface UnitCascadeCause {
  /** Recorded as not submitted, appraised on nothing: every criterion is appraised at 0 points. */
  readonly notSubmitted?: { readonly reason: string; readonly at: Instant };
}

/** A criterion of a unit that did not submit, under the 'nothing' policy: 0 points, claims not honoured. */
function appraisedAtZero(record: CriterionRecord, n: { readonly reason: string; readonly at: Instant }): CriterionRecord {
  const { council: _c, ...rest } = record;
  const value: ResolvedValue = { notApplicable: false, points: ZERO_POINTS };
  return { ...rest, status: 'appraised', appraisal: { kind: 'adjust', value, reason: `Đơn vị không nộp kết quả tự đánh giá, tính 0 điểm: ${n.reason}`, decidedAt: n.at } };
}
