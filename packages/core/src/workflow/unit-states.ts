/**
 * States of one unit's assessment in a cycle and who may move them, when.
 *
 *   draft ──submit──▶ submitted ──start_appraisal──▶ in_appraisal ──complete_appraisal──▶ appraised
 *     ▲                 │withdraw        request_explanation│ ▲ submit_explanation           │
 *     └─────────────────┘                                   ▼ │                              ▼
 *                                 explanation_requested ◀──▶ explained        record_council_review
 *   returned_for_revision (editable like draft) ◀── return_for_revision             ▼
 *                                             council_reviewed ──approve (chair)──▶ approved ──publish──▶ published
 *
 * After a unit's deadline the administrator may, with a reason, submit on its behalf
 * (submit_on_behalf: draft → submitted) or record it as not submitted (mark_not_submitted:
 * → submitted, appraised on its entries; or → appraised, on nothing — the cycle's policy).
 *
 * The table `UNIT_TRANSITIONS` is the single source: `allowedActions` tells the UI what the
 * actor may do now (with a Vietnamese reason for everything refused) and `applyUnitAction`
 * is what the server enforces — the same function, so the two never disagree.
 */
import { type WorkflowActor, type WorkflowRole } from './actor.ts';
import type { MessageId } from '../messages/catalog.ts';
import { localized, type MessageParams } from '../messages/format.ts';
import { LABELS } from '../messages/labels.ts';
import {
  type CycleCalendar, type Instant, extensionFor, selfAssessmentDeadlineFor,
} from './calendar.ts';

export type UnitState =
  | 'draft'
  | 'submitted'
  | 'in_appraisal'
  | 'explanation_requested'
  | 'explained'
  | 'appraised'
  | 'council_reviewed'
  | 'approved'
  | 'published'
  | 'returned_for_revision';

export const UNIT_STATES: readonly UnitState[] = [
  'draft', 'submitted', 'in_appraisal', 'explanation_requested', 'explained', 'appraised',
  'council_reviewed', 'approved', 'published', 'returned_for_revision',
];

export const UNIT_STATE_LABELS: Readonly<Record<UnitState, string>> = LABELS.vi.unitState;

export type UnitAction =
  /** Save self-assessment entries (autosave). Does not change the state. */
  | 'edit'
  | 'submit'
  | 'withdraw'
  | 'start_appraisal'
  | 'request_explanation'
  | 'submit_explanation'
  | 'complete_appraisal'
  | 'return_for_revision'
  /** After the unit's deadline, the administrator records that the unit did not submit (không nộp). */
  | 'mark_not_submitted'
  /** After the unit's deadline, the administrator submits on the unit's behalf (nộp thay). */
  | 'submit_on_behalf'
  | 'record_council_review'
  | 'approve'
  | 'publish';

export const UNIT_ACTIONS: readonly UnitAction[] = [
  'edit', 'submit', 'withdraw', 'start_appraisal', 'request_explanation', 'submit_explanation',
  'complete_appraisal', 'return_for_revision', 'mark_not_submitted', 'submit_on_behalf', 'record_council_review', 'approve', 'publish',
];

export const UNIT_ACTION_LABELS: Readonly<Record<UnitAction, string>> = LABELS.vi.unitAction;

/** Whose unit the actor must stand in relation to. */
export type ActionScope =
  /** The actor belongs to the assessed unit (officer, head). */
  | 'own_unit'
  /** The actor's agency appraises at least one criterion of the unit. */
  | 'assigned_agency'
  /** The actor chairs the council. */
  | 'chair'
  /** Anyone with the role in the cycle (administrator, council member). */
  | 'cycle';

/** When, by the calendar, a row of the table applies. */
export type TimeGuard =
  /** From the opening (if any) to the unit's deadline (with extension, or revision deadline). */
  | 'self_assessment'
  /** Inside the appraisal window. */
  | 'appraisal'
  /** Inside the appraisal window and before the explanation window closes. */
  | 'request_explanation'
  /** Until the explanation window closes. */
  | 'explanation'
  /** After the explanation window closed, still inside the appraisal window. */
  | 'after_explanation'
  /** Any time before the council date. */
  | 'before_council'
  /** After the unit's own deadline (extension or revision deadline counted), before the council date. */
  | 'after_self_assessment'
  /** From the council date. */
  | 'council'
  /** From the publication date. */
  | 'publication';

