import { and, asc, desc, eq, inArray, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../client';
import { users } from '../schema/accounts';
import { criterionEvidence, criterionRecords, cycles } from '../schema/cycles';
import { evidenceDocuments, evidenceFiles } from '../schema/evidence';
import { frameworks, frameworkVersions } from '../schema/frameworks';
import {
  conclusionNotices, followUpTaskLinks, followUpTaskReportEvidence, followUpTaskReports, followUpTasks, followUpTaskUnits,
} from '../schema/follow-up-tasks';
import { targets } from '../schema/targets';

/** Conclusion notices and their tasks (issue 12 §1): plain reads and writes; the rules are the services'. */

export type NoticeRow = typeof conclusionNotices.$inferSelect & { createdByName: string | null; fileSize: number | null };
export type NewNotice = typeof conclusionNotices.$inferInsert;
export type TaskRow = typeof followUpTasks.$inferSelect & { noticeNumber: string; noticeYear: number; ownerUnitId: string | null };
export type NewTask = typeof followUpTasks.$inferInsert;
export type TaskLinkRow = typeof followUpTaskLinks.$inferSelect;
export type NewTaskLink = Omit<typeof followUpTaskLinks.$inferInsert, 'taskId' | 'position'>;
export type ReportRow = typeof followUpTaskReports.$inferSelect & { reportedByName: string | null };

const noticeColumns = {
  id: conclusionNotices.id,
  ownerUnitId: conclusionNotices.ownerUnitId,
  number: conclusionNotices.number,
  issuedOn: conclusionNotices.issuedOn,
  chairedBy: conclusionNotices.chairedBy,
  title: conclusionNotices.title,
  body: conclusionNotices.body,
  year: conclusionNotices.year,
  fileId: conclusionNotices.fileId,
  fileName: conclusionNotices.fileName,
  version: conclusionNotices.version,
  createdAt: conclusionNotices.createdAt,
  createdBy: conclusionNotices.createdBy,
  updatedAt: conclusionNotices.updatedAt,
  createdByName: users.fullName,
  fileSize: evidenceFiles.size,
};

function selectNotices(executor: Executor, where: SQL | undefined) {
  return executor
    .select(noticeColumns)
    .from(conclusionNotices)
    .leftJoin(users, eq(users.id, conclusionNotices.createdBy))
    .leftJoin(evidenceFiles, eq(evidenceFiles.id, conclusionNotices.fileId))
    .where(where)
    .orderBy(desc(conclusionNotices.issuedOn), desc(conclusionNotices.createdAt));
}

export async function listNotices(executor: Executor, filter: { year?: number; ids?: readonly string[] }): Promise<NoticeRow[]> {
  if (filter.ids && filter.ids.length === 0) return [];
  const conditions: SQL[] = [];
  if (filter.year !== undefined) conditions.push(eq(conclusionNotices.year, filter.year));
  if (filter.ids) conditions.push(inArray(conclusionNotices.id, [...filter.ids]));
  return selectNotices(executor, and(...conditions));
}

export async function findNotice(executor: Executor, id: string): Promise<NoticeRow | undefined> {
  const [row] = await selectNotices(executor, eq(conclusionNotices.id, id));
  return row;
}

export async function insertNotice(executor: Executor, values: NewNotice): Promise<string> {
  const [row] = await executor.insert(conclusionNotices).values(values).returning({ id: conclusionNotices.id });
  return row!.id;
}

/** Updates when `expectedVersion` is current; false when stale. */
export async function updateNotice(executor: Executor, id: string, expectedVersion: number, patch: Partial<NewNotice>): Promise<boolean> {
  const updated = await executor
    .update(conclusionNotices)
    .set({ ...patch, version: sql`${conclusionNotices.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(conclusionNotices.id, id), eq(conclusionNotices.version, expectedVersion)))
    .returning({ id: conclusionNotices.id });
  return updated.length > 0;
}

/** The content's hash and type of a notice's signed file. */
export async function findNoticeFile(executor: Executor, fileId: string): Promise<{ sha256: string; size: number; mimeType: string } | undefined> {
  const [row] = await executor.select({ sha256: evidenceFiles.sha256, size: evidenceFiles.size, mimeType: evidenceFiles.mimeType }).from(evidenceFiles).where(eq(evidenceFiles.id, fileId));
  return row;
}

// ---------------------------------------------------------------- tasks

const taskColumns = {
  id: followUpTasks.id,
  noticeId: followUpTasks.noticeId,
  position: followUpTasks.position,
  title: followUpTasks.title,
  description: followUpTasks.description,
  responsibleUnitId: followUpTasks.responsibleUnitId,
  deadline: followUpTasks.deadline,
  status: followUpTasks.status,
  completedAt: followUpTasks.completedAt,
  lastReportedAt: followUpTasks.lastReportedAt,
  version: followUpTasks.version,
  createdAt: followUpTasks.createdAt,
  createdBy: followUpTasks.createdBy,
  updatedAt: followUpTasks.updatedAt,
  noticeNumber: conclusionNotices.number,
  noticeYear: conclusionNotices.year,
  ownerUnitId: conclusionNotices.ownerUnitId,
};

export interface TaskFilter {
  ids?: readonly string[];
  noticeIds?: readonly string[];
  /** Tasks this unit is responsible for or cooperates on. */
  involvingUnitId?: string;
  /** Only tasks of active (open, in progress) status whose deadline is on or before this day. */
  activeDueBy?: string;
}

/** Tasks with their notice's number, year and owner; by notice (newest first), then in the notice's order. */
export async function listTasks(executor: Executor, filter: TaskFilter): Promise<TaskRow[]> {
  if ((filter.ids && filter.ids.length === 0) || (filter.noticeIds && filter.noticeIds.length === 0)) return [];
  const conditions: SQL[] = [];
  if (filter.ids) conditions.push(inArray(followUpTasks.id, [...filter.ids]));
  if (filter.noticeIds) conditions.push(inArray(followUpTasks.noticeId, [...filter.noticeIds]));
  if (filter.involvingUnitId) {
    const unitId = filter.involvingUnitId;
    conditions.push(
      or(
        eq(followUpTasks.responsibleUnitId, unitId),
        sql`EXISTS (SELECT 1 FROM ${followUpTaskUnits} WHERE ${followUpTaskUnits.taskId} = ${followUpTasks.id} AND ${followUpTaskUnits.unitId} = ${unitId})`,
      )!,
    );
  }
  if (filter.activeDueBy) conditions.push(inArray(followUpTasks.status, ['open', 'in_progress']), lte(followUpTasks.deadline, filter.activeDueBy));
  return executor
    .select(taskColumns)
    .from(followUpTasks)
    .innerJoin(conclusionNotices, eq(conclusionNotices.id, followUpTasks.noticeId))
    .where(and(...conditions))
    .orderBy(desc(conclusionNotices.issuedOn), asc(conclusionNotices.id), asc(followUpTasks.position), asc(followUpTasks.createdAt));
}

export async function findTask(executor: Executor, id: string): Promise<TaskRow | undefined> {
  const [row] = await listTasks(executor, { ids: [id] });
  return row;
}

/** Locks the task's row for the rest of the transaction (a report and an edit at once). */
export async function lockTask(executor: Executor, id: string): Promise<void> {
  await executor.execute(sql`SELECT 1 FROM ${followUpTasks} WHERE ${followUpTasks.id} = ${id} FOR UPDATE`);
}

export async function nextTaskPosition(executor: Executor, noticeId: string): Promise<number> {
  const [row] = await executor.select({ n: sql<number>`coalesce(max(${followUpTasks.position}) + 1, 0)::int` }).from(followUpTasks).where(eq(followUpTasks.noticeId, noticeId));
  return Number(row?.n ?? 0);
}

export async function insertTask(executor: Executor, values: NewTask): Promise<string> {
  const [row] = await executor.insert(followUpTasks).values(values).returning({ id: followUpTasks.id });
  return row!.id;
}

/** Updates when `expectedVersion` is current; false when stale. */
export async function updateTask(executor: Executor, id: string, expectedVersion: number, patch: Partial<NewTask>): Promise<boolean> {
  const updated = await executor
    .update(followUpTasks)
    .set({ ...patch, version: sql`${followUpTasks.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(followUpTasks.id, id), eq(followUpTasks.version, expectedVersion)))
    .returning({ id: followUpTasks.id });
  return updated.length > 0;
}

/** Cooperating units of each task: task id → unit ids. */
export async function listCooperatingUnits(executor: Executor, taskIds: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (taskIds.length === 0) return out;
  const found = await executor.select().from(followUpTaskUnits).where(inArray(followUpTaskUnits.taskId, [...taskIds]));
  for (const r of found) out.set(r.taskId, [...(out.get(r.taskId) ?? []), r.unitId]);
  return out;
}

export async function replaceCooperatingUnits(executor: Executor, taskId: string, unitIds: readonly string[]): Promise<void> {
  await executor.delete(followUpTaskUnits).where(eq(followUpTaskUnits.taskId, taskId));
  if (unitIds.length > 0) await executor.insert(followUpTaskUnits).values(unitIds.map((unitId) => ({ taskId, unitId })));
}

export async function listTaskLinks(executor: Executor, taskIds: readonly string[]): Promise<TaskLinkRow[]> {
  if (taskIds.length === 0) return [];
  return executor.select().from(followUpTaskLinks).where(inArray(followUpTaskLinks.taskId, [...taskIds])).orderBy(asc(followUpTaskLinks.position));
}

export async function replaceTaskLinks(executor: Executor, taskId: string, links: readonly NewTaskLink[]): Promise<void> {
  await executor.delete(followUpTaskLinks).where(eq(followUpTaskLinks.taskId, taskId));
  if (links.length > 0) await executor.insert(followUpTaskLinks).values(links.map((link, position) => ({ ...link, taskId, position })));
}

// ---------------------------------------------------------------- reports

export async function insertReport(executor: Executor, values: typeof followUpTaskReports.$inferInsert, evidenceDocumentIds: readonly string[]): Promise<string> {
  const [row] = await executor.insert(followUpTaskReports).values(values).returning({ id: followUpTaskReports.id });
  if (evidenceDocumentIds.length > 0) {
    await executor.insert(followUpTaskReportEvidence).values(evidenceDocumentIds.map((evidenceDocumentId, position) => ({ reportId: row!.id, evidenceDocumentId, position })));
  }
  return row!.id;
}

/** Reports of these tasks, oldest first, with each report's evidence ids in the unit's order. */
export async function listReports(executor: Executor, taskIds: readonly string[]): Promise<(ReportRow & { evidenceDocumentIds: string[] })[]> {
  if (taskIds.length === 0) return [];
  const reports = await executor
    .select({
      id: followUpTaskReports.id,
      taskId: followUpTaskReports.taskId,
      status: followUpTaskReports.status,
      text: followUpTaskReports.text,
      reportedAt: followUpTaskReports.reportedAt,
      reportedBy: followUpTaskReports.reportedBy,
      reportedByName: users.fullName,
    })
    .from(followUpTaskReports)
    .leftJoin(users, eq(users.id, followUpTaskReports.reportedBy))
    .where(inArray(followUpTaskReports.taskId, [...taskIds]))
    .orderBy(asc(followUpTaskReports.reportedAt), asc(followUpTaskReports.id));
  if (reports.length === 0) return [];
  const links = await executor
    .select()
    .from(followUpTaskReportEvidence)
    .where(inArray(followUpTaskReportEvidence.reportId, reports.map((r) => r.id)))
    .orderBy(asc(followUpTaskReportEvidence.position));
  return reports.map((r) => ({ ...r, evidenceDocumentIds: links.filter((l) => l.reportId === r.id).map((l) => l.evidenceDocumentId) }));
}

// ---------------------------------------------------------------- labels of links

/** Framework versions with their program and content hash (which changes with the document). */
export async function findFrameworkVersionHeads(executor: Executor, ids: readonly string[]): Promise<{ id: string; programCode: string; contentHash: string }[]> {
  if (ids.length === 0) return [];
  return executor
    .select({ id: frameworkVersions.id, programCode: frameworks.programCode, contentHash: frameworkVersions.contentHash })
    .from(frameworkVersions)
    .innerJoin(frameworks, eq(frameworks.id, frameworkVersions.frameworkId))
    .where(inArray(frameworkVersions.id, [...ids]));
}

/** The documents of framework versions, for the criterion links' code and name. */
export async function findFrameworkDocuments(executor: Executor, ids: readonly string[]): Promise<{ id: string; document: unknown }[]> {
  if (ids.length === 0) return [];
  return executor.select({ id: frameworkVersions.id, document: frameworkVersions.document }).from(frameworkVersions).where(inArray(frameworkVersions.id, [...ids]));
}

/** Code and name of targets (issue 12 §3's table: the link keeps only the id). */
export async function findTargetLabels(executor: Executor, ids: readonly string[]): Promise<Map<string, { code: string; name: string }>> {
  if (ids.length === 0) return new Map();
  const found = await executor.select({ id: targets.id, code: targets.code, name: targets.name }).from(targets).where(inArray(targets.id, [...ids]));
  return new Map(found.map((r) => [r.id, { code: r.code, name: r.name }]));
}

// ---------------------------------------------------------------- evidence offered next year

export interface OfferedEvidenceRow {
  taskId: string;
  taskTitle: string;
  noticeNumber: string;
  noticeYear: number;
  completedAt: Date | null;
  documentId: string;
  reportedAt: Date;
}

/**
 * Evidence of the done reports of the unit's done tasks linked to the criterion `nodeKey` of a
 * framework of `programCode`, from notices of years before `beforeYear`; newest completion first.
 */
export async function findOfferedTaskEvidence(
  executor: Executor,
  input: { unitId: string; nodeKey: string; programCode: string; beforeYear: number },
): Promise<OfferedEvidenceRow[]> {
  return executor
    .selectDistinct({
      taskId: followUpTasks.id,
      taskTitle: followUpTasks.title,
      noticeNumber: conclusionNotices.number,
      noticeYear: conclusionNotices.year,
      completedAt: followUpTasks.completedAt,
      documentId: followUpTaskReportEvidence.evidenceDocumentId,
      reportedAt: followUpTaskReports.reportedAt,
    })
    .from(followUpTasks)
    .innerJoin(conclusionNotices, eq(conclusionNotices.id, followUpTasks.noticeId))
    .innerJoin(followUpTaskLinks, and(eq(followUpTaskLinks.taskId, followUpTasks.id), eq(followUpTaskLinks.kind, 'criterion'), eq(followUpTaskLinks.nodeKey, input.nodeKey)))
    .innerJoin(frameworkVersions, eq(frameworkVersions.id, followUpTaskLinks.frameworkVersionId))
    .innerJoin(frameworks, and(eq(frameworks.id, frameworkVersions.frameworkId), eq(frameworks.programCode, input.programCode)))
    .innerJoin(followUpTaskReports, eq(followUpTaskReports.taskId, followUpTasks.id))
    .innerJoin(followUpTaskReportEvidence, eq(followUpTaskReportEvidence.reportId, followUpTaskReports.id))
    .innerJoin(evidenceDocuments, and(eq(evidenceDocuments.id, followUpTaskReportEvidence.evidenceDocumentId), eq(evidenceDocuments.ownerUnitId, input.unitId)))
    .where(
      and(
        eq(followUpTasks.responsibleUnitId, input.unitId),
        eq(followUpTasks.status, 'done'),
        sql`${conclusionNotices.year} < ${input.beforeYear}`,
      ),
    )
    .orderBy(desc(followUpTasks.completedAt), asc(followUpTasks.id), desc(followUpTaskReports.reportedAt));
}

/** The cycle's program and year. */
export async function findCycleProgram(executor: Executor, cycleId: string): Promise<{ programCode: string; year: number; ownerUnitId: string | null } | undefined> {
  const [row] = await executor.select({ programCode: cycles.programCode, year: cycles.year, ownerUnitId: cycles.ownerUnitId }).from(cycles).where(eq(cycles.id, cycleId));
  return row;
}

/** Documents attached to the unit's record of the criterion in the cycle. */
export async function attachedEvidenceIds(executor: Executor, cycleId: string, unitId: string, nodeKey: string): Promise<Set<string>> {
  const found = await executor
    .select({ id: criterionEvidence.evidenceDocumentId })
    .from(criterionEvidence)
    .innerJoin(criterionRecords, eq(criterionRecords.id, criterionEvidence.criterionRecordId))
    .where(and(eq(criterionRecords.cycleId, cycleId), eq(criterionRecords.unitId, unitId), eq(criterionRecords.nodeKey, nodeKey)));
  return new Set(found.map((r) => r.id));
}

/** Tasks past due or due soon that still need work, for the reminders (none cancelled or done). */
export async function listActiveTasksDueBy(executor: Executor, day: string): Promise<TaskRow[]> {
  return listTasks(executor, { activeDueBy: day });
}
