/**
 * Reminders before each deadline (sắp đến hạn): the self-assessment deadline (units still editing),
 * the explanation deadline (units with open requests), the end of the appraisal window (appraising
 * agencies with undecided criteria) and the council meeting (council members, while results await
 * approval). Each goes out at the configured lead times (CHISO_REMINDER_DAYS, e.g. 3 and 1 days
 * before), once per deadline, lead and recipient (a dedupe key in the database), so running it often
 * — and again after a restart — is harmless. Run at start and then every hour.
 */
import { formatInstantVn, unitEditDeadline, type UnitState } from '@chiso/core';
import type { Database, Executor } from '../../db/client';
import { loadCriterionRecords } from '../../db/repositories/criterion-record-repository';
import { listOpenCycleIds, usersOfUnits, usersWithRolesCovering, type Recipient } from '../../db/repositories/cycle-repository';
import { systemActor } from '../actor';
import { loadCycleContext, type CycleContext } from '../cycles/context';
import { getProgress } from '../cycles/cycle-service';
import { assessmentLink } from '../cycles/transitions';
import { notify, type NotificationContent } from './notification-service';
import { inTransaction, systemContext } from '../context';
import { dueLead } from './schedule';

/** Days before a deadline when reminders go out, when not configured. */
export const DEFAULT_REMINDER_DAYS: readonly number[] = [3, 1];

const UNIT_EDITING = new Set(['draft', 'returned_for_revision']);
const AWAITING_COUNCIL = new Set(['appraised', 'council_reviewed']);

const inDays = (lead: number) => (lead === 1 ? 'còn 1 ngày' : `còn ${lead} ngày`);

interface Reminder {
  recipients: readonly Pick<Recipient, 'id'>[];
  content: Omit<NotificationContent, 'dedupeKey'>;
  /** The deadline's identity (kind, cycle, who, instant); the lead is added. */
  key: string;
}

/** Self-assessment and explanation deadlines of each unit (its officers and head). */
async function unitReminders(tx: Executor, ctx: CycleContext, now: number, leads: readonly number[]): Promise<Reminder[]> {
  const id = ctx.cycle.id;
  const out: Reminder[] = [];
  const explaining = [...ctx.units.values()].filter((u) => u.state === 'explanation_requested').map((u) => u.unitId);
  const records = explaining.length > 0 ? await loadCriterionRecords(tx, id, { unitIds: explaining }) : new Map();
  for (const u of ctx.units.values()) {
    const unitPeople = () => usersOfUnits(tx, [u.unitId], ['unit_officer', 'unit_head']);
    if (UNIT_EDITING.has(u.state)) {
      const deadline = unitEditDeadline({
        calendar: ctx.calendar,
        unitId: u.unitId,
        state: u.state as UnitState,
        ...(u.revisionDeadline ? { revisionDeadline: u.revisionDeadline.getTime() } : {}),
      });
      const lead = dueLead(deadline, now, leads);
      if (lead !== undefined) {
        out.push({
          recipients: await unitPeople(),
          key: `deadline:self:${id}:${u.unitId}:${deadline}:${lead}d`,
          content: {
            kind: 'deadline.self_assessment',
            title: `${ctx.cycle.name}: sắp đến hạn tự đánh giá (${formatInstantVn(deadline)}, ${inDays(lead)})`,
            body: `${u.name} cần hoàn thành và gửi kết quả tự đánh giá trước ${formatInstantVn(deadline)}.`,
            link: assessmentLink(id, u.unitId),
          },
        });
      }
    }
    if (u.state === 'explanation_requested') {
      const due = [...(records.get(u.unitId)?.values() ?? [])]
        .filter((s) => s.record.status === 'explanation_requested')
        .map((s) => s.record.requests[s.record.requests.length - 1]?.deadline)
        .filter((d): d is number => d !== undefined && dueLead(d, now, leads) !== undefined);
      if (due.length > 0) {
        const first = Math.min(...due);
        const lead = dueLead(first, now, leads)!;
        out.push({
          recipients: await unitPeople(),
          key: `deadline:explanation:${id}:${u.unitId}:${first}:${lead}d`,
          content: {
            kind: 'deadline.explanation',
            title: `${ctx.cycle.name}: sắp đến hạn giải trình (${formatInstantVn(first)}, ${inDays(lead)})`,
            body: `${u.name} còn ${due.length} yêu cầu giải trình chưa trả lời.`,
            link: assessmentLink(id, u.unitId),
          },
        });
      }
    }
  }
  return out;
}

