/**
 * A participant added to an open cycle (issue 7 §7), with a reason: the unit joins its group of
 * the cycle's group set in draft, with empty criterion records for the leaves that apply to it,
 * the cycle's deadline — or an extension given at the same time. Audited and notified.
 */
import { checkLateParticipant, cycleRefusal, isSelfAssessed, type CycleStatus } from '@chiso/core';
import { insertCriterionRecords } from '../../db/repositories/criterion-record-repository';
import { insertCycleUnit } from '../../db/repositories/correction-repository';
import { findCycle, groupOfUnits, updateCycle as writeCycle, usersOfUnits } from '../../db/repositories/cycle-repository';
import { findUnitById } from '../../db/repositories/unit-repository';
import { assertAdministersCycle, assertSomeAdministrator } from '../policies/cycle';
import { recordAudit } from '../audit';
import { AppError, notFound, refusalError, ruleViolation, staleVersion } from '../errors';
import { notify } from '../notifications/notification-service';
import { inTransaction, type RequestContext } from '../context';
import { getCycle, type CycleView } from './cycle-service';
import { applicableLeaves, loadCycleContext, participant } from './context';
import { assessmentLink } from './transitions';
import { assertParticipantReach, ownerReach } from './owner';

export interface AddParticipantInput {
  version: number;
  unitId: string;
  reason: string;
  /** A later self-assessment deadline for this unit (gia hạn), optional. */
  extensionUntil?: string;
}

const invalid = (path: string, message: string) => new AppError('VALIDATION_FAILED', message, [{ path, message }]);

export async function addParticipant(context: RequestContext, cycleId: string, input: AddParticipantInput): Promise<CycleView> {
  const { db, actor, now } = context;
  assertSomeAdministrator(actor);
  const reason = input.reason.trim();
  if (reason === '') throw invalid('reason', 'Cần nêu lý do bổ sung đơn vị vào kỳ đánh giá.');
  await inTransaction(context, async (t) => {
    const { tx } = t;
    const row = await findCycle(tx, cycleId, true);
    if (!row) throw notFound('kỳ đánh giá');
    assertAdministersCycle(actor, row);
    if (row.version !== input.version) throw staleVersion(null);
    const refused = cycleRefusal(row.status as CycleStatus, 'add_participant');
    if (refused) throw refusalError(refused);
    const unit = await findUnitById(tx, input.unitId);
    if (!unit) throw invalid('unitId', 'Không có đơn vị này.');
    assertParticipantReach(await ownerReach(tx, row.ownerUnitId), unit, 'unitId');
    const before = await loadCycleContext(tx, cycleId);
    if (before.units.has(unit.id)) throw invalid('unitId', `Đơn vị ${unit.name} đã tham gia kỳ đánh giá.`);
    const groupId = (await groupOfUnits(tx, row.groupSetId, [unit.id])).get(unit.id);
    if (!groupId) throw ruleViolation(`Đơn vị ${unit.code} (${unit.name}) không thuộc nhóm nào của bộ nhóm xếp hạng; hãy xếp đơn vị vào một nhóm trước.`, [{ path: 'unitId', message: 'Đơn vị không thuộc nhóm nào' }]);
    if (!before.groups.has(groupId)) throw ruleViolation(`Nhóm của đơn vị ${unit.code} chưa có bộ tiêu chí trong kỳ đánh giá.`, [{ path: 'unitId', message: 'Nhóm chưa có bộ tiêu chí' }]);
    if ([...before.units.values()].some((u) => u.groupId === groupId && u.state === 'published')) {
      throw ruleViolation(`Nhóm của đơn vị ${unit.code} đã công bố kết quả: không bổ sung đơn vị vào nhóm được nữa.`, [{ path: 'unitId', message: 'Nhóm đã công bố kết quả' }]);
    }
    const extension = input.extensionUntil ? new Date(input.extensionUntil) : null;
    const problem = checkLateParticipant(before.calendar, now.getTime(), extension?.getTime());
    if (problem) throw invalid('extensionUntil', problem);

    await insertCycleUnit(tx, { cycleId, unitId: unit.id, groupId, ...(extension ? { extensionUntil: extension, extensionReason: reason } : {}) });
    const ctx = await loadCycleContext(tx, cycleId);
    const { group } = participant(ctx, unit.id);
    const applicable = applicableLeaves(ctx, unit.id);
    const records = group.leaves.filter((l) => isSelfAssessed(l) && applicable.has(l.key)).map((l) => ({ cycleId, unitId: unit.id, nodeKey: l.key }));
    const created = await insertCriterionRecords(tx, records, actor.userId);
    await writeCycle(tx, cycleId, row.version, {});
    const deadline = extension ?? row.selfAssessmentDeadline;
    await recordAudit(tx, actor, {
      entityType: 'cycle_unit',
      entityId: `${cycleId}:${unit.id}`,
      action: 'add_participant',
      before: null,
      after: { unitId: unit.id, unitCode: unit.code, groupId, state: 'draft', criterionRecords: created, deadline: deadline.toISOString(), extensionUntil: extension?.toISOString() ?? null },
      reason,
    });
    await notify(
      t,
      await usersOfUnits(tx, [unit.id], ['unit_officer', 'unit_head']),
      {
        kind: 'cycle.participant_added',
        title: `${row.name}: ${unit.name} tham gia kỳ đánh giá`,
        body: `Hạn tự đánh giá: ${deadline.toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' })}. Lý do: ${reason}`,
        link: assessmentLink(cycleId, unit.id),
      },
    );
  });
  return getCycle(db, actor, cycleId);
}
