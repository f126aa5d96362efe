/**
 * Set-up of assessment cycles (kỳ đánh giá) by the administrator: the cycle and its calendar,
 * each group's published framework version, the appraising agencies, reassignments, participants,
 * extensions; opening (criterion records for every unit × applicable self-assessed leaf); progress.
 * Every change is audited in its transaction.
 */
import { checkCalendar, checkExtension, cycleProgress, cycleRefusal, cycleStatusAfter, isSelfAssessed, type CycleActivity, type CycleCalendar, type CycleStatus, type ProgressUnit } from '@chiso/core';
import { DEFAULT_NON_SUBMITTED_SCORING, type NonSubmittedScoring } from '@chiso/core';
import type { UnitState } from '@chiso/core';
import type { ActionOption as ActionOptionView, Cycle as CycleView, CycleSummary } from '@chiso/contract';
import { progressActions, unitNotes } from './unit-notes';
import type { Executor } from '../../db/client';
import { coreRecords, insertCriterionRecords, loadCriterionRecords } from '../../db/repositories/criterion-record-repository';
import {
  cycleCounts,
  findCycle,
  findCycleByName,
  findUserRoles,
  findVersionHeads,
  groupOfUnits,
  insertCycle,
  listCycleAgencies,
  listCycleGroups,
  listCycleRows,
  listCycleUnits,
  listGroupsOfSet,
  listProgramNames,
  replaceCycleAgencies,
  replaceCycleGroups,
  replaceCycleUnits,
  updateCycle as writeCycle,
  updateCycleUnit,
  upsertReassignment,
  type CycleRow,
} from '../../db/repositories/cycle-repository';
import { findGroupSet } from '../../db/repositories/group-set-repository';
import { lockCycleGroup } from '../../db/repositories/result-repository';
import { findProgram } from '../../db/repositories/framework-repository';
import { findUnitById } from '../../db/repositories/unit-repository';
import { isUniqueViolation } from '../units/errors';
import type { Actor } from '../actor';
import { administersCycle, assertAdministersCycle, assertMayReadProgress, assertSomeAdministrator, cycleAbilities, cycleClosing, cycleHiddenMessage, cycleScope, IMPORTED_CYCLE_READ_ONLY, mayReadProgress } from '../policies/cycle';
import { recordAudit } from '../audit';
import { AppError, forbidden, msg, notFound, refusalError, ruleViolation, staleVersion } from '../errors';
import { notify } from '../notifications/notification-service';
import { inTransaction, type RequestContext } from '../context';
import { usersOfUnits } from '../../db/repositories/cycle-repository';
import { agenciesOfUnit, applicableLeaves, calendarOf, loadCycleContext, participant, profileOf, type CycleContext } from './context';
import { assessmentLink } from './transitions';
import { assertAgencyReach, assertChairReach, assertFrameworkReach, assertGroupSetReach, assertParticipantReach, ownerLabel, ownerOfNewCycle, ownerReach, ownersOf } from './owner';

// ---------------------------------------------------------------- views

export type { CycleSummary, Cycle as CycleView } from '@chiso/contract';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** What a cycle's summary shows beyond its row: program names, owners, participant counts. */
interface SummaryFacts {
  programs: Map<string, string>;
  owner: (id: string | null) => CycleSummary['owner'];
  counts: Map<string, CycleSummary['counts']>;
}

async function summaryFacts(db: Executor, rows: readonly CycleRow[]): Promise<SummaryFacts> {
  return { programs: await listProgramNames(db), owner: await ownersOf(db, rows.map((r) => r.ownerUnitId)), counts: await cycleCounts(db, rows.map((r) => r.id)) };
}

function summaryOf(actor: Actor, row: CycleRow, { programs, owner, counts }: SummaryFacts): CycleSummary {
  return {
    id: row.id,
    owner: owner(row.ownerUnitId),
    program: { code: row.programCode, name: programs.get(row.programCode) ?? row.programCode },
    year: row.year,
    name: row.name,
    status: row.status as CycleSummary['status'],
    groupSetId: row.groupSetId,
    calendar: {
      selfAssessmentOpens: iso(row.selfAssessmentOpens),
      selfAssessmentDeadline: row.selfAssessmentDeadline.toISOString(),
      appraisalFrom: row.appraisalFrom.toISOString(),
      appraisalTo: row.appraisalTo.toISOString(),
      explanationFrom: row.explanationFrom.toISOString(),
      explanationTo: row.explanationTo.toISOString(),
      councilDate: row.councilDate.toISOString(),
      publicationDate: row.publicationDate.toISOString(),
    },
    policy: {
      evidenceRequiredForPoints: row.evidenceRequiredForPoints,
      explanationRequiredWithoutEvidence: row.explanationRequiredWithoutEvidence,
      nonSubmittedScoring: row.nonSubmittedScoring as NonSubmittedScoring,
    },
    councilChairUserId: row.councilChairUserId,
    origin: row.origin === 'imported' ? 'imported' : 'chiso',
    version: row.version,
    counts: mayReadProgress(actor, row) ? (counts.get(row.id) ?? { units: 0, submitted: 0, published: 0 }) : null,
    may: { ...cycleAbilities(actor, row), administer: administersCycle(actor, row) },
  };
}

