/**
 * Everything the core's workflow functions need about one cycle, loaded in a handful of queries:
 * the cycle row, its calendar (instants as epoch ms), submission policy, each group's published
 * framework (parsed once per version id and cached — published versions never change), the
 * appraising agencies and reassignments, the participants. Services build it once per request
 * (or per transaction) and hand pieces of it to @chiso/core.
 */
import {
  checkSubmission,
  leafAgencies,
  loadFramework,
  scoreWithApplicableLeaves,
  unitFacts,
  walkNodes,
  type CriterionRecord,
  type CycleCalendar,
  type Framework,
  type FrameworkNode,
  type Issue,
  type NonSubmittedScoring,
  type SelfEntries,
  type SubmissionPolicy,
  type UnitFacts,
  type UnitProfile,
  type UnitState,
  type UnitWorkflowContext,
  type WorkflowActor,
  type WorkflowRole,
} from '@chiso/core';
import { readTogether, type Executor } from '../../db/client';
import {
  findCycle,
  listCycleAgencies,
  listCycleGroups,
  listCycleUnits,
  listReassignments,
  loadVersionDocuments,
  type CycleRow,
  type CycleUnitRow,
  type CycleUnitView,
  type ReassignmentRow,
} from '../../db/repositories/cycle-repository';
import { scopeCovers, type Actor } from '../actor';
import { AppError, notFound } from '../errors';
import { sitsOnCouncilOf } from '../policies/council';

export interface CycleGroupContext {
  groupId: string;
  groupCode: string;
  groupName: string;
  frameworkVersionId: string;
  frameworkName: string;
  versionStatus: string;
  framework: Framework;
  /** The cycle's reassignments for this framework version: node key → agency code. */
  agencyOverrides: Record<string, string>;
  /** Effective appraising agency of every leaf (framework's, then the cycle's reassignment). */
  leafAgency: Map<string, string | undefined>;
  /** Every node by key. */
  nodes: Map<string, FrameworkNode>;
  /** The leaves, in document order. */
  leaves: FrameworkNode[];
}

export interface CycleContext {
  cycle: CycleRow;
  calendar: CycleCalendar;
  policy: SubmissionPolicy;
  /** By group id. */
  groups: Map<string, CycleGroupContext>;
  /** Agency code → the unit acting as it. */
  agencies: Map<string, { unitId: string; unitName: string; unitCode: string }>;
  reassignments: ReassignmentRow[];
  /** Participants by unit id. */
  units: Map<string, CycleUnitView>;
}

const frameworkCache = new Map<string, Framework>();

/** Parses a framework version's document to a core Framework (published versions cached by id). */
export function frameworkOf(versionId: string, document: unknown, cache: boolean): Framework {
  const cached = frameworkCache.get(versionId);
  if (cached) return cached;
  const loaded = loadFramework(document);
  if (!loaded.ok) {
    throw new AppError(
      'RULE_VIOLATION',
      'Bộ tiêu chí của kỳ đánh giá còn lỗi nên chưa dùng được; hãy sửa lỗi trong bộ tiêu chí.',
      loaded.errors.filter((e) => e.severity === 'error').map((e) => ({ path: e.path ?? e.nodeCode, message: e.message })),
    );
  }
  if (cache) frameworkCache.set(versionId, loaded.framework);
  return loaded.framework;
}

/** A published framework version as a core Framework, read from the database only when not cached. */
export async function loadFrameworkVersion(executor: Executor, versionId: string): Promise<Framework> {
  const cached = frameworkCache.get(versionId);
  if (cached) return cached;
  const documents = await loadVersionDocuments(executor, [versionId]);
  if (!documents.has(versionId)) throw notFound('phiên bản bộ tiêu chí');
  return frameworkOf(versionId, documents.get(versionId), true);
}