/** Facts about the unit's criteria that some transitions need (see `unitFacts`). */
export interface UnitFacts {
  /** Errors found by `checkSubmission` (blocking problems). */
  readonly submissionErrors: number;
  /** Applicable criteria still waiting for an appraisal decision. */
  readonly pendingDecisions: number;
  /** Requests for explanation not answered yet. */
  readonly unansweredRequests: number;
  /** Council proposals not yet approved or rejected by the chair. */
  readonly pendingProposals: number;
}

export const NO_FACTS: UnitFacts = { submissionErrors: 0, pendingDecisions: 0, unansweredRequests: 0, pendingProposals: 0 };

/**
 * How a unit recorded as not submitted (không nộp) is appraised — a cycle setting:
 * 'entries': on what it entered (its drafts go to appraisal as if submitted);
 * 'nothing': on nothing (every criterion it assesses itself counts 0 points, not-applicable
 * claims are not honoured; it is still ranked and classified).
 */
export type NonSubmittedScoring = 'entries' | 'nothing';

export const NON_SUBMITTED_SCORINGS: readonly NonSubmittedScoring[] = ['entries', 'nothing'];

/** The default: the unit's own entries are appraised (appraisers still verify each of them). */
export const DEFAULT_NON_SUBMITTED_SCORING: NonSubmittedScoring = 'entries';

export type Precondition = 'no_submission_errors' | 'no_pending_decisions' | 'no_unanswered_requests' | 'no_pending_proposals';

export interface TransitionRule {
  readonly action: UnitAction;
  readonly role: WorkflowRole;
  readonly from: readonly UnitState[];
  /** Next state; `null` = the state does not change (edit). */
  readonly to: UnitState | null;
  readonly scope: ActionScope;
  readonly when: TimeGuard;
  readonly needs?: readonly Precondition[];
  readonly reasonRequired?: boolean;
  /** The row applies only under this cycle policy for non-submitted units. */
  readonly policy?: NonSubmittedScoring;
}

const EDITABLE: readonly UnitState[] = ['draft', 'returned_for_revision'];