/** `CycleSummary` of one cycle row (for B and C: `cycle` in their views). */
export async function cycleSummary(db: Executor, actor: Actor, row: CycleRow): Promise<CycleSummary> {
  return summaryOf(actor, row, await summaryFacts(db, [row]));
}

async function cycleView(db: Executor, actor: Actor, id: string): Promise<CycleView> {
  const ctx = await loadCycleContext(db, id);
  const agencyNames = new Map<string, string>();
  for (const g of ctx.groups.values()) for (const a of g.framework.agencies) if (!agencyNames.has(a.code)) agencyNames.set(a.code, a.name);
  const nodeCode = (versionId: string, key: string) => {
    for (const g of ctx.groups.values()) if (g.frameworkVersionId === versionId) return g.nodes.get(key)?.code ?? key;
    return key;
  };
  const summary = summaryOf(actor, ctx.cycle, await summaryFacts(db, [ctx.cycle]));
  const { closeRefusal, ...closing } = cycleClosing(actor, ctx.cycle, [...ctx.units.values()].map((u) => u.state as UnitState));
  return {
    ...summary,
    may: { ...summary.may, ...closing },
    closeRefusal,
    groups: [...ctx.groups.values()].map((g) => ({ groupId: g.groupId, groupName: g.groupName, frameworkVersionId: g.frameworkVersionId, frameworkName: g.frameworkName })),
    agencies: [...ctx.agencies].map(([code, a]) => ({ agencyCode: code, agencyName: agencyNames.get(code) ?? code, unitId: a.unitId, unitName: a.unitName })),
    reassignments: ctx.reassignments.map((r) => ({
      id: r.id,
      frameworkVersionId: r.frameworkVersionId,
      nodeKey: r.nodeKey,
      nodeCode: nodeCode(r.frameworkVersionId, r.nodeKey),
      agencyCode: r.agencyCode,
      reason: r.reason,
      createdAt: r.createdAt.toISOString(),
    })),
    units: [...ctx.units.values()].map((u) => ({
      unitId: u.unitId,
      code: u.code,
      name: u.name,
      groupId: u.groupId,
      state: u.state as UnitState,
      extensionUntil: iso(u.extensionUntil),
      extensionReason: u.extensionReason,
      submittedAt: iso(u.submittedAt),
      ...unitNotes(u),
    })),
  };
}

// ---------------------------------------------------------------- reading

/** The SQL filter of the cycles the actor may see (policies/cycle.ts `cycleScope`); undefined = all. */
const visibleTo = (actor: Actor) => {
  const scope = cycleScope(actor);
  return scope === 'all' ? undefined : scope;
};

/**
 * The cycles the actor sees: the province's readers every level's, an organising unit's readers
 * those their scope owns, and everyone those its unit takes part in or appraises. `owner`: only
 * the province's own cycles (`province`) or one organising unit's.
 */
export async function listCycles(db: Executor, actor: Actor, query: { owner?: string } = {}): Promise<CycleSummary[]> {
  const visible = visibleTo(actor);
  const owner = query.owner === undefined ? undefined : query.owner === 'province' ? null : query.owner;
  const rows = await listCycleRows(db, { ...(visible ? { visible } : {}), ...(owner !== undefined ? { owner } : {}) });
  const facts = await summaryFacts(db, rows);
  return rows.map((r) => summaryOf(actor, r, facts));
}

/** 404 for no such cycle, 403 for a cycle the actor does not see (another owner's, one its unit has no part in). */
export async function assertMayViewCycle(db: Executor, actor: Actor, id: string): Promise<void> {
  const visible = visibleTo(actor);
  if (visible && (await listCycleRows(db, { visible, ids: [id] })).length === 0) {
    if (!(await findCycle(db, id))) throw notFound('kỳ đánh giá');
    throw forbidden(cycleHiddenMessage(actor));
  }
}