/** The core calendar of a cycle row, with the participants' extensions. */
export function calendarOf(cycle: CycleRow, units: Iterable<Pick<CycleUnitView, 'unitId' | 'extensionUntil' | 'extensionReason'>> = []): CycleCalendar {
  const extensions = [...units]
    .filter((u) => u.extensionUntil !== null)
    .map((u) => ({ unitId: u.unitId, until: u.extensionUntil!.getTime(), reason: u.extensionReason ?? '' }));
  return {
    ...(cycle.selfAssessmentOpens ? { selfAssessmentOpens: cycle.selfAssessmentOpens.getTime() } : {}),
    selfAssessmentDeadline: cycle.selfAssessmentDeadline.getTime(),
    ...(extensions.length > 0 ? { extensions } : {}),
    appraisal: { opens: cycle.appraisalFrom.getTime(), closes: cycle.appraisalTo.getTime() },
    explanation: { opens: cycle.explanationFrom.getTime(), closes: cycle.explanationTo.getTime() },
    councilDate: cycle.councilDate.getTime(),
    publicationDate: cycle.publicationDate.getTime(),
  };
}

export function policyOf(cycle: CycleRow): SubmissionPolicy {
  return {
    evidenceRequiredForPoints: cycle.evidenceRequiredForPoints,
    explanationRequiredWithoutEvidence: cycle.explanationRequiredWithoutEvidence,
    evidenceScope: 'all',
  };
}

/**
 * Loads the cycle's context; 404 when there is no such cycle. With `unitIds`, only these
 * participants are read (a command on one unit's records needs no other; a province has thousands).
 */
export async function loadCycleContext(executor: Executor, cycleId: string, options: { lockCycle?: boolean; unitIds?: readonly string[] } = {}): Promise<CycleContext> {
  const cycle = await findCycle(executor, cycleId, options.lockCycle);
  if (!cycle) throw notFound('kỳ đánh giá');
  const [groupRows, agencyRows, reassignments, unitRows] = await readTogether(executor, [
    () => listCycleGroups(executor, [cycleId]),
    () => listCycleAgencies(executor, [cycleId]),
    () => listReassignments(executor, [cycleId]),
    () => listCycleUnits(executor, [cycleId], options.unitIds),
  ] as const);
  const missing = groupRows.filter((g) => !frameworkCache.has(g.frameworkVersionId)).map((g) => g.frameworkVersionId);
  const documents = await loadVersionDocuments(executor, missing);
  const groups = new Map<string, CycleGroupContext>();
  for (const g of groupRows) {
    const framework = frameworkOf(g.frameworkVersionId, documents.get(g.frameworkVersionId), g.versionStatus === 'published');
    const agencyOverrides: Record<string, string> = {};
    for (const r of reassignments) if (r.frameworkVersionId === g.frameworkVersionId) agencyOverrides[r.nodeKey] = r.agencyCode;
    const nodes = new Map<string, FrameworkNode>();
    const leaves: FrameworkNode[] = [];
    for (const { node } of walkNodes(framework.nodes)) {
      nodes.set(node.key, node);
      if (node.children.length === 0) leaves.push(node);
    }
    groups.set(g.groupId, {
      groupId: g.groupId,
      groupCode: g.groupCode,
      groupName: g.groupName,
      frameworkVersionId: g.frameworkVersionId,
      frameworkName: g.frameworkName,
      versionStatus: g.versionStatus,
      framework,
      agencyOverrides,
      leafAgency: leafAgencies(framework, agencyOverrides),
      nodes,
      leaves,
    });
  }
  const units = new Map(unitRows.map((u) => [u.unitId, u]));
  return {
    cycle,
    calendar: calendarOf(cycle, unitRows),
    policy: policyOf(cycle),
    groups,
    agencies: new Map(agencyRows.map((a) => [a.agencyCode, { unitId: a.unitId, unitName: a.unitName, unitCode: a.unitCode }])),
    reassignments,
    units,
  };
}