/** The transition table: one row per (action, role). */
export const UNIT_TRANSITIONS: readonly TransitionRule[] = [
  { action: 'edit', role: 'unit_officer', from: EDITABLE, to: null, scope: 'own_unit', when: 'self_assessment' },
  { action: 'edit', role: 'unit_head', from: EDITABLE, to: null, scope: 'own_unit', when: 'self_assessment' },
  {
    action: 'submit', role: 'unit_head', from: EDITABLE, to: 'submitted', scope: 'own_unit', when: 'self_assessment',
    needs: ['no_submission_errors'],
  },
  { action: 'withdraw', role: 'unit_head', from: ['submitted'], to: 'draft', scope: 'own_unit', when: 'self_assessment' },
  { action: 'start_appraisal', role: 'appraiser', from: ['submitted'], to: 'in_appraisal', scope: 'assigned_agency', when: 'appraisal' },
  { action: 'start_appraisal', role: 'admin', from: ['submitted'], to: 'in_appraisal', scope: 'cycle', when: 'appraisal' },
  {
    action: 'request_explanation', role: 'appraiser', from: ['in_appraisal', 'explained', 'explanation_requested'],
    to: 'explanation_requested', scope: 'assigned_agency', when: 'request_explanation',
  },
  {
    action: 'submit_explanation', role: 'unit_head', from: ['explanation_requested'], to: 'explained', scope: 'own_unit',
    when: 'explanation', needs: ['no_unanswered_requests'],
  },
  {
    action: 'complete_appraisal', role: 'appraiser', from: ['in_appraisal', 'explained'], to: 'appraised',
    scope: 'assigned_agency', when: 'appraisal', needs: ['no_pending_decisions'],
  },
  {
    // The unit let the explanation window pass: the appraisers decide without its answer.
    action: 'complete_appraisal', role: 'appraiser', from: ['explanation_requested'], to: 'appraised',
    scope: 'assigned_agency', when: 'after_explanation', needs: ['no_pending_decisions'],
  },
  {
    action: 'complete_appraisal', role: 'admin', from: ['in_appraisal', 'explained', 'explanation_requested'], to: 'appraised',
    scope: 'cycle', when: 'before_council', needs: ['no_pending_decisions'],
  },
  {
    action: 'return_for_revision', role: 'appraiser', from: ['submitted', 'in_appraisal', 'explanation_requested', 'explained'],
    to: 'returned_for_revision', scope: 'assigned_agency', when: 'appraisal', reasonRequired: true,
  },
  {
    action: 'return_for_revision', role: 'admin', from: ['submitted', 'in_appraisal', 'explanation_requested', 'explained', 'appraised'],
    to: 'returned_for_revision', scope: 'cycle', when: 'before_council', reasonRequired: true,
  },
  {
    // Không nộp, appraised on its entries: the drafts go to appraisal as if submitted.
    action: 'mark_not_submitted', role: 'admin', from: EDITABLE, to: 'submitted', scope: 'cycle', when: 'after_self_assessment',
    reasonRequired: true, policy: 'entries',
  },
  {
    // Không nộp, appraised on nothing: every criterion counts 0 points, nothing left to appraise.
    action: 'mark_not_submitted', role: 'admin', from: EDITABLE, to: 'appraised', scope: 'cycle', when: 'after_self_assessment',
    reasonRequired: true, policy: 'nothing',
  },
  {
    // Nộp thay: like the head's submission (same checks), recorded as done by the administrator.
    action: 'submit_on_behalf', role: 'admin', from: EDITABLE, to: 'submitted', scope: 'cycle', when: 'after_self_assessment',
    needs: ['no_submission_errors'], reasonRequired: true,
  },
  { action: 'record_council_review', role: 'council_member', from: ['appraised'], to: 'council_reviewed', scope: 'cycle', when: 'council' },
  { action: 'record_council_review', role: 'admin', from: ['appraised'], to: 'council_reviewed', scope: 'cycle', when: 'council' },
  {
    action: 'approve', role: 'council_member', from: ['council_reviewed'], to: 'approved', scope: 'chair', when: 'council',
    needs: ['no_pending_proposals'],
  },
  { action: 'publish', role: 'admin', from: ['approved'], to: 'published', scope: 'cycle', when: 'publication' },
];

export interface UnitWorkflowContext {
  readonly unitId: string;
  readonly state: UnitState;
  readonly actor: WorkflowActor;
  readonly calendar: CycleCalendar;
  /** The current instant, supplied by the caller. */
  readonly now: Instant;
  /** Agencies that appraise at least one applicable criterion of this unit. */
  readonly appraisingAgencies: readonly string[];
  readonly facts: UnitFacts;
  /** Deadline given when the unit was returned for revision (applies in that state). */
  readonly revisionDeadline?: Instant;
  /** The cycle's policy for units recorded as not submitted (default 'entries'). */
  readonly nonSubmittedScoring?: NonSubmittedScoring;
}

export type RefusalCode =
  | 'role'
  | 'not_own_unit'
  | 'not_assigned'
  | 'not_chair'
  | 'own_proposal'
  /** An appraising agency on a criterion of its own unit (separation of duties). */
  | 'own_unit'
  | 'state'
  | 'not_yet_open'
  | 'deadline_passed'
  | 'window_closed'
  | 'submission_errors'
  | 'pending_decisions'
  | 'unanswered_requests'
  | 'pending_proposals'
  | 'reason_required'
  | 'invalid_input';

export interface Refusal {
  readonly code: RefusalCode;
  /** Vietnamese, saying what to do next where possible (formatted from the catalog when `messageId` is set). */
  readonly message: string;
  /** The catalog message (`formatMessage`), for other languages. */
  readonly messageId?: MessageId;
  readonly params?: MessageParams;
}

export interface ActionOption {
  readonly action: UnitAction;
  readonly label: string;
  readonly allowed: boolean;
  /** The state after the action, when allowed (`null`: unchanged). */
  readonly to?: UnitState | null;
  readonly reasonRequired: boolean;
  readonly refusal?: Refusal;
}

