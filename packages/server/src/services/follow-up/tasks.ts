/**
 * Tasks of conclusion notices (nhiệm vụ, issue 12 §1): the views every follow-up answer shares, the
 * list with its filters, and the administrator's commands (assign, edit, cancel, reopen). Rules:
 * policies/follow-up-tasks.ts; overdue and counts: the core (follow-up/tasks.ts).
 */
import { type FollowUpTaskStatus, isTaskOverdue, vietnamDay } from '@chiso/core';
import type { z } from 'zod';
import type { Task, TaskDetail, TaskLink, TaskLinkBody, taskBody, updateTaskBody } from '@chiso/contract';
import type { Executor } from '../../db/client';
import {
  findFrameworkDocuments, findFrameworkVersionHeads, findNotice, findTargetLabels, findTask, insertTask, listCooperatingUnits, listReports,
  listTaskLinks, listTasks, lockTask, nextTaskPosition, replaceCooperatingUnits, replaceTaskLinks, updateTask as writeTask, type NewTaskLink, type TaskRow,
} from '../../db/repositories/follow-up-task-repository';
import { findEvidenceDocuments } from '../../db/repositories/evidence-repository';
import { componentLabel } from '../../db/repositories/external-index-repository';
import { usersOfUnits } from '../../db/repositories/cycle-repository';
import { findUnitRefsByIds } from '../../db/repositories/unit-repository';
import { hasRole, scopeHoldsUnit, type Actor } from '../actor';
import { recordAudit } from '../audit';
import { inTransaction, type RequestContext, type TxContext } from '../context';
import { AppError, notFound, staleVersion, type ErrorDetail } from '../errors';
import { toView } from '../evidence';
import { notify } from '../notifications/notification-service';
import { formatDayVn } from '../notifications/schedule';
import { READS_EVERY_UNIT, UNIT_STAFF } from '../policies/roles';
import { assertMayManageNotices, maySeeTask, taskAbilities, taskNotVisible } from '../policies/follow-up-tasks';

type UnitRef = { id: string; code: string; name: string };
/** Ids that can be looked up (anything else is not found, without asking the database). */
export const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A task row with its cooperating units: what the policies and views need. */
export type TaskFactsRow = TaskRow & { cooperatingUnitIds: string[] };

export async function withCooperating(db: Executor, tasks: readonly TaskRow[]): Promise<TaskFactsRow[]> {
  const cooperating = await listCooperatingUnits(db, tasks.map((t) => t.id));
  return tasks.map((t) => ({ ...t, cooperatingUnitIds: cooperating.get(t.id) ?? [] }));
}

export const overdueOf = (task: Pick<TaskRow, 'deadline' | 'status'>, today: string) => isTaskOverdue({ deadline: task.deadline, status: task.status as FollowUpTaskStatus }, today);

// ---------------------------------------------------------------- links

interface StoredNode {
  key?: unknown;
  code?: unknown;
  name?: unknown;
  children?: unknown;
}

/** Code and name of every node of a stored framework document (leaves there may omit `children`). */
function nodesOf(document: unknown): Map<string, { code: string; name: string }> {
  const out = new Map<string, { code: string; name: string }>();
  const visit = (nodes: unknown) => {
    if (!Array.isArray(nodes)) return;
    for (const n of nodes as StoredNode[]) {
      if (typeof n?.key === 'string') out.set(n.key, { code: String(n.code ?? n.key), name: String(n.name ?? '') });
      visit(n?.children);
    }
  };
  visit((document as { nodes?: unknown } | null)?.nodes);
  return out;
}

/** Nodes per document content hash: a document is large and the links name few versions, read again and again. */
const nodeCache = new Map<string, Map<string, { code: string; name: string }>>();

/** The program and nodes of framework versions (unknown ids are left out). */
async function versionNodes(db: Executor, ids: readonly string[]): Promise<Map<string, { programCode: string; nodes: Map<string, { code: string; name: string }> }>> {
  const heads = await findFrameworkVersionHeads(db, [...new Set(ids)]);
  const missing = heads.filter((h) => !nodeCache.has(h.contentHash));
  for (const d of await findFrameworkDocuments(db, missing.map((h) => h.id))) {
    if (nodeCache.size >= 50) nodeCache.delete(nodeCache.keys().next().value!);
    nodeCache.set(missing.find((h) => h.id === d.id)!.contentHash, nodesOf(d.document));
  }
  return new Map(heads.map((h) => [h.id, { programCode: h.programCode, nodes: nodeCache.get(h.contentHash) ?? nodesOf(null) }]));
}