export async function getCycle(db: Executor, actor: Actor, id: string): Promise<CycleView> {
  await assertMayViewCycle(db, actor, id);
  return cycleView(db, actor, id);
}

// ---------------------------------------------------------------- set-up

export interface CalendarInput {
  selfAssessmentOpens?: string | null;
  selfAssessmentDeadline: string;
  appraisalFrom: string;
  appraisalTo: string;
  explanationFrom: string;
  explanationTo: string;
  councilDate: string;
  publicationDate: string;
}

export interface PolicyInput {
  evidenceRequiredForPoints?: boolean;
  explanationRequiredWithoutEvidence?: boolean;
  /** How a unit recorded as not submitted is appraised; fixed once the cycle is open. */
  nonSubmittedScoring?: NonSubmittedScoring;
}

function calendarColumns(c: CalendarInput) {
  return {
    selfAssessmentOpens: c.selfAssessmentOpens ? new Date(c.selfAssessmentOpens) : null,
    selfAssessmentDeadline: new Date(c.selfAssessmentDeadline),
    appraisalFrom: new Date(c.appraisalFrom),
    appraisalTo: new Date(c.appraisalTo),
    explanationFrom: new Date(c.explanationFrom),
    explanationTo: new Date(c.explanationTo),
    councilDate: new Date(c.councilDate),
    publicationDate: new Date(c.publicationDate),
  };
}

function assertCalendar(calendar: CycleCalendar): void {
  const problems = checkCalendar(calendar);
  if (problems.length > 0) throw new AppError('VALIDATION_FAILED', problems[0]!, problems.map((message) => ({ path: 'calendar', message })));
}

function snapshot(row: CycleRow) {
  const { createdAt: _c, updatedAt: _u, ...rest } = row;
  return rest;
}

const auditCycle = (tx: Executor, actor: Actor, id: string, action: string, before: unknown, after: unknown, reason?: string | null) =>
  recordAudit(tx, actor, { entityType: 'cycle', entityId: id, action, before, after, reason: reason ?? null });

export interface CreateCycleInput {
  /** The organising unit (null: the province's); omitted: the actor's scope unit (see owner.ts). */
  ownerUnitId?: string | null;
  programCode: string;
  year: number;
  name: string;
  groupSetId: string;
  calendar: CalendarInput;
  policy?: PolicyInput;
}

/** The name of a cycle is unique per owner, program and year (`cycles_owner_program_year_name_key`). */
type CycleNameKey = { ownerUnitId: string | null; programCode: string; year: number; name: string };
const CYCLE_NAME_KEY = 'cycles_owner_program_year_name_key';

async function duplicateCycleName(db: Executor, key: CycleNameKey): Promise<AppError> {
  const owner = (await ownersOf(db, [key.ownerUnitId]))(key.ownerUnitId);
  return new AppError('DUPLICATE', msg('conflict.cycleName', { owner: ownerLabel(owner), name: key.name, year: key.year }), [{ path: 'name', ...msg('conflict.sameName') }]);
}

/** 409 when another cycle (not `selfId`) of the owner, program and year has the name. */
async function assertCycleNameFree(tx: Executor, key: CycleNameKey, selfId?: string): Promise<void> {
  const existing = await findCycleByName(tx, key);
  if (existing && existing.id !== selfId) throw await duplicateCycleName(tx, key);
}

/** Runs a write that may give a cycle a name; another writer's same name at the same moment (the unique key) is the same 409. */
async function withCycleName<T>(db: Executor, key: () => CycleNameKey | undefined, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    const clashing = key();
    if (clashing && !(error instanceof AppError) && isUniqueViolation(error, CYCLE_NAME_KEY)) throw await duplicateCycleName(db, clashing);
    throw error;
  }
}