/** The context after a participant's row changed in this transaction (its state, dates…): no reload. */
export function withParticipantRow(ctx: CycleContext, row: CycleUnitRow): CycleContext {
  const unit = ctx.units.get(row.unitId);
  if (!unit) return ctx;
  return { ...ctx, units: new Map(ctx.units).set(row.unitId, { ...unit, ...row }) };
}

/** The participant and its group's framework; 404 when the unit does not take part. */
export function participant(ctx: CycleContext, unitId: string): { unit: CycleUnitView; group: CycleGroupContext } {
  const unit = ctx.units.get(unitId);
  const group = unit ? ctx.groups.get(unit.groupId) : undefined;
  if (!unit || !group) throw notFound('đơn vị trong kỳ đánh giá');
  return { unit, group };
}

/** What the scorer knows of a unit: its group code in the cycle's set and its type. */
export function profileOf(ctx: CycleContext, unitId: string): UnitProfile {
  const unit = ctx.units.get(unitId);
  const group = unit ? ctx.groups.get(unit.groupId) : undefined;
  return { ...(group ? { group: group.groupCode } : {}), ...(unit ? { type: unit.typeCode } : {}) };
}

/** Agency codes the unit `unitId` acts as in this cycle. */
export function agenciesOfUnit(ctx: CycleContext, unitId: string): string[] {
  return [...ctx.agencies].filter(([, a]) => a.unitId === unitId).map(([code]) => code).sort();
}

const applicableCache = new WeakMap<Framework, Map<string, Set<string>>>();

/** Keys of the leaves that apply to the unit (by group and type; its own claims aside). */
export function applicableLeaves(ctx: CycleContext, unitId: string): Set<string> {
  const { group } = participant(ctx, unitId);
  const profile = profileOf(ctx, unitId);
  let byProfile = applicableCache.get(group.framework);
  if (!byProfile) {
    byProfile = new Map();
    applicableCache.set(group.framework, byProfile);
  }
  const key = `${profile.group ?? ''}|${profile.type ?? ''}`;
  let set = byProfile.get(key);
  if (!set) {
    const { applicableLeaves: applying } = scoreWithApplicableLeaves(group.framework, profile, {});
    set = new Set(group.leaves.filter((l) => applying.has(l.key)).map((l) => l.key));
    byProfile.set(key, set);
  }
  return set;
}

/** Agencies appraising at least one applicable criterion of the unit. */
export function appraisingAgenciesFor(ctx: CycleContext, unitId: string): string[] {
  const { group } = participant(ctx, unitId);
  const applicable = applicableLeaves(ctx, unitId);
  const out = new Set<string>();
  for (const key of applicable) {
    const agency = group.leafAgency.get(key);
    if (agency !== undefined) out.add(agency);
  }
  return [...out].sort();
}

/** The effective appraising agency of one leaf for a unit. */
export function leafAgencyFor(ctx: CycleContext, unitId: string, nodeKey: string): string | undefined {
  return participant(ctx, unitId).group.leafAgency.get(nodeKey);
}

const WORKFLOW_ROLES: readonly WorkflowRole[] = ['unit_officer', 'unit_head', 'appraiser', 'council_member', 'admin', 'leader_viewer'];

/**
 * Organisation-wide roles (administrator, council member, leader) act in a cycle only when the
 * actor's scope covers the cycle's owner (issue 10): another department's administrator is, in
 * this cycle, nobody's administrator. A council member acts only on its own level's council (the
 * province's council not in a department's cycle, see `sitsOnCouncilOf`). Unit roles (officer,
 * head, appraiser) follow the actor's unit.
 */
const SCOPED_ROLES: readonly string[] = ['admin', 'council_member', 'leader_viewer'];
const roleAppliesIn = (actor: Actor, role: string, ownerUnitId: string | null) =>
  !SCOPED_ROLES.includes(role) || (role === 'council_member' ? sitsOnCouncilOf(actor.scope, ownerUnitId) : scopeCovers(actor.scope, ownerUnitId));

