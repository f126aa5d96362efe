/**
 * Deadline-approaching notices (sắp đến hạn): run at start and then every hour. Each notice goes
 * out once per recipient and deadline (a dedupe key), so running it often is harmless.
 */
import { formatInstantVn, unitEditDeadline, type UnitState } from '@chiso/core';
import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { cycles } from '../../db/schema/cycles';
import { loadCriterionRecords } from '../../db/repositories/criterion-record-repository';
import { usersOfUnits } from '../../db/repositories/cycle-repository';
import { loadCycleContext } from '../cycles/context';
import { assessmentLink } from '../cycles/transitions';
import { afterCommit, notify } from './notification-service';

/** How long before a deadline the notice goes out. */
export const DEADLINE_NOTICE_MS = 3 * 24 * 3_600_000;

/**
 * For every open cycle: units still editing whose self-assessment deadline (extension or revision
 * deadline applied) falls within the next 3 days, and units with an explanation request due within
 * 3 days, are notified (their officers and head). Returns the number of notifications created.
 */
export async function notifyApproachingDeadlines(db: Database, now: Date = new Date()): Promise<number> {
  const open = await db.select({ id: cycles.id }).from(cycles).where(eq(cycles.status, 'open'));
  let created = 0;
  for (const { id } of open) {
    const ids = await db.transaction(async (tx) => {
      const ctx = await loadCycleContext(tx, id);
      const out: string[] = [];
      const t = now.getTime();
      const soon = (d: number) => d >= t && d - t <= DEADLINE_NOTICE_MS;
      const explaining = [...ctx.units.values()].filter((u) => u.state === 'explanation_requested').map((u) => u.unitId);
      const records = explaining.length > 0 ? await loadCriterionRecords(tx, id, { unitIds: explaining }) : new Map();
      for (const u of ctx.units.values()) {
        const link = assessmentLink(id, u.unitId);
        if (u.state === 'draft' || u.state === 'returned_for_revision') {
          const deadline = unitEditDeadline({
            calendar: ctx.calendar,
            unitId: u.unitId,
            state: u.state as UnitState,
            ...(u.revisionDeadline ? { revisionDeadline: u.revisionDeadline.getTime() } : {}),
          });
          if (soon(deadline)) {
            out.push(
              ...(await notify(
                tx,
                await usersOfUnits(tx, [u.unitId], ['unit_officer', 'unit_head']),
                {
                  kind: 'deadline.self_assessment',
                  title: `${ctx.cycle.name}: sắp đến hạn tự đánh giá (${formatInstantVn(deadline)})`,
                  body: `${u.name} cần hoàn thành và gửi kết quả tự đánh giá trước ${formatInstantVn(deadline)}.`,
                  link,
                  dedupeKey: `deadline:self:${id}:${u.unitId}:${deadline}`,
                },
                now,
              )),
            );
          }
        }
        if (u.state === 'explanation_requested') {
          const due = [...(records.get(u.unitId)?.values() ?? [])]
            .filter((s) => s.record.status === 'explanation_requested')
            .map((s) => s.record.requests[s.record.requests.length - 1]?.deadline)
            .filter((d): d is number => d !== undefined && soon(d));
          if (due.length > 0) {
            const first = Math.min(...due);
            out.push(
              ...(await notify(
                tx,
                await usersOfUnits(tx, [u.unitId], ['unit_officer', 'unit_head']),
                {
                  kind: 'deadline.explanation',
                  title: `${ctx.cycle.name}: sắp đến hạn giải trình (${formatInstantVn(first)})`,
                  body: `${u.name} còn ${due.length} yêu cầu giải trình chưa trả lời.`,
                  link,
                  dedupeKey: `deadline:explanation:${id}:${u.unitId}:${first}`,
                },
                now,
              )),
            );
          }
        }
      }
      return out;
    });
    afterCommit(db, ids);
    created += ids.length;
  }
  return created;
}