export async function createCycle(context: RequestContext, input: CreateCycleInput): Promise<CycleView> {
  const { db, actor } = context;
  assertSomeAdministrator(actor);
  const columns = calendarColumns(input.calendar);
  const name = input.name.trim();
  let nameKey: CycleNameKey | undefined;
  const id = await withCycleName(db, () => nameKey, () => inTransaction(context, async ({ tx }) => {
    const ownerUnitId = await ownerOfNewCycle(tx, actor, input.ownerUnitId);
    if (!(await findProgram(tx, input.programCode))) throw new AppError('VALIDATION_FAILED', `Không có chương trình “${input.programCode}”.`, [{ path: 'programCode', message: 'Không có chương trình này' }]);
    const groupSet = await findGroupSet(tx, input.groupSetId);
    if (!groupSet) throw new AppError('VALIDATION_FAILED', 'Không có bộ nhóm xếp hạng này.', [{ path: 'groupSetId', message: 'Không có bộ nhóm này' }]);
    assertGroupSetReach(await ownerReach(tx, ownerUnitId), groupSet, 'groupSetId');
    const probe = { ...columns, id: '', extensionUntil: null } as unknown as CycleRow;
    assertCalendar(calendarOf(probe));
    nameKey = { ownerUnitId, programCode: input.programCode, year: input.year, name };
    await assertCycleNameFree(tx, nameKey);
    const row = await insertCycle(tx, {
      ownerUnitId,
      programCode: input.programCode,
      year: input.year,
      name,
      groupSetId: input.groupSetId,
      ...columns,
      evidenceRequiredForPoints: input.policy?.evidenceRequiredForPoints ?? true,
      explanationRequiredWithoutEvidence: input.policy?.explanationRequiredWithoutEvidence ?? true,
      nonSubmittedScoring: input.policy?.nonSubmittedScoring ?? DEFAULT_NON_SUBMITTED_SCORING,
      createdBy: actor.userId || null,
    });
    await auditCycle(tx, actor, row.id, 'create', null, snapshot(row));
    return row.id;
  }));
  return cycleView(db, actor, id);
}

/** Locks the cycle (its owner's administrators only) and checks the client's version. */
async function lockCycle(tx: Executor, actor: Actor, id: string, version: number | undefined): Promise<CycleRow> {
  assertSomeAdministrator(actor);
  const row = await findCycle(tx, id, true);
  if (!row) throw notFound('kỳ đánh giá');
  assertAdministersCycle(actor, row);
  if (version !== undefined && row.version !== version) throw staleVersion(await cycleView(tx, actor, id));
  return row;
}

/** Locks the cycle, checks the version and that its status allows the activity (configuring by default). */
async function lockForChange(
  tx: Executor,
  actor: Actor,
  id: string,
  version: number | undefined,
  activity: Exclude<CycleActivity, 'close'> = 'configure',
): Promise<CycleRow> {
  const row = await lockCycle(tx, actor, id, version);
  // Earlier years' results imported from a file: read-only (a correction is a re-import, services/results/import-published.ts).
  if (row.origin === 'imported') throw ruleViolation(IMPORTED_CYCLE_READ_ONLY);
  const refused = cycleRefusal(row.status as CycleStatus, activity);
  if (refused) throw refusalError(refused);
  return row;
}

async function bump(tx: Executor, row: CycleRow, patch: Parameters<typeof writeCycle>[3] = {}): Promise<CycleRow> {
  const updated = await writeCycle(tx, row.id, row.version, patch);
  if (!updated) throw staleVersion(null);
  return updated;
}

export interface UpdateCycleInput {
  version: number;
  name?: string;
  calendar?: CalendarInput;
  policy?: PolicyInput;
  councilChairUserId?: string | null;
}

export async function updateCycle(context: RequestContext, id: string, input: UpdateCycleInput): Promise<CycleView> {
  const { db, actor } = context;
  let nameKey: CycleNameKey | undefined;
  await withCycleName(db, () => nameKey, () => inTransaction(context, async ({ tx }) => {
    const row = await lockForChange(tx, actor, id, input.version);
    const patch: Parameters<typeof writeCycle>[3] = {};
    if (input.name !== undefined && input.name.trim() !== row.name) {
      patch.name = input.name.trim();
      nameKey = { ownerUnitId: row.ownerUnitId, programCode: row.programCode, year: row.year, name: patch.name };
      await assertCycleNameFree(tx, nameKey, row.id);
    }
    if (input.calendar) {
      Object.assign(patch, calendarColumns(input.calendar));
      const units = await listCycleUnits(tx, [id]);
      assertCalendar(calendarOf({ ...row, ...patch } as CycleRow, units));
    }
    if (input.policy?.evidenceRequiredForPoints !== undefined) patch.evidenceRequiredForPoints = input.policy.evidenceRequiredForPoints;
    if (input.policy?.explanationRequiredWithoutEvidence !== undefined) patch.explanationRequiredWithoutEvidence = input.policy.explanationRequiredWithoutEvidence;
    const scoring = input.policy?.nonSubmittedScoring;
    if (scoring !== undefined && scoring !== row.nonSubmittedScoring) {
      const refused = cycleRefusal(row.status as CycleStatus, 'set_non_submitted_scoring');
      if (refused) throw refusalError(refused);
      patch.nonSubmittedScoring = scoring;
    }
    if (input.councilChairUserId !== undefined) {
      if (input.councilChairUserId !== null) {
        const user = await findUserRoles(tx, input.councilChairUserId);
        if (!user || !user.active || !user.roles.includes('council_member')) {
          throw new AppError('VALIDATION_FAILED', 'Chủ tịch Hội đồng phải là thành viên Hội đồng thẩm định đang hoạt động.', [{ path: 'councilChairUserId', message: 'Không phải thành viên Hội đồng' }]);
        }
        await assertChairReach(tx, await ownerReach(tx, row.ownerUnitId), user, 'councilChairUserId');
      }
      patch.councilChairUserId = input.councilChairUserId;
    }
    const updated = await bump(tx, row, patch);
    await auditCycle(tx, actor, id, 'update', snapshot(row), snapshot(updated));
  }));
  return cycleView(db, actor, id);
}