const componentId = (l: { indexKey?: string | null; componentKey?: string | null }) => `${l.indexKey}\u0000${l.componentKey}`;

/** "Index – component" of each distinct component (a task names few), null for one no edition lists. */
async function componentLabels(db: Executor, pairs: readonly { indexKey: string; componentKey: string }[]): Promise<Map<string, string | null>> {
  const out = new Map<string, string | null>();
  for (const p of pairs) if (!out.has(componentId(p))) out.set(componentId(p), await componentLabel(db, p.indexKey, p.componentKey));
  return out;
}

/** The links of the tasks as the contract shows them, each with its code and name. */
async function linkViews(db: Executor, taskIds: readonly string[]): Promise<Map<string, TaskLink[]>> {
  const links = await listTaskLinks(db, taskIds);
  const versions = await versionNodes(db, links.flatMap((l) => (l.frameworkVersionId ? [l.frameworkVersionId] : [])));
  const targets = await findTargetLabels(db, [...new Set(links.flatMap((l) => (l.targetId ? [l.targetId] : [])))]);
  const components = await componentLabels(db, links.flatMap((l) => (l.indexKey && l.componentKey ? [{ indexKey: l.indexKey, componentKey: l.componentKey }] : [])));
  const out = new Map<string, TaskLink[]>();
  for (const l of links) {
    let view: TaskLink;
    if (l.kind === 'criterion') {
      const version = versions.get(l.frameworkVersionId!);
      const node = version?.nodes.get(l.nodeKey!);
      view = { kind: 'criterion', frameworkVersionId: l.frameworkVersionId!, programCode: version?.programCode ?? '', nodeKey: l.nodeKey!, code: node?.code ?? l.nodeKey!, name: node?.name ?? '' };
    } else if (l.kind === 'target') {
      const target = targets.get(l.targetId!);
      view = { kind: 'target', targetId: l.targetId!, code: target?.code ?? '', name: target?.name ?? l.targetId! };
    } else {
      const name = components.get(componentId(l)) ?? `${l.indexKey!} – ${l.componentKey!}`;
      view = { kind: 'external_component', indexKey: l.indexKey!, componentKey: l.componentKey!, name };
    }
    out.set(l.taskId, [...(out.get(l.taskId) ?? []), view]);
  }
  return out;
}

/** The contract's tasks for rows the actor may see. */
export async function taskViews(db: Executor, actor: Actor, tasks: readonly TaskFactsRow[], today: string): Promise<Task[]> {
  const unitRefs = await findUnitRefsByIds(db, tasks.flatMap((t) => [t.responsibleUnitId, ...t.cooperatingUnitIds]));
  const ref = (id: string): UnitRef => unitRefs.get(id) ?? { id, code: '', name: '' };
  const links = await linkViews(db, tasks.map((t) => t.id));
  return tasks.map((t) => ({
    id: t.id,
    noticeId: t.noticeId,
    noticeNumber: t.noticeNumber,
    noticeYear: t.noticeYear,
    title: t.title,
    description: t.description,
    responsibleUnit: ref(t.responsibleUnitId),
    cooperatingUnits: t.cooperatingUnitIds.map(ref).sort((a, b) => a.name.localeCompare(b.name, 'vi')),
    deadline: t.deadline,
    status: t.status as FollowUpTaskStatus,
    overdue: overdueOf(t, today),
    lastReportedAt: t.lastReportedAt?.toISOString() ?? null,
    links: links.get(t.id) ?? [],
    version: t.version,
    may: taskAbilities(actor, t),
  }));
}

// ---------------------------------------------------------------- reading

/** A task the actor may see, with its cooperating units (403 when it may not, 404 when there is none). */
export async function visibleTask(db: Executor, actor: Actor, taskId: string): Promise<TaskFactsRow> {
  const row = uuidPattern.test(taskId) ? await findTask(db, taskId) : undefined;
  if (!row) throw notFound('nhiệm vụ');
  const [task] = await withCooperating(db, [row]);
  if (!maySeeTask(actor, task!)) throw taskNotVisible();
  return task!;
}

export interface TaskListFilter {
  noticeId?: string;
  /** The responsible unit. */
  unitId?: string;
  status?: FollowUpTaskStatus;
  overdue?: boolean;
}