/** How far a check got; a refusal from a row that got further explains better. */
const STAGE: Record<RefusalCode, number> = {
  role: 0, not_own_unit: 1, not_assigned: 1, not_chair: 1, own_proposal: 1, own_unit: 1, state: 2, not_yet_open: 3, deadline_passed: 3,
  window_closed: 3, submission_errors: 4, pending_decisions: 4, unanswered_requests: 4, pending_proposals: 4,
  reason_required: 5, invalid_input: 5,
};

/** A refusal with its catalog message (the Vietnamese text formatted from it). */
export function refuse(code: RefusalCode, messageId: MessageId, params: MessageParams = {}): Refusal {
  return { code, ...localized(messageId, params) };
}

function checkScope(rule: TransitionRule, ctx: UnitWorkflowContext): Refusal | null {
  const a = ctx.actor;
  switch (rule.scope) {
    case 'own_unit':
      return a.unitId === ctx.unitId ? null : refuse('not_own_unit', 'workflow.notOwnUnit');
    case 'assigned_agency':
      return a.agency !== undefined && ctx.appraisingAgencies.includes(a.agency)
        ? null
        : refuse('not_assigned', 'workflow.unitNotAssigned');
    case 'chair':
      return a.chair === true ? null : refuse('not_chair', 'workflow.notChairApprove');
    case 'cycle':
      return null;
  }
}

/** The deadline by which the unit may still edit and submit. */
export function unitEditDeadline(ctx: Pick<UnitWorkflowContext, 'calendar' | 'unitId' | 'state' | 'revisionDeadline'>): Instant {
  const d = selfAssessmentDeadlineFor(ctx.calendar, ctx.unitId);
  return ctx.state === 'returned_for_revision' && ctx.revisionDeadline !== undefined && ctx.revisionDeadline > d
    ? ctx.revisionDeadline : d;
}

/** What a time guard needs to know. */
export type TimeContext = Pick<UnitWorkflowContext, 'calendar' | 'now' | 'unitId' | 'state' | 'revisionDeadline'>;

/** Whether the calendar allows a guard now: null, or the Vietnamese refusal. */
export function checkTimeGuard(guard: TimeGuard, ctx: TimeContext): Refusal | null {
  return checkTime(guard, ctx);
}

function checkTime(guard: TimeGuard, ctx: TimeContext): Refusal | null {
  const c = ctx.calendar;
  const now = ctx.now;
  switch (guard) {
    case 'self_assessment': {
      if (c.selfAssessmentOpens !== undefined && now < c.selfAssessmentOpens) {
        return refuse('not_yet_open', 'workflow.selfAssessmentNotOpen', { opens: c.selfAssessmentOpens });
      }
      const deadline = unitEditDeadline(ctx);
      if (now > deadline) {
        const id = ctx.state === 'returned_for_revision' && ctx.revisionDeadline !== undefined ? 'workflow.revisionDeadlinePassed'
          : extensionFor(c, ctx.unitId) ? 'workflow.extendedDeadlinePassed' : 'workflow.selfAssessmentDeadlinePassed';
        return refuse('deadline_passed', id, { deadline });
      }
      return null;
    }
    case 'after_self_assessment': {
      const deadline = unitEditDeadline(ctx);
      if (now <= deadline) {
        return refuse('not_yet_open', 'workflow.afterSelfAssessmentOnly', { deadline });
      }
      return checkCycleTimeGuard('before_council', c, now);
    }
    default:
      return checkCycleTimeGuard(guard, c, now);
  }
}

/** The time guards that depend on the cycle's calendar alone (not on a unit's deadline or state). */
export type CycleTimeGuard = Exclude<TimeGuard, 'self_assessment' | 'after_self_assessment'>;