export async function setCycleGroups(context: RequestContext, id: string, input: { version: number; groups: { groupId: string; frameworkVersionId: string }[] }): Promise<CycleView> {
  const { db, actor } = context;
  await inTransaction(context, async ({ tx }) => {
    const row = await lockForChange(tx, actor, id, input.version, 'configure_setup');
    const groups = new Map((await listGroupsOfSet(tx, row.groupSetId)).map((g) => [g.id, g]));
    const heads = new Map((await findVersionHeads(tx, input.groups.map((g) => g.frameworkVersionId))).map((v) => [v.id, v]));
    const reach = await ownerReach(tx, row.ownerUnitId);
    const seen = new Set<string>();
    input.groups.forEach((g, i) => {
      if (!groups.has(g.groupId)) throw new AppError('VALIDATION_FAILED', 'Nhóm không thuộc bộ nhóm xếp hạng của kỳ đánh giá.', [{ path: `groups.${i}.groupId`, message: 'Nhóm không thuộc bộ nhóm của kỳ' }]);
      if (seen.has(g.groupId)) throw new AppError('VALIDATION_FAILED', 'Mỗi nhóm chỉ được chọn một lần.', [{ path: `groups.${i}.groupId`, message: 'Trùng nhóm' }]);
      seen.add(g.groupId);
      const v = heads.get(g.frameworkVersionId);
      if (!v) throw new AppError('VALIDATION_FAILED', 'Không có phiên bản bộ tiêu chí này.', [{ path: `groups.${i}.frameworkVersionId`, message: 'Không có phiên bản này' }]);
      assertFrameworkReach(reach, v, `groups.${i}.frameworkVersionId`);
      if (v.status !== 'published') {
        throw ruleViolation('Chỉ dùng được phiên bản bộ tiêu chí đã ban hành (published).', [{ path: `groups.${i}.frameworkVersionId`, message: 'Phiên bản chưa ban hành' }]);
      }
      if (v.programCode !== row.programCode) {
        throw ruleViolation('Bộ tiêu chí thuộc chương trình khác với kỳ đánh giá.', [{ path: `groups.${i}.frameworkVersionId`, message: 'Khác chương trình' }]);
      }
    });
    const before = await listCycleGroups(tx, [id]);
    await replaceCycleGroups(tx, id, input.groups);
    await bump(tx, row);
    await auditCycle(tx, actor, id, 'set_groups', before.map((g) => ({ groupId: g.groupId, frameworkVersionId: g.frameworkVersionId })), input.groups);
  });
  return cycleView(db, actor, id);
}

export async function setCycleAgencies(context: RequestContext, id: string, input: { version: number; agencies: { agencyCode: string; unitId: string }[] }): Promise<CycleView> {
  const { db, actor } = context;
  await inTransaction(context, async ({ tx }) => {
    const row = await lockForChange(tx, actor, id, input.version);
    const reach = await ownerReach(tx, row.ownerUnitId);
    const seen = new Set<string>();
    for (const [i, a] of input.agencies.entries()) {
      const code = a.agencyCode.trim();
      if (code === '' || seen.has(code)) throw new AppError('VALIDATION_FAILED', 'Mã cơ quan thẩm định trống hoặc bị trùng.', [{ path: `agencies.${i}.agencyCode`, message: 'Mã trống hoặc trùng' }]);
      seen.add(code);
      const unit = await findUnitById(tx, a.unitId);
      if (!unit) throw new AppError('VALIDATION_FAILED', 'Không có đơn vị này.', [{ path: `agencies.${i}.unitId`, message: 'Không có đơn vị' }]);
      assertAgencyReach(reach, unit, `agencies.${i}.unitId`);
    }
    const before = await listCycleAgencies(tx, [id]);
    const agencies = input.agencies.map((a) => ({ agencyCode: a.agencyCode.trim(), unitId: a.unitId }));
    await replaceCycleAgencies(tx, id, agencies);
    await bump(tx, row);
    await auditCycle(tx, actor, id, 'set_agencies', before.map((a) => ({ agencyCode: a.agencyCode, unitId: a.unitId })), agencies);
  });
  return cycleView(db, actor, id);
}

