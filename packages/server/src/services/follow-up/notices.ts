/**
 * Conclusion notices (thông báo kết luận, issue 12 §1): a meeting's conclusions (number, date, who
 * chaired, text, the signed file) and its tasks' progress per unit. The signed file's bytes go to the
 * evidence file store (deduplicated by hash); the notice keeps the file row, so it is never collected.
 */
import type { Readable } from 'node:stream';
import { countTasks, countTasksBy, vietnamDay, type FollowUpTaskStatus } from '@chiso/core';
import type { Notice, NoticeDetail, noticeBody, updateNoticeBody } from '@chiso/contract';
import type { z } from 'zod';
import type { Executor } from '../../db/client';
import { upsertEvidenceFile } from '../../db/repositories/evidence-repository';
import {
  findNotice, findNoticeFile, insertNotice, listNotices, listTasks, updateNotice as writeNotice, type NoticeRow,
} from '../../db/repositories/follow-up-task-repository';
import { findUnitRefsByIds } from '../../db/repositories/unit-repository';
import { EvidenceMissingError, type EvidenceStore } from '../../storage/evidence-store';
import { EvidenceRejectedError } from '../../storage/evidence-types';
import type { Actor } from '../actor';
import { recordAudit } from '../audit';
import { inTransaction, type RequestContext } from '../context';
import { AppError, forbidden, notFound, staleVersion } from '../errors';
import { cleanFileName } from '../evidence';
import { assertMayManageNotices, mayManageNotices, maySeeTask, readsAllNotices } from '../policies/follow-up-tasks';
import { taskViews, uuidPattern, withCooperating, type TaskFactsRow } from './tasks';

const noticeNotVisible = () => forbidden('Bạn chỉ xem được thông báo kết luận có nhiệm vụ giao cho đơn vị mình.');

/** The notices the actor may see with the tasks it may see of each (all of them for those who read every unit of the owner). */
async function visibleNotices(db: Executor, actor: Actor, notices: readonly NoticeRow[]): Promise<{ notice: NoticeRow; tasks: TaskFactsRow[] }[]> {
  const tasks = await withCooperating(db, await listTasks(db, { noticeIds: notices.map((n) => n.id) }));
  const out: { notice: NoticeRow; tasks: TaskFactsRow[] }[] = [];
  for (const notice of notices) {
    const mine = tasks.filter((t) => t.noticeId === notice.id && maySeeTask(actor, t));
    if (readsAllNotices(actor, notice.ownerUnitId) || mayManageNotices(actor, notice.ownerUnitId) || mine.length > 0) out.push({ notice, tasks: mine });
  }
  return out;
}

async function noticeViews(db: Executor, actor: Actor, entries: readonly { notice: NoticeRow; tasks: readonly TaskFactsRow[] }[], today: string): Promise<Notice[]> {
  const owners = await findUnitRefsByIds(db, entries.map((e) => e.notice.ownerUnitId));
  return entries.map(({ notice: n, tasks }) => ({
    id: n.id,
    number: n.number,
    issuedOn: n.issuedOn,
    chairedBy: n.chairedBy,
    title: n.title,
    body: n.body,
    year: n.year,
    owner: n.ownerUnitId ? (owners.get(n.ownerUnitId) ?? null) : null,
    file: n.fileId && n.fileName ? { name: n.fileName, size: n.fileSize ?? 0, url: `/api/follow-up/notices/${n.id}/file` } : null,
    tasks: countTasks(tasks.map(statusFacts), today),
    createdAt: n.createdAt.toISOString(),
    createdBy: n.createdByName ?? 'Hệ thống',
    version: n.version,
    may: { edit: mayManageNotices(actor, n.ownerUnitId) },
  }));
}

const statusFacts = (t: TaskFactsRow) => ({ deadline: t.deadline, status: t.status as FollowUpTaskStatus });

export async function listVisibleNotices(ctx: RequestContext, year?: number): Promise<Notice[]> {
  const entries = await visibleNotices(ctx.db, ctx.actor, await listNotices(ctx.db, year === undefined ? {} : { year }));
  return noticeViews(ctx.db, ctx.actor, entries, vietnamDay(ctx.now));
}

async function visibleNotice(db: Executor, actor: Actor, id: string): Promise<{ notice: NoticeRow; tasks: TaskFactsRow[] }> {
  const notice = uuidPattern.test(id) ? await findNotice(db, id) : undefined;
  if (!notice) throw notFound('thông báo kết luận');
  const [entry] = await visibleNotices(db, actor, [notice]);
  if (!entry) throw noticeNotVisible();
  return entry;
}

export async function getNoticeDetail(ctx: RequestContext, id: string): Promise<NoticeDetail> {
  const { db, actor } = ctx;
  const today = vietnamDay(ctx.now);
  const entry = await visibleNotice(db, actor, id);
  const [view] = await noticeViews(db, actor, [entry], today);
  const taskList = await taskViews(db, actor, entry.tasks, today);
  const counts = countTasksBy(entry.tasks.map((t) => ({ ...statusFacts(t), unitId: t.responsibleUnitId })), (t) => t.unitId, today);
  const units = new Map(taskList.map((t) => [t.responsibleUnit.id, t.responsibleUnit]));
  const byUnit = [...counts].map(([unitId, c]) => ({ unit: units.get(unitId)!, counts: c })).sort((a, b) => a.unit.name.localeCompare(b.unit.name, 'vi'));
  return { ...view!, taskList, byUnit };
}

