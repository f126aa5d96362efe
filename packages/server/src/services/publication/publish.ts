/**
 * Publication (công bố) and amendment (điều chỉnh) of a group's results: an immutable snapshot
 * written in the same transaction as the units' move to `published` and the audit event.
 */
import { checkCycleTimeGuard, cycleRefusal, type CycleStatus } from '@chiso/core';
import { findCycle } from '../../db/repositories/cycle-repository';
import { latestSnapshotNumber, lockCycleGroup } from '../../db/repositories/result-repository';
import { inTransaction, type RequestContext } from '../context';
import { assertAdministersCycle, assertSomeAdministrator } from '../policies/cycle';
import { ruleViolation, notFound, refusalError } from '../errors';
import { loadCycleContext } from '../cycles/context';
import { transitionUnitIn } from '../cycles/transitions';
import { consolidateCycleGroup } from '../council/consolidation';
import { getResultSnapshot, type ResultSnapshotWithVersions } from './results';
import { writeSnapshot } from './write-snapshot';

export interface PublishInput {
  cycleId: string;
  groupId: string;
  decisionNumber?: string | null;
}

/** Publishes a group: from the publication date, every unit approved → snapshot 1, units published. */
export async function publishGroup(context: RequestContext, input: PublishInput): Promise<ResultSnapshotWithVersions> {
  const { db, actor, now } = context;
  assertSomeAdministrator(actor);
  await inTransaction(context, async (t) => {
    const { tx } = t;
    const ctx = await loadCycleContext(tx, input.cycleId);
    assertAdministersCycle(actor, ctx.cycle);
    if (!ctx.groups.has(input.groupId) || !(await lockCycleGroup(tx, input.cycleId, input.groupId))) throw notFound('nhóm trong kỳ đánh giá');
    // Read after the group's lock: closing takes it too, so a cycle closed meanwhile is seen here.
    const refused = cycleRefusal((await findCycle(tx, input.cycleId))!.status as CycleStatus, 'publish');
    if (refused) throw refusalError(refused);
    if ((await latestSnapshotNumber(tx, input.cycleId, input.groupId)) > 0) {
      throw ruleViolation('Kết quả của nhóm này đã được công bố; để sửa, hãy điều chỉnh (có lý do) — một bản công bố mới sẽ được tạo.');
    }
    const early = checkCycleTimeGuard('publication', ctx.calendar, now.getTime());
    if (early) throw ruleViolation(early.message);
    const members = [...ctx.units.values()].filter((u) => u.groupId === input.groupId);
    if (members.length === 0) throw ruleViolation('Nhóm không có đơn vị nào tham gia kỳ đánh giá.');
    const notApproved = members.filter((u) => u.state !== 'approved');
    if (notApproved.length > 0) {
      throw ruleViolation(
        `Còn ${notApproved.length} đơn vị chưa được phê duyệt kết quả: ${notApproved.map((u) => u.code).join(', ')}`,
        notApproved.map((u) => ({ path: `units.${u.code}`, message: `${u.name}: chưa được phê duyệt (trạng thái hiện tại không phải "Đã phê duyệt")` })),
      );
    }
    const group = await consolidateCycleGroup(tx, ctx, input.groupId);
    await writeSnapshot(tx, actor, {
      cycleId: input.cycleId, groupId: input.groupId, frameworkVersionId: group.group.frameworkVersionId, framework: group.group.framework,
      consolidation: group.consolidation, units: members.map((u) => ({ unitId: u.unitId, code: u.code, name: u.name })), refs: group.refs,
      number: 1, decisionNumber: input.decisionNumber ?? null, now,
    });
    // The cycle's context loaded once for every unit's move (each locks its row).
    for (const u of members) await transitionUnitIn(t, { cycleId: input.cycleId, unitId: u.unitId, action: 'publish' }, ctx);
  });
  return getResultSnapshot(db, input.cycleId, input.groupId);
}

/** An amendment: snapshot N+1 from the current records, with its reason; N stays as published. */
export async function amendGroup(context: RequestContext, input: PublishInput & { reason: string }): Promise<ResultSnapshotWithVersions> {
  const { db, actor, now } = context;
  assertSomeAdministrator(actor);
  const reason = input.reason.trim();
  if (reason === '') throw ruleViolation('Cần nêu lý do điều chỉnh kết quả đã công bố', [{ path: 'reason', message: 'Không được để trống' }]);
  await inTransaction(context, async ({ tx }) => {
    const ctx = await loadCycleContext(tx, input.cycleId);
    assertAdministersCycle(actor, ctx.cycle);
    if (!ctx.groups.has(input.groupId) || !(await lockCycleGroup(tx, input.cycleId, input.groupId))) throw notFound('nhóm trong kỳ đánh giá');
    // Read after the group's lock: closing takes it too, so a cycle closed meanwhile is seen here.
    const refused = cycleRefusal((await findCycle(tx, input.cycleId))!.status as CycleStatus, 'amend');
    if (refused) throw refusalError(refused);
    const last = await latestSnapshotNumber(tx, input.cycleId, input.groupId);
    if (last === 0) throw ruleViolation('Kết quả của nhóm này chưa được công bố: hãy công bố trước khi điều chỉnh.');
    const group = await consolidateCycleGroup(tx, ctx, input.groupId);
    await writeSnapshot(tx, actor, {
      cycleId: input.cycleId, groupId: input.groupId, frameworkVersionId: group.group.frameworkVersionId, framework: group.group.framework,
      consolidation: group.consolidation, units: group.members.map((u) => ({ unitId: u.unitId, code: u.code, name: u.name })), refs: group.refs,
      number: last + 1, decisionNumber: input.decisionNumber ?? null, reason, now,
    });
  });
  return getResultSnapshot(db, input.cycleId, input.groupId);
}