export async function addReassignment(context: RequestContext, id: string, input: { frameworkVersionId: string; nodeKey: string; agencyCode: string; reason: string }): Promise<CycleView> {
  const { db, actor } = context;
  await inTransaction(context, async ({ tx }) => {
    const row = await lockForChange(tx, actor, id, undefined);
    const reason = input.reason.trim();
    if (reason === '') throw new AppError('VALIDATION_FAILED', 'Cần nêu lý do chuyển cơ quan thẩm định.', [{ path: 'reason', message: 'Cần nêu lý do' }]);
    const ctx = await loadCycleContext(tx, id);
    const group = [...ctx.groups.values()].find((g) => g.frameworkVersionId === input.frameworkVersionId);
    if (!group) throw new AppError('VALIDATION_FAILED', 'Phiên bản bộ tiêu chí không thuộc kỳ đánh giá.', [{ path: 'frameworkVersionId', message: 'Không thuộc kỳ' }]);
    if (!group.nodes.has(input.nodeKey)) throw new AppError('VALIDATION_FAILED', 'Không có tiêu chí này trong bộ tiêu chí.', [{ path: 'nodeKey', message: 'Không có tiêu chí' }]);
    const code = input.agencyCode.trim();
    const known = group.framework.agencies.some((a) => a.code === code) || ctx.agencies.has(code);
    if (!known) throw new AppError('VALIDATION_FAILED', `Không có cơ quan thẩm định “${code}”.`, [{ path: 'agencyCode', message: 'Không có cơ quan này' }]);
    const before = ctx.reassignments.find((r) => r.frameworkVersionId === input.frameworkVersionId && r.nodeKey === input.nodeKey) ?? null;
    const saved = await upsertReassignment(tx, { cycleId: id, frameworkVersionId: input.frameworkVersionId, nodeKey: input.nodeKey, agencyCode: code, reason, createdBy: actor.userId || null });
    await bump(tx, row);
    await recordAudit(tx, actor, {
      entityType: 'cycle',
      entityId: id,
      action: 'reassign_criterion',
      before: before ? { nodeKey: before.nodeKey, agencyCode: before.agencyCode } : { nodeKey: input.nodeKey, agencyCode: group.leafAgency.get(input.nodeKey) ?? group.nodes.get(input.nodeKey)?.appraisingAgency ?? null },
      after: { frameworkVersionId: saved.frameworkVersionId, nodeKey: saved.nodeKey, agencyCode: saved.agencyCode },
      reason,
    });
  });
  return cycleView(db, actor, id);
}

export async function setCycleUnits(context: RequestContext, id: string, input: { version: number; unitIds: string[] }): Promise<CycleView> {
  const { db, actor } = context;
  await inTransaction(context, async ({ tx }) => {
    const row = await lockForChange(tx, actor, id, input.version, 'configure_setup');
    const unitIds = [...new Set(input.unitIds)];
    const groupOf = await groupOfUnits(tx, row.groupSetId, unitIds);
    const cycleGroupIds = new Set((await listCycleGroups(tx, [id])).map((g) => g.groupId));
    const reach = await ownerReach(tx, row.ownerUnitId);
    for (const [i, unitId] of unitIds.entries()) {
      const unit = await findUnitById(tx, unitId);
      if (!unit) throw new AppError('VALIDATION_FAILED', 'Không có đơn vị này.', [{ path: `unitIds.${i}`, message: 'Không có đơn vị' }]);
      assertParticipantReach(reach, unit, `unitIds.${i}`);
      const groupId = groupOf.get(unitId);
      if (!groupId) {
        throw ruleViolation(`Đơn vị ${unit.code} (${unit.name}) không thuộc nhóm nào của bộ nhóm xếp hạng; hãy xếp đơn vị vào một nhóm trước.`, [{ path: `unitIds.${i}`, message: 'Đơn vị không thuộc nhóm nào' }]);
      }
      if (!cycleGroupIds.has(groupId)) {
        throw ruleViolation(`Nhóm của đơn vị ${unit.code} chưa được chọn bộ tiêu chí trong kỳ đánh giá.`, [{ path: `unitIds.${i}`, message: 'Nhóm chưa có bộ tiêu chí' }]);
      }
    }
    const before = (await listCycleUnits(tx, [id])).map((u) => u.unitId);
    await replaceCycleUnits(tx, id, unitIds.map((unitId) => ({ unitId, groupId: groupOf.get(unitId)! })));
    await bump(tx, row);
    await auditCycle(tx, actor, id, 'set_units', before, unitIds);
  });
  return cycleView(db, actor, id);
}

