/**
 * "Dời lịch mẫu sang giai đoạn tiếp theo" (issue 7 §8): on demo data only, the administrator moves
 * an open cycle's calendar so that its next phase begins now (core `advanceCalendar`), to play a
 * whole demo year in one sitting. Audited like any calendar change.
 */
import { CALENDAR_PHASE_LABELS, advanceCalendar, calendarPhase, cycleRefusal, nextCalendarPhase, type CalendarPhase, type CycleStatus } from '@chiso/core';
import type { DemoCalendar as DemoCalendarView } from '@chiso/contract';
import type { Database, Executor } from '../../db/client';
import { findCycle, updateCycle as writeCycle } from '../../db/repositories/cycle-repository';
import { demoLoadedKey, readSetting } from '../../db/repositories/settings-repository';
import type { Actor } from '../actor';
import { assertAdministersCycle, assertSomeAdministrator } from '../policies/cycle';
import { recordAudit } from '../audit';
import { notFound, refusalError, ruleViolation, staleVersion } from '../errors';
import { getCycle, type CycleView } from './cycle-service';
import { loadCycleContext } from './context';

const label = (p: CalendarPhase | null) => (p ? CALENDAR_PHASE_LABELS[p] : null);

export async function demoCalendar(db: Executor, actor: Actor, cycleId: string, now = new Date()): Promise<DemoCalendarView> {
  assertSomeAdministrator(actor);
  const ctx = await loadCycleContext(db, cycleId);
  assertAdministersCycle(actor, ctx.cycle);
  const demo = (await readSetting<boolean>(db, demoLoadedKey)) === true;
  const phase = calendarPhase(ctx.calendar, now.getTime());
  const next = nextCalendarPhase(ctx.calendar, now.getTime());
  return { available: demo && !cycleRefusal(ctx.cycle.status as CycleStatus, 'advance_demo_calendar'), phase, phaseLabel: label(phase)!, next, nextLabel: label(next) };
}

const iso = (t: number | undefined) => (t === undefined ? null : new Date(t).toISOString());

export async function advanceDemoCalendar(db: Database, actor: Actor, cycleId: string, input: { version: number }, now = new Date()): Promise<CycleView> {
  assertSomeAdministrator(actor);
  await db.transaction(async (tx) => {
    const row = await findCycle(tx, cycleId, true);
    if (!row) throw notFound('kỳ đánh giá');
    assertAdministersCycle(actor, row); // another owner's administrator learns nothing of the cycle nor of the data
    if ((await readSetting<boolean>(tx, demoLoadedKey)) !== true) throw ruleViolation('Chỉ dời lịch được trên dữ liệu mẫu; với dữ liệu thật, hãy sửa lịch của kỳ đánh giá.');
    if (row.version !== input.version) throw staleVersion(null);
    const refused = cycleRefusal(row.status as CycleStatus, 'advance_demo_calendar');
    if (refused) throw refusalError(refused);
    const ctx = await loadCycleContext(tx, cycleId);
    const step = advanceCalendar(ctx.calendar, now.getTime());
    if (!step) throw ruleViolation('Lịch mẫu đã ở giai đoạn công bố: không còn giai đoạn tiếp theo.');
    const c = step.calendar;
    const patch = {
      selfAssessmentOpens: c.selfAssessmentOpens === undefined ? null : new Date(c.selfAssessmentOpens),
      selfAssessmentDeadline: new Date(c.selfAssessmentDeadline),
      appraisalFrom: new Date(c.appraisal.opens),
      appraisalTo: new Date(c.appraisal.closes),
      explanationFrom: new Date(c.explanation.opens),
      explanationTo: new Date(c.explanation.closes),
      councilDate: new Date(c.councilDate),
      publicationDate: new Date(c.publicationDate),
    };
    const updated = await writeCycle(tx, cycleId, row.version, patch);
    if (!updated) throw staleVersion(null);
    const before = ctx.calendar;
    await recordAudit(tx, actor, {
      entityType: 'cycle',
      entityId: cycleId,
      action: 'demo_advance_calendar',
      before: { phase: calendarPhase(before, now.getTime()), selfAssessmentDeadline: iso(before.selfAssessmentDeadline), appraisalTo: iso(before.appraisal.closes), councilDate: iso(before.councilDate), publicationDate: iso(before.publicationDate) },
      after: { phase: step.phase, ...Object.fromEntries(Object.entries(patch).map(([k, v]) => [k, v?.toISOString() ?? null])) },
      reason: `Dữ liệu mẫu: dời lịch sang giai đoạn “${CALENDAR_PHASE_LABELS[step.phase]}”`,
    });
  });
  return getCycle(db, actor, cycleId);
}