/** The end of the appraisal window: appraisers of each agency that still has undecided criteria. */
async function appraisalReminders(tx: Executor, ctx: CycleContext, now: number, leads: readonly number[]): Promise<Reminder[]> {
  const deadline = ctx.calendar.appraisal.closes;
  const lead = dueLead(deadline, now, leads);
  if (lead === undefined) return [];
  const progress = await getProgress(tx, systemActor, ctx.cycle.id, new Date(now));
  const out: Reminder[] = [];
  for (const a of progress.agencies) {
    if (a.pending <= 0 || !a.unitId) continue;
    out.push({
      recipients: await usersOfUnits(tx, [a.unitId], ['appraiser']),
      key: `deadline:appraisal:${ctx.cycle.id}:${a.agency}:${deadline}:${lead}d`,
      content: {
        kind: 'deadline.appraisal',
        title: `${ctx.cycle.name}: sắp hết thời gian thẩm định (${formatInstantVn(deadline)}, ${inDays(lead)})`,
        body: `${a.unitName ?? a.agency} còn ${a.pending} tiêu chí chưa thẩm định.`,
        link: `/appraisal?cycle=${ctx.cycle.id}`,
      },
    });
  }
  return out;
}

/** The council meeting: council members (and the chair), while some unit's results await approval. */
async function councilReminders(tx: Executor, ctx: CycleContext, now: number, leads: readonly number[]): Promise<Reminder[]> {
  const date = ctx.calendar.councilDate;
  const lead = dueLead(date, now, leads);
  if (lead === undefined) return [];
  const waiting = [...ctx.units.values()].filter((u) => !['approved', 'published'].includes(u.state));
  if (waiting.length === 0) return [];
  const ready = waiting.filter((u) => AWAITING_COUNCIL.has(u.state)).length;
  return [
    {
      recipients: await usersWithRolesCovering(tx, ['council_member'], ctx.cycle.ownerUnitId),
      key: `deadline:council:${ctx.cycle.id}:${date}:${lead}d`,
      content: {
        kind: 'deadline.council',
        title: `${ctx.cycle.name}: sắp họp Hội đồng thẩm định (${formatInstantVn(date)}, ${inDays(lead)})`,
        body: `${ready} đơn vị đã thẩm định xong, chờ Hội đồng xem xét; ${waiting.length - ready} đơn vị còn đang ở các bước trước.`,
        link: `/council?cycle=${ctx.cycle.id}`,
      },
    },
  ];
}

/**
 * For every open cycle, the reminders due at `now`. Returns the number of notifications created
 * (0 when everything due was already sent).
 */
export async function notifyApproachingDeadlines(db: Database, now: Date = new Date(), leadDays: readonly number[] = DEFAULT_REMINDER_DAYS): Promise<number> {
  const open = await listOpenCycleIds(db);
  let created = 0;
  for (const id of open) {
    // A background job: the system acts, at the job's instant.
    created += await inTransaction(systemContext(db, () => now), async (job) => {
      const { tx } = job;
      const ctx = await loadCycleContext(tx, id);
      const t = now.getTime();
      const reminders = [
        ...(await unitReminders(tx, ctx, t, leadDays)),
        ...(await appraisalReminders(tx, ctx, t, leadDays)),
        ...(await councilReminders(tx, ctx, t, leadDays)),
      ];
      let sent = 0;
      for (const r of reminders) sent += (await notify(job, r.recipients, { ...r.content, dedupeKey: r.key })).length;
      return sent;
    });
  }
  return created;
}