export async function grantExtension(context: RequestContext, id: string, unitId: string, input: { until: string; reason: string }): Promise<CycleView> {
  const { db, actor } = context;
  await inTransaction(context, async (t) => {
    const { tx } = t;
    const row = await lockForChange(tx, actor, id, undefined);
    const reason = input.reason.trim();
    if (reason === '') throw new AppError('VALIDATION_FAILED', 'Cần nêu lý do gia hạn.', [{ path: 'reason', message: 'Cần nêu lý do' }]);
    const ctx = await loadCycleContext(tx, id);
    const { unit } = participant(ctx, unitId);
    const until = new Date(input.until);
    const problem = checkExtension(ctx.calendar, until.getTime());
    if (problem) throw ruleViolation(problem, [{ path: 'until', message: problem }]);
    await updateCycleUnit(tx, id, unitId, { extensionUntil: until, extensionReason: reason });
    await bump(tx, row);
    await recordAudit(tx, actor, {
      entityType: 'cycle_unit',
      entityId: `${id}:${unitId}`,
      action: 'extend_deadline',
      before: { extensionUntil: iso(unit.extensionUntil), extensionReason: unit.extensionReason },
      after: { extensionUntil: until.toISOString() },
      reason,
    });
    await notify(
      t,
      await usersOfUnits(tx, [unitId], ['unit_officer', 'unit_head']),
      { kind: 'unit.extension', title: `${unit.name}: được gia hạn tự đánh giá đến ${until.toLocaleDateString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' })}`, body: `${row.name}. Lý do: ${reason}`, link: assessmentLink(id, unitId) },
    );
  });
  return cycleView(db, actor, id);
}

/** setup → open: creates a draft criterion record for every participant × applicable self-assessed leaf. */
export async function openCycle(context: RequestContext, id: string, input: { version: number }): Promise<CycleView> {
  const { db, actor } = context;
  await inTransaction(context, async (t) => {
    const { tx } = t;
    const row = await lockForChange(tx, actor, id, input.version, 'configure_setup');
    const ctx = await loadCycleContext(tx, id);
    if (ctx.units.size === 0) throw ruleViolation('Chưa có đơn vị tham gia kỳ đánh giá.');
    const missing = new Set<string>();
    const records: { cycleId: string; unitId: string; nodeKey: string }[] = [];
    for (const unitId of ctx.units.keys()) {
      const { group } = participant(ctx, unitId);
      const applicable = applicableLeaves(ctx, unitId);
      for (const leaf of group.leaves) {
        if (!isSelfAssessed(leaf) || !applicable.has(leaf.key)) continue;
        records.push({ cycleId: id, unitId, nodeKey: leaf.key });
        const agency = group.leafAgency.get(leaf.key);
        if (agency !== undefined && !ctx.agencies.has(agency)) missing.add(agency);
      }
    }
    if (missing.size > 0) {
      throw ruleViolation(`Chưa chỉ định đơn vị làm cơ quan thẩm định: ${[...missing].sort().join(', ')}.`, [...missing].map((m) => ({ path: 'agencies', message: m })));
    }
    const created = await insertCriterionRecords(tx, records, actor.userId);
    await bump(tx, row, { status: cycleStatusAfter('open')! });
    await auditCycle(tx, actor, id, 'open', { status: 'setup' }, { status: 'open', criterionRecords: created, units: ctx.units.size });
    await notify(
      t,
      await usersOfUnits(tx, [...ctx.units.keys()], ['unit_officer', 'unit_head']),
      {
        kind: 'cycle.opened',
        title: `${row.name}: bắt đầu tự đánh giá`,
        body: `Hạn tự đánh giá: ${row.selfAssessmentDeadline.toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' })}.`,
        link: `/cycles/${id}`,
      },
    );
  });
  return cycleView(db, actor, id);
}