const noticeFacts = (n: Pick<NoticeRow, 'number' | 'issuedOn' | 'chairedBy' | 'title' | 'body' | 'year'>) => ({
  number: n.number, issuedOn: n.issuedOn, chairedBy: n.chairedBy, title: n.title, body: n.body, year: n.year,
});

/** Records a notice: the province's (an administrator of the province), or the owner's given or the scoped administrator's own unit's. */
export async function createNotice(ctx: RequestContext, body: z.output<typeof noticeBody>): Promise<NoticeDetail> {
  const { actor } = ctx;
  const ownerUnitId = body.ownerUnitId ?? (actor.scope.kind === 'unit' ? actor.scope.unitId : null);
  assertMayManageNotices(actor, ownerUnitId);
  const id = await inTransaction(ctx, async ({ tx }) => {
    if (ownerUnitId && !(await findUnitRefsByIds(tx, [ownerUnitId])).has(ownerUnitId)) throw notFound('đơn vị');
    const values = { number: body.number, issuedOn: body.issuedOn, chairedBy: body.chairedBy, title: body.title, body: body.body ?? null, year: body.year };
    const noticeId = await insertNotice(tx, { ...values, ownerUnitId, createdBy: actor.userId || null });
    await recordAudit(tx, actor, { entityType: 'conclusion_notice', entityId: noticeId, action: 'create', after: { ownerUnitId, ...values } });
    return noticeId;
  });
  return getNoticeDetail(ctx, id);
}

export async function updateNotice(ctx: RequestContext, id: string, body: z.output<typeof updateNoticeBody>): Promise<NoticeDetail> {
  await inTransaction(ctx, async ({ tx, actor }) => {
    const current = uuidPattern.test(id) ? await findNotice(tx, id) : undefined;
    if (!current) throw notFound('thông báo kết luận');
    assertMayManageNotices(actor, current.ownerUnitId);
    const { version, ...fields } = body;
    const values = { ...fields, body: fields.body ?? null };
    if (current.version !== version || !(await writeNotice(tx, id, version, values))) throw staleVersion(null);
    await recordAudit(tx, actor, { entityType: 'conclusion_notice', entityId: id, action: 'update', before: noticeFacts(current), after: values });
  });
  return getNoticeDetail(ctx, id);
}

/**
 * Attaches (or replaces) the signed notice's file: streamed into the evidence store (content checked,
 * size limited), then the notice points at its file row, audited. The caller owns the stream when
 * this throws before reading it.
 */
export async function attachNoticeFile(
  ctx: RequestContext,
  store: EvidenceStore,
  id: string,
  upload: { stream: Readable | AsyncIterable<Uint8Array>; fileName: string; version?: number },
): Promise<NoticeDetail> {
  const { db, actor } = ctx;
  const notice = uuidPattern.test(id) ? await findNotice(db, id) : undefined;
  if (!notice) throw notFound('thông báo kết luận');
  assertMayManageNotices(actor, notice.ownerUnitId);
  const fileName = cleanFileName(upload.fileName);
  let stored;
  try {
    stored = await store.writeEvidence(upload.stream, fileName);
  } catch (error) {
    if (error instanceof EvidenceRejectedError) {
      throw new AppError(error.reason === 'too_large' ? 'PAYLOAD_TOO_LARGE' : 'VALIDATION_FAILED', error.message, [{ path: 'file', message: error.message }]);
    }
    throw error;
  }
  try {
    await inTransaction(ctx, async ({ tx }) => {
      const current = (await findNotice(tx, id))!;
      if (upload.version !== undefined && current.version !== upload.version) throw staleVersion(null);
      const file = await upsertEvidenceFile(tx, { sha256: stored.sha256, size: stored.size, mimeType: stored.mimeType });
      if (!(await writeNotice(tx, id, current.version, { fileId: file.id, fileName }))) throw staleVersion(null);
      await recordAudit(tx, actor, {
        entityType: 'conclusion_notice',
        entityId: id,
        action: 'attach_file',
        before: current.fileName ? { fileName: current.fileName } : null,
        after: { fileName, sha256: file.sha256, size: file.size, mimeType: file.mimeType },
      });
    });
  } finally {
    stored.release();
  }
  return getNoticeDetail(ctx, id);
}

/** The signed file's stream, for those who may see the notice. */
export async function openNoticeFile(ctx: RequestContext, store: EvidenceStore, id: string): Promise<{ fileName: string; mimeType: string; size: number; stream: Readable }> {
  const { notice } = await visibleNotice(ctx.db, ctx.actor, id);
  const file = notice.fileId ? await findNoticeFile(ctx.db, notice.fileId) : undefined;
  if (!file || !notice.fileName) throw notFound('tệp thông báo kết luận');
  try {
    return { fileName: notice.fileName, mimeType: file.mimeType, size: file.size, stream: await store.openEvidence(file.sha256) };
  } catch (error) {
    if (error instanceof EvidenceMissingError) throw new AppError('INTERNAL', 'Tệp của thông báo này không còn trong kho. Hãy báo quản trị viên.');
    throw error;
  }
}