/** The tasks the actor may see, filtered. */
export async function listVisibleTasks(ctx: RequestContext, filter: TaskListFilter): Promise<Task[]> {
  const { db, actor } = ctx;
  const today = vietnamDay(ctx.now);
  // Unit staff (and appraisers) read only their unit's tasks: ask the database for those alone.
  const ownOnly = !READS_EVERY_UNIT.some((role) => hasRole(actor, role));
  const rows = await withCooperating(db, await listTasks(db, { ...(filter.noticeId ? { noticeIds: [filter.noticeId] } : {}), ...(ownOnly ? { involvingUnitId: actor.unitId } : {}) }));
  const selected = rows.filter(
    (t) =>
      maySeeTask(actor, t) &&
      (!filter.unitId || t.responsibleUnitId === filter.unitId) &&
      (!filter.status || t.status === filter.status) &&
      (filter.overdue === undefined || overdueOf(t, today) === filter.overdue),
  );
  return taskViews(db, actor, selected, today);
}

export async function getTaskDetail(ctx: RequestContext, taskId: string): Promise<TaskDetail> {
  const { db, actor } = ctx;
  const task = await visibleTask(db, actor, taskId);
  const [view] = await taskViews(db, actor, [task], vietnamDay(ctx.now));
  const reports = await listReports(db, [task.id]);
  const documents = new Map((await findEvidenceDocuments(db, [...new Set(reports.flatMap((r) => r.evidenceDocumentIds))])).map((d) => [d.id, d]));
  return {
    ...view!,
    reports: reports.map((r) => ({
      id: r.id,
      status: r.status as 'in_progress' | 'done',
      text: r.text,
      reportedAt: r.reportedAt.toISOString(),
      reportedBy: r.reportedByName ?? '',
      evidence: r.evidenceDocumentIds.flatMap((id) => {
        const d = documents.get(id);
        return d ? [presentDocument(actor, d)] : [];
      }),
    })),
  };
}

/** A document as the contract's `Evidence` (same fields as the evidence routes send). */
export function presentDocument(actor: Actor, row: Parameters<typeof toView>[1]): TaskDetail['reports'][number]['evidence'][number] {
  const v = toView(actor, row);
  return {
    id: v.id, ownerUnitId: v.ownerUnitId, originalName: v.fileName, size: v.size, mimeType: v.mimeType, documentNumber: v.documentNumber,
    documentDate: v.documentDate, issuer: v.issuer, title: v.title, uploadedAt: v.uploadedAt, version: v.version, may: { edit: v.mayEdit },
  };
}

// ---------------------------------------------------------------- validation

const invalid = (details: ErrorDetail[]) => new AppError('VALIDATION_FAILED', details.map((d) => d.message).join(' '), details);

/** Units exist and lie in the actor's scope; the responsible unit is not also cooperating. */
async function checkUnits(db: Executor, actor: Actor, responsibleUnitId: string, cooperatingUnitIds: readonly string[]): Promise<string[]> {
  const cooperating = [...new Set(cooperatingUnitIds)].filter((id) => id !== responsibleUnitId);
  const found = await findUnitRefsByIds(db, [responsibleUnitId, ...cooperating]);
  const details: ErrorDetail[] = [];
  if (!found.has(responsibleUnitId)) details.push({ path: 'responsibleUnitId', message: 'Không tìm thấy đơn vị chủ trì.' });
  else if (!scopeHoldsUnit(actor.scope, responsibleUnitId)) details.push({ path: 'responsibleUnitId', message: 'Đơn vị chủ trì không thuộc phạm vi quản lý của bạn.' });
  cooperating.forEach((id, i) => {
    if (!found.has(id)) details.push({ path: `cooperatingUnitIds.${i}`, message: 'Không tìm thấy đơn vị phối hợp.' });
    else if (!scopeHoldsUnit(actor.scope, id)) details.push({ path: `cooperatingUnitIds.${i}`, message: `${found.get(id)!.name} không thuộc phạm vi quản lý của bạn.` });
  });
  if (details.length) throw invalid(details);
  return cooperating;
}