/** Whether the calendar allows a cycle-wide guard now (publishing a group…): null, or the Vietnamese refusal. */
export function checkCycleTimeGuard(guard: CycleTimeGuard, c: CycleCalendar, now: Instant): Refusal | null {
  switch (guard) {
    case 'appraisal':
      if (now < c.appraisal.opens) return refuse('not_yet_open', 'workflow.appraisalNotOpen', { opens: c.appraisal.opens });
      if (now > c.appraisal.closes) return refuse('window_closed', 'workflow.appraisalClosed', { closes: c.appraisal.closes });
      return null;
    case 'request_explanation': {
      const r = checkCycleTimeGuard('appraisal', c, now);
      if (r) return r;
      if (now > c.explanation.closes) {
        return refuse('window_closed', 'workflow.explanationWindowClosed', { closes: c.explanation.closes });
      }
      return null;
    }
    case 'explanation':
      return now > c.explanation.closes
        ? refuse('deadline_passed', 'workflow.explanationDeadlinePassed', { deadline: c.explanation.closes })
        : null;
    case 'after_explanation':
      if (now <= c.explanation.closes) {
        return refuse('not_yet_open', 'workflow.waitForExplanation', { deadline: c.explanation.closes });
      }
      if (now > c.appraisal.closes) return refuse('window_closed', 'workflow.appraisalClosed', { closes: c.appraisal.closes });
      return null;
    case 'before_council':
      return now >= c.councilDate
        ? refuse('window_closed', 'workflow.councilHasMet', { date: c.councilDate })
        : null;
    case 'council':
      return now < c.councilDate ? refuse('not_yet_open', 'workflow.councilNotYet', { date: c.councilDate }) : null;
    case 'publication':
      return now < c.publicationDate ? refuse('not_yet_open', 'workflow.publicationNotYet', { date: c.publicationDate }) : null;
  }
}

function checkNeeds(needs: readonly Precondition[], f: UnitFacts): Refusal | null {
  for (const n of needs) {
    switch (n) {
      case 'no_submission_errors':
        if (f.submissionErrors > 0) {
          return refuse('submission_errors', 'workflow.submissionErrors', { count: f.submissionErrors });
        }
        break;
      case 'no_pending_decisions':
        if (f.pendingDecisions > 0) return refuse('pending_decisions', 'workflow.pendingDecisions', { count: f.pendingDecisions });
        break;
      case 'no_unanswered_requests':
        if (f.unansweredRequests > 0) return refuse('unanswered_requests', 'workflow.unansweredRequests', { count: f.unansweredRequests });
        break;
      case 'no_pending_proposals':
        if (f.pendingProposals > 0) return refuse('pending_proposals', 'workflow.pendingProposals', { count: f.pendingProposals });
        break;
    }
  }
  return null;
}

function stateRefusal(action: UnitAction, state: UnitState): Refusal {
  return refuse('state', 'workflow.unitActionState', { action, state });
}

/** Evaluate one row for the context: null when it allows the action. */
function checkRule(rule: TransitionRule, ctx: UnitWorkflowContext): Refusal | null {
  return checkScope(rule, ctx)
    ?? (rule.from.includes(ctx.state) ? null : stateRefusal(rule.action, ctx.state))
    ?? checkTime(rule.when, ctx)
    ?? checkNeeds(rule.needs ?? [], ctx.facts);
}

/** Rows of the table for an action. */
export function transitionsFor(action: UnitAction): readonly TransitionRule[] {
  return UNIT_TRANSITIONS.filter((r) => r.action === action);
}

/** Roles that may ever take an action (in some state, at some time). */
export function rolesFor(action: UnitAction): readonly WorkflowRole[] {
  return [...new Set(transitionsFor(action).map((r) => r.role))];
}

interface Evaluation {
  readonly rule?: TransitionRule;
  readonly refusal?: Refusal;
}

function evaluate(ctx: UnitWorkflowContext, action: UnitAction): Evaluation {
  const policy = ctx.nonSubmittedScoring ?? DEFAULT_NON_SUBMITTED_SCORING;
  const rows = transitionsFor(action).filter((r) => ctx.actor.roles.includes(r.role) && (r.policy === undefined || r.policy === policy));
  if (rows.length === 0) {
    return { refusal: refuse('role', 'workflow.roleOnlyUnitAction', { roles: rolesFor(action), action }) };
  }
  let best: Refusal | undefined;
  for (const r of rows) {
    const refusal = checkRule(r, ctx);
    if (!refusal) return { rule: r };
    if (!best || STAGE[refusal.code] > STAGE[best.code]) best = refusal;
  }
  return { refusal: best! };
}

/**
 * Every unit-level action with whether the actor may take it now, the next state, and
 * a Vietnamese reason when not. The server sends this to the UI.
 */