/**
 * The core's view of the actor in this cycle: roles, own unit, the agency its unit acts as (an
 * appraiser's), and whether it chairs the council. When the actor's unit acts as several
 * agencies, `prefer` picks the one that matters (the leaf's agency, or the agencies appraising a
 * unit); otherwise the first by code.
 */
export function workflowActorFor(actor: Actor, ctx: CycleContext, prefer?: string | readonly string[]): WorkflowActor {
  const roles = actor.roles.filter((r): r is WorkflowRole => (WORKFLOW_ROLES as readonly string[]).includes(r) && roleAppliesIn(actor, r, ctx.cycle.ownerUnitId));
  const mine = actor.roles.includes('appraiser') && actor.unitId ? agenciesOfUnit(ctx, actor.unitId) : [];
  const wanted = prefer === undefined ? [] : typeof prefer === 'string' ? [prefer] : prefer;
  const agency = mine.find((a) => wanted.includes(a)) ?? mine[0];
  const chair = roles.includes('council_member') && ctx.cycle.councilChairUserId !== null && ctx.cycle.councilChairUserId === actor.userId;
  return {
    roles,
    ...(actor.userId ? { userId: actor.userId } : {}),
    ...(actor.unitId ? { unitId: actor.unitId } : {}),
    ...(agency !== undefined ? { agency } : {}),
    ...(chair ? { chair: true } : {}),
  };
}

/** Self-assessment entries of the records, as `checkSubmission` takes them. */
export function selfEntries(records: ReadonlyMap<string, CriterionRecord>): SelfEntries {
  const out: Record<string, CriterionRecord['self']> = {};
  for (const [k, r] of records) out[k] = r.self;
  return out;
}

// The last facts of each records map: a save's status reads them twice (its actions, its issues),
// and each reading scores the unit's whole framework.
const factsOfRecords = new WeakMap<ReadonlyMap<string, CriterionRecord>, { ctx: CycleContext; unitId: string; value: { facts: UnitFacts; issues: Issue[] } }>();

/** Submission issues and the core's unit facts for a unit's records. */
export function factsFor(ctx: CycleContext, unitId: string, records: ReadonlyMap<string, CriterionRecord>): { facts: UnitFacts; issues: Issue[] } {
  const known = factsOfRecords.get(records);
  if (known && known.ctx === ctx && known.unitId === unitId) return known.value;
  const { group } = participant(ctx, unitId);
  const issues = checkSubmission(group.framework, profileOf(ctx, unitId), selfEntries(records), ctx.policy);
  const value = { facts: unitFacts(records, issues), issues };
  factsOfRecords.set(records, { ctx, unitId, value });
  return value;
}

/** The core's `UnitWorkflowContext` for `allowedActions` / `applyUnitAction`. */
export function unitWorkflowContext(
  ctx: CycleContext,
  unitId: string,
  actor: Actor,
  now: Date,
  records: ReadonlyMap<string, CriterionRecord>,
  state?: { state: string; revisionDeadline: Date | null },
): UnitWorkflowContext & { issues: Issue[] } {
  const { unit } = participant(ctx, unitId);
  const s = state ?? unit;
  const agencies = appraisingAgenciesFor(ctx, unitId);
  const { facts, issues } = factsFor(ctx, unitId, records);
  return {
    unitId,
    state: s.state as UnitState,
    actor: workflowActorFor(actor, ctx, agencies),
    calendar: ctx.calendar,
    now: now.getTime(),
    appraisingAgencies: agencies,
    facts,
    ...(s.revisionDeadline ? { revisionDeadline: s.revisionDeadline.getTime() } : {}),
    nonSubmittedScoring: ctx.cycle.nonSubmittedScoring as NonSubmittedScoring,
    issues,
  };
}