/** Links must name what exists: a node of their framework version, a target, a component of an index's edition. */
async function checkLinks(db: Executor, links: readonly TaskLinkBody[]): Promise<NewTaskLink[]> {
  const versions = await versionNodes(db, links.flatMap((l) => (l.kind === 'criterion' ? [l.frameworkVersionId] : [])));
  const targets = await findTargetLabels(db, [...new Set(links.flatMap((l) => (l.kind === 'target' ? [l.targetId] : [])))]);
  const components = await componentLabels(db, links.flatMap((l) => (l.kind === 'external_component' ? [l] : [])));
  const details: ErrorDetail[] = [];
  const out: NewTaskLink[] = [];
  const seen = new Set<string>();
  links.forEach((l, i) => {
    const key = JSON.stringify(l);
    if (seen.has(key)) return;
    seen.add(key);
    if (l.kind === 'criterion') {
      const nodes = versions.get(l.frameworkVersionId)?.nodes;
      if (!nodes) details.push({ path: `links.${i}.frameworkVersionId`, message: 'Không tìm thấy phiên bản bộ tiêu chí.' });
      else if (!nodes.has(l.nodeKey)) details.push({ path: `links.${i}.nodeKey`, message: `Bộ tiêu chí không có tiêu chí “${l.nodeKey}”.` });
      out.push({ kind: 'criterion', frameworkVersionId: l.frameworkVersionId, nodeKey: l.nodeKey });
    } else if (l.kind === 'target') {
      if (!targets.has(l.targetId)) details.push({ path: `links.${i}.targetId`, message: 'Không tìm thấy chỉ tiêu.' });
      out.push({ kind: 'target', targetId: l.targetId });
    } else {
      if (!components.get(componentId(l))) details.push({ path: `links.${i}.componentKey`, message: `Chỉ số ${l.indexKey} không có thành phần “${l.componentKey}”.` });
      out.push({ kind: 'external_component', indexKey: l.indexKey, componentKey: l.componentKey });
    }
  });
  if (details.length) throw invalid(details);
  return out;
}

function checkDeadline(deadline: string, issuedOn: string): void {
  if (deadline < issuedOn) throw invalid([{ path: 'deadline', message: 'Hạn hoàn thành không được trước ngày ban hành thông báo.' }]);
}

const auditFacts = (t: { title: string; description: string | null; responsibleUnitId: string; deadline: string; status: string }, cooperatingUnitIds: readonly string[], links: readonly NewTaskLink[]) => ({
  title: t.title, description: t.description, responsibleUnitId: t.responsibleUnitId, cooperatingUnitIds, deadline: t.deadline, status: t.status, links,
});

/**
 * Tells the units a task was just given to: the responsible unit's officers and head that they lead
 * it, the newly cooperating units' staff that they take part (they read it, they do not report).
 */
async function notifyAssigned(
  t: TxContext,
  task: { id: string; title: string; deadline: string; noticeNumber: string },
  units: { responsible: string | null; cooperating: readonly string[] },
): Promise<void> {
  const link = `/follow-up/tasks/${task.id}`;
  const body = `${task.title} (Thông báo kết luận số ${task.noticeNumber}, hạn ${formatDayVn(task.deadline)}).`;
  if (units.responsible) {
    await notify(t, await usersOfUnits(t.tx, [units.responsible], UNIT_STAFF), {
      kind: 'follow_up.task_assigned', title: 'Đơn vị được giao chủ trì một nhiệm vụ', body: `${body} Hãy thực hiện và báo cáo tiến độ.`, link,
    });
  }
  if (units.cooperating.length > 0) {
    await notify(t, await usersOfUnits(t.tx, units.cooperating, UNIT_STAFF), {
      kind: 'follow_up.task_cooperating', title: 'Đơn vị được giao phối hợp thực hiện một nhiệm vụ', body: `${body} Hãy phối hợp với đơn vị chủ trì.`, link,
    });
  }
}

// ---------------------------------------------------------------- commands