/**
 * open → closed, once every participant's results are published (the core decides): the cycle
 * becomes read only, its published results stay public. Publication and amendment hold their
 * group's lock, so closing takes every group's: none is half done, none starts after.
 */
export async function closeCycle(context: RequestContext, id: string, input: { version: number; reason?: string }): Promise<CycleView> {
  const { db, actor } = context;
  await inTransaction(context, async ({ tx }) => {
    const row = await lockCycle(tx, actor, id, input.version);
    for (const g of await listCycleGroups(tx, [id])) await lockCycleGroup(tx, id, g.groupId);
    const ctx = await loadCycleContext(tx, id);
    const refused = cycleRefusal(row.status as CycleStatus, 'close', [...ctx.units.values()].map((u) => u.state as UnitState));
    if (refused) throw refusalError(refused);
    const status = cycleStatusAfter('close')!;
    await bump(tx, row, { status });
    await auditCycle(tx, actor, id, 'close', { name: row.name, status: row.status }, { name: row.name, status, units: ctx.units.size }, input.reason?.trim() || null);
  });
  return cycleView(db, actor, id);
}

/** closed → open, with a reason: the one way to amend a published figure after the cycle ended. */
export async function reopenCycle(context: RequestContext, id: string, input: { version: number; reason: string }): Promise<CycleView> {
  const { db, actor } = context;
  const reason = input.reason.trim();
  if (reason === '') throw new AppError('VALIDATION_FAILED', 'Cần nêu lý do mở lại kỳ đánh giá.', [{ path: 'reason', message: 'Cần nêu lý do' }]);
  await inTransaction(context, async ({ tx }) => {
    const row = await lockForChange(tx, actor, id, input.version, 'reopen');
    const status = cycleStatusAfter('reopen')!;
    await bump(tx, row, { status });
    await auditCycle(tx, actor, id, 'reopen', { name: row.name, status: row.status }, { name: row.name, status }, reason);
  });
  return cycleView(db, actor, id);
}

// ---------------------------------------------------------------- progress

export async function getProgress(db: Executor, actor: Actor, id: string, now = new Date()) {
  const ctx = await loadCycleContext(db, id);
  assertMayReadProgress(actor, ctx.cycle);
  const all = await loadCriterionRecords(db, id);
  const recordsOf = new Map([...ctx.units.keys()].map((u) => [u, coreRecords(all.get(u) ?? new Map())]));
  const units: ProgressUnit[] = [...ctx.units.values()].map((u) => {
    const group = ctx.groups.get(u.groupId)!;
    return {
      unitId: u.unitId,
      profile: profileOf(ctx, u.unitId),
      state: u.state as ProgressUnit['state'],
      framework: group.framework,
      records: recordsOf.get(u.unitId)!,
      ...(u.revisionDeadline ? { revisionDeadline: u.revisionDeadline.getTime() } : {}),
    };
  });
  // One framework per group: reassignments are per framework version, so merge them (node keys are per framework).
  const overrides: Record<string, string> = {};
  for (const g of ctx.groups.values()) Object.assign(overrides, g.agencyOverrides);
  const progress = cycleProgress(units, ctx.calendar, now.getTime(), { agencyOverrides: overrides });
  return presentProgress(ctx, progress, (unitId) => progressActions(ctx, unitId, actor, now, recordsOf.get(unitId)!));
}

function presentProgress(ctx: CycleContext, p: ReturnType<typeof cycleProgress>, actionsOf: (unitId: string) => ActionOptionView[]) {
  return {
    units: p.units.map((u) => {
      const unit = ctx.units.get(u.unitId)!;
      return {
        unitId: u.unitId,
        code: unit.code,
        name: unit.name,
        groupId: unit.groupId,
        state: u.state as UnitState,
        applicableLeaves: u.applicableLeaves,
        filledLeaves: u.filledLeaves,
        submitted: u.submitted,
        appraisedLeaves: u.appraisedLeaves,
        openRequests: u.openRequests,
        deadline: new Date(u.deadline).toISOString(),
        overdue: [...u.overdue],
        ...unitNotes(unit),
        actions: actionsOf(u.unitId),
      };
    }),
    agencies: p.agencies.map((a) => ({ ...a, unitId: ctx.agencies.get(a.agency)?.unitId ?? null, unitName: ctx.agencies.get(a.agency)?.unitName ?? null })),
    totals: { ...p.totals },
  };
}

/** Agency codes of the actor's unit in a cycle (for C's appraisal matrix). */
export { agenciesOfUnit };