export function allowedActions(ctx: UnitWorkflowContext): ActionOption[] {
  return UNIT_ACTIONS.map((action) => {
    const e = evaluate(ctx, action);
    const reasonRequired = transitionsFor(action).some((r) => r.reasonRequired === true);
    return e.rule
      ? { action, label: UNIT_ACTION_LABELS[action], allowed: true, to: e.rule.to, reasonRequired }
      : { action, label: UNIT_ACTION_LABELS[action], allowed: false, reasonRequired, refusal: e.refusal! };
  });
}

/** Only the actions the actor may take now. */
export function permittedActions(ctx: UnitWorkflowContext): UnitAction[] {
  return allowedActions(ctx).filter((o) => o.allowed).map((o) => o.action);
}

/** Why the action is refused now (Vietnamese), or null when it is allowed. */
export function explainRefusal(ctx: UnitWorkflowContext, action: UnitAction): string | null {
  return evaluate(ctx, action).refusal?.message ?? null;
}

export interface UnitActionInput {
  /** Mandatory for return_for_revision, mark_not_submitted, submit_on_behalf. */
  readonly reason?: string;
  /** return_for_revision: until when the unit may revise and resubmit. */
  readonly revisionDeadline?: Instant;
}

export type UnitTransitionResult =
  | {
    readonly ok: true;
    readonly action: UnitAction;
    readonly from: UnitState;
    readonly to: UnitState;
    readonly reason?: string;
    readonly revisionDeadline?: Instant;
  }
  | { readonly ok: false; readonly action: UnitAction; readonly refusal: Refusal };

/**
 * A unit returned for revision without a deadline of its own keeps its self-assessment deadline
 * while that is still ahead. Once it has passed, the unit would be stuck (unable to edit or
 * resubmit), so it may revise until the first of these still ahead: the end of the explanation
 * window, the end of the appraisal window, the council date.
 */
export function defaultRevisionDeadline(ctx: Pick<UnitWorkflowContext, 'calendar' | 'unitId' | 'now'>): Instant | undefined {
  const c = ctx.calendar;
  if (ctx.now <= selfAssessmentDeadlineFor(c, ctx.unitId)) return undefined;
  return [c.explanation.closes, c.appraisal.closes, c.councilDate].find((t) => t > ctx.now);
}

/**
 * The state a unit moves to by itself after a criterion command changed its facts, or null when
 * it stays: an open request while appraising or explained → `explanation_requested`; no request
 * left unanswered while `explanation_requested` → `explained` (or `appraised` when nothing is left
 * to decide); everything decided while appraising or explained → `appraised`.
 */
export function automaticTransition(state: UnitState, facts: Pick<UnitFacts, 'pendingDecisions' | 'unansweredRequests'>): UnitState | null {
  let to: UnitState | null = null;
  if ((state === 'in_appraisal' || state === 'explained') && facts.unansweredRequests > 0) to = 'explanation_requested';
  else if (state === 'explanation_requested' && facts.unansweredRequests === 0) to = facts.pendingDecisions === 0 ? 'appraised' : 'explained';
  else if ((state === 'in_appraisal' || state === 'explained') && facts.pendingDecisions === 0) to = 'appraised';
  return to === state ? null : to;
}

/**
 * Enforce and perform a unit-level action: the server calls this inside the transaction
 * that stores the new state and writes the audit event.
 */
export function applyUnitAction(ctx: UnitWorkflowContext, action: UnitAction, input: UnitActionInput = {}): UnitTransitionResult {
  const e = evaluate(ctx, action);
  if (!e.rule) return { ok: false, action, refusal: e.refusal! };
  const reason = input.reason?.trim() ?? '';
  if (e.rule.reasonRequired && reason === '') {
    return { ok: false, action, refusal: refuse('reason_required', 'workflow.reasonRequired') };
  }
  if (action === 'return_for_revision' && input.revisionDeadline !== undefined && input.revisionDeadline <= ctx.now) {
    return { ok: false, action, refusal: refuse('invalid_input', 'workflow.revisionDeadlineInPast') };
  }
  const revisionDeadline = action === 'return_for_revision' ? input.revisionDeadline ?? defaultRevisionDeadline(ctx) : undefined;
  return {
    ok: true, action, from: ctx.state, to: e.rule.to ?? ctx.state,
    ...(reason !== '' ? { reason } : {}),
    ...(revisionDeadline !== undefined ? { revisionDeadline } : {}),
  };
}