/** Assigns a task under a notice (the administrator of the notice's owner). */
export async function createTask(ctx: RequestContext, noticeId: string, body: z.output<typeof taskBody>): Promise<TaskDetail> {
  const id = await inTransaction(ctx, async (txc) => {
    const { tx, actor } = txc;
    const notice = uuidPattern.test(noticeId) ? await findNotice(tx, noticeId) : undefined;
    if (!notice) throw notFound('thông báo kết luận');
    assertMayManageNotices(actor, notice.ownerUnitId);
    checkDeadline(body.deadline, notice.issuedOn);
    const cooperating = await checkUnits(tx, actor, body.responsibleUnitId, body.cooperatingUnitIds);
    const links = await checkLinks(tx, body.links);
    const values = { title: body.title, description: body.description ?? null, responsibleUnitId: body.responsibleUnitId, deadline: body.deadline, status: 'open' as const };
    const taskId = await insertTask(tx, { ...values, noticeId, position: await nextTaskPosition(tx, noticeId), createdBy: actor.userId || null });
    await replaceCooperatingUnits(tx, taskId, cooperating);
    await replaceTaskLinks(tx, taskId, links);
    await recordAudit(tx, actor, { entityType: 'follow_up_task', entityId: taskId, action: 'create', after: { noticeId, ...auditFacts(values, cooperating, links) } });
    await notifyAssigned(txc, { id: taskId, title: values.title, deadline: values.deadline, noticeNumber: notice.number }, { responsible: values.responsibleUnitId, cooperating });
    return taskId;
  });
  return getTaskDetail(ctx, id);
}

/** Edits a task; `status` cancels (with a reason) or reopens it. */
export async function updateTask(ctx: RequestContext, taskId: string, body: z.output<typeof updateTaskBody>): Promise<TaskDetail> {
  await inTransaction(ctx, async (txc) => {
    const { tx, actor } = txc;
    const existing = uuidPattern.test(taskId) ? await findTask(tx, taskId) : undefined;
    if (!existing) throw notFound('nhiệm vụ');
    await lockTask(tx, taskId);
    const [current] = await withCooperating(tx, [(await findTask(tx, taskId))!]);
    const task = current!;
    if (!maySeeTask(actor, task)) throw taskNotVisible();
    assertMayManageNotices(actor, task.ownerUnitId);
    if (task.version !== body.version) throw staleVersion(null);
    if (body.status === 'cancelled' && !body.reason) throw invalid([{ path: 'reason', message: 'Nhập lý do hủy nhiệm vụ.' }]);
    const notice = (await findNotice(tx, task.noticeId))!;
    const responsibleUnitId = body.responsibleUnitId ?? task.responsibleUnitId;
    if (body.deadline !== undefined) checkDeadline(body.deadline, notice.issuedOn);
    const cooperating = body.cooperatingUnitIds !== undefined || body.responsibleUnitId !== undefined
      ? await checkUnits(tx, actor, responsibleUnitId, body.cooperatingUnitIds ?? task.cooperatingUnitIds)
      : task.cooperatingUnitIds;
    const beforeLinks = (await listTaskLinks(tx, [taskId])).map(({ kind, frameworkVersionId, nodeKey, targetId, indexKey, componentKey }) => ({ kind, frameworkVersionId, nodeKey, targetId, indexKey, componentKey }));
    const links = body.links !== undefined ? await checkLinks(tx, body.links) : undefined;
    const status = body.status ?? task.status;
    const patch = {
      ...(body.title !== undefined ? { title: body.title } : {}),
      ...(body.description !== undefined ? { description: body.description } : {}),
      responsibleUnitId,
      ...(body.deadline !== undefined ? { deadline: body.deadline } : {}),
      status,
      completedAt: status === 'done' ? task.completedAt : null,
    };
    if (!(await writeTask(tx, taskId, body.version, patch))) throw staleVersion(null);
    await replaceCooperatingUnits(tx, taskId, cooperating);
    if (links) await replaceTaskLinks(tx, taskId, links);
    const after = (await findTask(tx, taskId))!;
    const action = body.status === 'cancelled' && task.status !== 'cancelled' ? 'cancel' : body.status === 'open' && task.status !== 'open' ? 'reopen' : 'update';
    await recordAudit(tx, actor, {
      entityType: 'follow_up_task',
      entityId: taskId,
      action,
      before: auditFacts(task, task.cooperatingUnitIds, beforeLinks),
      after: auditFacts(after, cooperating, links ?? beforeLinks),
      reason: body.reason ?? null,
    });
    // Units newly given the task hear of it (not when it is closed).
    if (status === 'open' || status === 'in_progress') {
      await notifyAssigned(txc, { id: taskId, title: after.title, deadline: after.deadline, noticeNumber: notice.number }, {
        responsible: responsibleUnitId !== task.responsibleUnitId ? responsibleUnitId : null,
        cooperating: cooperating.filter((id) => !task.cooperatingUnitIds.includes(id)),
      });
    }
  });
  return getTaskDetail(ctx, taskId);
}

