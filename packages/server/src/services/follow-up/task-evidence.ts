/**
 * The responsible unit's progress reports (báo cáo tiến độ) with evidence from its own library, and
 * the evidence of its completed tasks offered when it fills a linked criterion in a later cycle.
 */
import { statusAfterReport, type FollowUpTaskStatus } from '@chiso/core';
import type { OfferedTaskEvidence, TaskDetail, taskReportBody } from '@chiso/contract';
import type { z } from 'zod';
import { findEvidenceDocuments } from '../../db/repositories/evidence-repository';
import {
  attachedEvidenceIds, findCycleProgram, findOfferedTaskEvidence, insertReport, lockTask, updateTask,
} from '../../db/repositories/follow-up-task-repository';
import { scopeHoldsUnit } from '../actor';
import { recordAudit } from '../audit';
import { inTransaction, type RequestContext } from '../context';
import { AppError, forbidden, notFound, ruleViolation, staleVersion } from '../errors';
import { assertMayReportTask } from '../policies/follow-up-tasks';
import { isStaffOf, readsEveryUnitOf } from '../policies/roles';
import { getTaskDetail, presentDocument, visibleTask } from './tasks';

/** Reports progress: `done` completes the task, `in_progress` marks it under way; audited with the report. */
export async function reportTask(ctx: RequestContext, taskId: string, body: z.output<typeof taskReportBody>): Promise<TaskDetail> {
  await inTransaction(ctx, async ({ tx, actor, now }) => {
    await visibleTask(tx, actor, taskId);
    await lockTask(tx, taskId);
    const task = await visibleTask(tx, actor, taskId);
    assertMayReportTask(actor, task);
    if (task.version !== body.version) throw staleVersion(null);
    const next = statusAfterReport(task.status as FollowUpTaskStatus, body.status);
    if (!next.ok) {
      throw ruleViolation(
        next.reason === 'done'
          ? 'Nhiệm vụ đã hoàn thành nên không báo cáo thêm được. Nếu cần làm tiếp, đề nghị quản trị viên mở lại nhiệm vụ.'
          : 'Nhiệm vụ đã bị hủy nên không báo cáo tiến độ được.',
      );
    }
    const ids = [...new Set(body.evidenceDocumentIds)];
    const documents = await findEvidenceDocuments(tx, ids);
    const found = new Map(documents.map((d) => [d.id, d]));
    ids.forEach((id, i) => {
      const d = found.get(id);
      if (!d) throw new AppError('VALIDATION_FAILED', 'Không tìm thấy tài liệu kiểm chứng đã chọn.', [{ path: `evidenceDocumentIds.${i}`, message: 'Không tìm thấy tài liệu kiểm chứng.' }]);
      if (d.ownerUnitId !== task.responsibleUnitId) throw forbidden('Chỉ dùng được tài liệu kiểm chứng của đơn vị mình để báo cáo tiến độ.');
    });
    const reportId = await insertReport(tx, { taskId, status: body.status, text: body.text, reportedAt: now, reportedBy: actor.userId || null }, ids);
    const patch = { status: next.status, lastReportedAt: now, completedAt: next.status === 'done' ? now : null };
    if (!(await updateTask(tx, taskId, body.version, patch))) throw staleVersion(null);
    await recordAudit(tx, actor, {
      entityType: 'follow_up_task',
      entityId: taskId,
      action: 'report',
      before: { status: task.status },
      after: { status: next.status, reportId, reportStatus: body.status, text: body.text, evidenceDocumentIds: ids },
    });
  });
  return getTaskDetail(ctx, taskId);
}

/**
 * Evidence of the unit's done tasks linked to the criterion (same node key, a framework of the
 * cycle's program) from notices of earlier years: what it may attach now. Read by the unit's staff
 * and by who reads every unit of the cycle's owner with the unit in its scope.
 */
export async function offeredTaskEvidence(ctx: RequestContext, input: { cycleId: string; unitId: string; nodeKey: string }): Promise<OfferedTaskEvidence[]> {
  const { db, actor } = ctx;
  const cycle = await findCycleProgram(db, input.cycleId);
  if (!cycle) throw notFound('kỳ đánh giá');
  // A scoped reader reads the units its scope holds, whatever cycle it names.
  if (!isStaffOf(actor, input.unitId) && !(readsEveryUnitOf(actor, cycle.ownerUnitId) && scopeHoldsUnit(actor.scope, input.unitId))) {
    throw forbidden('Bạn chỉ xem được tài liệu của nhiệm vụ do đơn vị mình chủ trì.');
  }
  const rows = await findOfferedTaskEvidence(db, { unitId: input.unitId, nodeKey: input.nodeKey, programCode: cycle.programCode, beforeYear: cycle.year });
  const attached = await attachedEvidenceIds(db, input.cycleId, input.unitId, input.nodeKey);
  const documents = new Map((await findEvidenceDocuments(db, [...new Set(rows.map((r) => r.documentId))])).map((d) => [d.id, d]));
  const seen = new Set<string>();
  const out: OfferedTaskEvidence[] = [];
  for (const r of rows) {
    const document = documents.get(r.documentId);
    const key = `${r.taskId}:${r.documentId}`;
    if (!document || seen.has(key)) continue;
    seen.add(key);
    out.push({
      taskId: r.taskId,
      taskTitle: r.taskTitle,
      noticeNumber: r.noticeNumber,
      noticeYear: r.noticeYear,
      completedAt: (r.completedAt ?? r.reportedAt).toISOString(),
      document: presentDocument(actor, document),
      attached: attached.has(r.documentId),
    });
  }
  return out;
}
