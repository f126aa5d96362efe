// Assessment cycles: the demo cycle, the criterion-record repository, set-up validation, unit
// transitions over HTTP (roles, deadlines, extension, return for revision), audit, notifications, e-mail.
import nodemailer from 'nodemailer';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CriterionRecord, FrameworkNode, NodeInput } from '@chiso/core';
import { createTestApp, type TestApp } from './support/app';
import { loginAs, type LoggedIn } from './support/login';
import { loadDemoProvince, demoPassword } from '../src/demo/load-demo';
import { loadDemoFrameworks } from '../src/demo/load-demo-frameworks';
import { loadDemoCycle, type DemoCycleResult } from '../src/demo/load-demo-cycle';
import { loadCriterionRecord, loadUnitCriterionRecords, saveCriterionRecord } from '../src/db/repositories/criterion-record-repository';
import { findUnitsByCodes } from '../src/db/repositories/unit-repository';
import { auditEvents } from '../src/db/schema/audit';
import { notifications } from '../src/db/schema/cycles';
import { evidenceDocuments, evidenceFiles } from '../src/db/schema/evidence';
import { frameworks, frameworkVersions } from '../src/db/schema/frameworks';
import { users } from '../src/db/schema/accounts';
import { loadCycleContext, participant } from '../src/services/cycles/context';
import { createCycle, setCycleGroups, setCycleUnits } from '../src/services/cycles/cycle-service';
import { systemContext } from '../src/services/context';
import { AppError } from '../src/services/errors';
import { configureMail, mailIdle } from '../src/services/notifications/mailer';
import { notifyApproachingDeadlines } from '../src/services/notifications/deadlines';

let t: TestApp;
let demo: DemoCycleResult;
let unitIdOf: Map<string, string>;
const sessions = new Map<string, LoggedIn>();
const DAY = 86_400_000;
const start = new Date();

async function as(username: string): Promise<LoggedIn> {
  let s = sessions.get(username);
  if (!s) {
    s = await loginAs(t.app, username, demoPassword);
    sessions.set(username, s);
  }
  return s;
}

async function call(username: string, method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: unknown) {
  return t.app.inject({ method, url, payload: payload as never, headers: (await as(username)).headers });
}

async function userId(username: string): Promise<string> {
  const [row] = await t.database.db.select({ id: users.id }).from(users).where(eq(users.username, username));
  return row!.id;
}

/** A valid input for any self-assessed leaf rule. */
function someInput(node: FrameworkNode): NodeInput {
  const rule = node.rule!;
  switch (rule.type) {
    case 'choice':
      return { kind: 'choice', option: rule.options[0]!.key };
    case 'yes_no':
      return { kind: 'yes_no', value: true };
    case 'rate_tiers':
    case 'proportional':
    case 'data_feed':
      return { kind: 'rate', numerator: 1, denominator: 1 };
    case 'deduction':
      return { kind: 'count', occurrences: 0 };
    case 'bonus':
      return rule.mode === 'fixed' ? { kind: 'awarded', value: false } : { kind: 'count', occurrences: 0 };
    case 'manual':
      return { kind: 'manual', points: 0 };
    default:
      throw new Error(`no input for ${rule.type}`);
  }
}

/** Fills every record of a unit through the repository (as the self-assessment route would). */
async function fillUnit(unitId: string) {
  const db = t.database.db;
  const ctx = await loadCycleContext(db, demo.cycleId);
  const { group } = participant(ctx, unitId);
  const stored = await loadUnitCriterionRecords(db, demo.cycleId, unitId);
  for (const s of stored.values()) {
    const node = group.nodes.get(s.nodeKey)!;
    await db.transaction((tx) =>
      saveCriterionRecord(tx, s, { ...s.record, self: { input: someInput(node), explanation: 'Đã thực hiện' } }, { node, rounding: group.framework.settings.rounding, userId: '' }),
    );
  }
}

async function patchCycle(body: Record<string, unknown>) {
  const current = (await call('snv.quantri', 'GET', `/api/cycles/${demo.cycleId}`)).json();
  const r = await call('snv.quantri', 'PATCH', `/api/cycles/${demo.cycleId}`, { version: current.version, ...body });
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
}

const iso = (ms: number) => new Date(ms).toISOString();

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  await loadDemoProvince(db);
  await loadDemoFrameworks(db);
  demo = await loadDemoCycle(db, start);
  unitIdOf = new Map((await findUnitsByCodes(db, ['STP', 'SYT', 'SCT', 'SNV', 'LS'])).map((u) => [u.code, u.id]));
}, 120_000);
afterAll(async () => {
  configureMail({});
  await t?.close();
});

describe('demo cycle', () => {
  it('is open with groups, agencies, a chair and criterion records for every participant', async () => {
    expect(demo.created).toBe(true);
    expect(Object.keys(demo.agencyUnits).sort()).toEqual(['SKHCN', 'SNV', 'STC', 'STP', 'VPUBND']);
    expect(demo.councilChairUserId).toBe(await userId('hoidong.snv'));
    const r = await call('snv.quantri', 'GET', `/api/cycles/${demo.cycleId}`);
    expect(r.statusCode).toBe(200);
    const cycle = r.json();
    expect(cycle.status).toBe('open');
    expect(cycle.name).toBe('Chỉ số CCHC năm 2025');
    expect(cycle.groups).toHaveLength(1);
    expect(cycle.units.map((u: { unitId: string }) => u.unitId).sort()).toEqual([...demo.unitIds].sort());
    const ctx = await loadCycleContext(t.database.db, demo.cycleId);
    const group = participant(ctx, unitIdOf.get('STP')!).group;
    const stored = await loadUnitCriterionRecords(t.database.db, demo.cycleId, unitIdOf.get('STP')!);
    // Survey leaves are supplied, not self-assessed: no record for them.
    const surveyLeaves = group.leaves.filter((l) => l.rule?.type === 'survey').length;
    expect(surveyLeaves).toBeGreaterThan(0);
    expect(stored.size).toBe(group.leaves.length - surveyLeaves);
    expect([...stored.values()].every((s) => s.record.status === 'draft' && s.version === 1)).toBe(true);
    // Loading again is a no-op.
    expect((await loadDemoCycle(t.database.db, start)).created).toBe(false);
  });

  it('lists the cycle for the units taking part and the agencies, not for others', async () => {
    const ids = async (who: string) => ((await call(who, 'GET', '/api/cycles')).json().items as { id: string }[]).map((c) => c.id);
    expect(await ids('stp.canbo')).toContain(demo.cycleId);
    expect(await ids('snv.thamdinh')).toContain(demo.cycleId);
    expect(await ids('ubnd.chutich')).toContain(demo.cycleId);
    expect(await ids('xa.thatkhe.canbo')).not.toContain(demo.cycleId);
    expect((await call('xa.thatkhe.canbo', 'GET', `/api/cycles/${demo.cycleId}`)).statusCode).toBe(403);
  });
});

describe('criterion-record repository', () => {
  it('round-trips self entry, evidence, requests and answers, and refuses a stale version', async () => {
    const db = t.database.db;
    const unitId = unitIdOf.get('SCT')!;
    const ctx = await loadCycleContext(db, demo.cycleId);
    const { group } = participant(ctx, unitId);
    const node = group.leaves.find((l) => l.rule?.type === 'yes_no')!;
    const opts = { node, rounding: group.framework.settings.rounding, userId: '' };
    const [file] = await db.insert(evidenceFiles).values({ sha256: 'a'.repeat(64), size: 10, mimeType: 'application/pdf' }).returning();
    const docs = await db
      .insert(evidenceDocuments)
      .values([1, 2, 3].map((n) => ({ fileId: file!.id, ownerUnitId: unitId, originalName: `qd-${n}.pdf` })))
      .returning();
    const v1 = (await loadCriterionRecord(db, demo.cycleId, unitId, node.key))!;
    const withSelf: CriterionRecord = {
      ...v1.record,
      self: { input: { kind: 'yes_no', value: true }, explanation: 'Có quyết định', evidence: [{ id: docs[1]!.id }, { id: docs[0]!.id }] },
    };
    const v2 = await db.transaction((tx) => saveCriterionRecord(tx, v1, withSelf, opts));
    expect(v2.version).toBe(2);
    expect(v2.record).toEqual(withSelf);
    const rule = node.rule as { yesPoints: number };
    expect(v2.points.self).toBe((rule.yesPoints / 1000).toFixed(3));

    const requested: CriterionRecord = {
      ...withSelf,
      status: 'explanation_requested',
      requests: [{ kind: 'evidence', message: 'Bổ sung quyết định', deadline: start.getTime() + 5 * DAY, requestedAt: start.getTime(), agency: 'SNV' }],
    };
    const v3 = await db.transaction((tx) => saveCriterionRecord(tx, v2, requested, opts));
    expect(v3.record).toEqual(requested);
    expect(v3.requestIds).toHaveLength(1);
    const answered: CriterionRecord = {
      ...requested,
      status: 'explained',
      requests: [{ ...requested.requests[0]!, answer: { text: 'Đã bổ sung', evidence: [{ id: docs[2]!.id }], answeredAt: start.getTime() + DAY } }],
    };
    const v4 = await db.transaction((tx) => saveCriterionRecord(tx, v3, answered, opts));
    expect(v4.record).toEqual(answered);
    expect(v4.requestIds).toEqual(v3.requestIds);
    expect(v4.version).toBe(4);

    // A stale save: 409 with the current record.
    const stale = await db.transaction((tx) => saveCriterionRecord(tx, v3, { ...answered, self: { input: { kind: 'yes_no', value: false } } }, opts)).catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(AppError);
    expect((stale as AppError).code).toBe('CONFLICT');
    expect(((stale as AppError).details![0]!.current as { version: number }).version).toBe(4);
    expect((await loadCriterionRecord(db, demo.cycleId, unitId, node.key))!.record).toEqual(answered);
  });
});

describe('set-up validation', () => {
  it('refuses an unpublished framework version and a unit outside the group set', async () => {
    const db = t.database.db;
    const [fw] = await db.insert(frameworks).values({ programCode: 'task-performance', year: 2030, groupLabel: 'Thử', name: 'Nháp' }).returning();
    const [draft] = await db.insert(frameworkVersions).values({ frameworkId: fw!.id, number: 1, document: {} }).returning();
    const ctx = await loadCycleContext(db, demo.cycleId);
    const at = (d: number) => iso(start.getTime() + d * DAY);
    const cycle = await createCycle(systemContext(db), {
      programCode: 'task-performance',
      year: 2030,
      name: 'Thử',
      groupSetId: ctx.cycle.groupSetId,
      calendar: { selfAssessmentDeadline: at(1), appraisalFrom: at(1), appraisalTo: at(2), explanationFrom: at(1), explanationTo: at(2), councilDate: at(3), publicationDate: at(4) },
    });
    const refused = await setCycleGroups(systemContext(db), cycle.id, { version: cycle.version, groups: [{ groupId: demo.groupId, frameworkVersionId: draft!.id }] }).catch((e: unknown) => e);
    expect((refused as AppError).code).toBe('RULE_VIOLATION');
    expect((refused as AppError).message).toContain('đã ban hành');
    const outside = await setCycleUnits(systemContext(db), cycle.id, { version: cycle.version, unitIds: [unitIdOf.get('LS')!] }).catch((e: unknown) => e);
    expect((outside as AppError).code).toBe('RULE_VIOLATION');
    expect((outside as AppError).message).toContain('không thuộc nhóm');
    // Through HTTP too: a calendar out of order.
    const bad = await call('snv.quantri', 'POST', '/api/cycles', {
      programCode: 'task-performance', year: 2031, name: 'Sai lịch', groupSetId: ctx.cycle.groupSetId,
      calendar: { selfAssessmentDeadline: at(1), appraisalFrom: at(1), appraisalTo: at(9), explanationFrom: at(1), explanationTo: at(2), councilDate: at(3), publicationDate: at(4) },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('Hội đồng');
  });
});

describe('unit transitions over HTTP', () => {
  const url = (unit: string, action: string) => `/api/cycles/${demo.cycleId}/units/${unitIdOf.get(unit)}/actions/${action}`;

  it('submit: officer refused, head refused while criteria are missing, allowed once filled before the deadline', async () => {
    const officer = await call('stp.canbo', 'POST', url('STP', 'submit'), {});
    expect(officer.statusCode).toBe(403);
    expect(officer.json().error.code).toBe('FORBIDDEN');
    expect(officer.json().error.message).toContain('thủ trưởng');
    const other = await call('syt.lanhdao', 'POST', url('STP', 'submit'), {});
    expect(other.statusCode).toBe(403);
    const missing = await call('stp.lanhdao', 'POST', url('STP', 'submit'), {});
    expect(missing.statusCode).toBe(422);
    expect(missing.json().error.message).toMatch(/vấn đề cần khắc phục/);

    await fillUnit(unitIdOf.get('STP')!);
    // Filled, with explanations, but no evidence documents: refused while the policy requires them.
    const noEvidence = await call('stp.lanhdao', 'POST', url('STP', 'submit'), {});
    expect(noEvidence.statusCode).toBe(422);
    await patchCycle({ policy: { evidenceRequiredForPoints: false } });
    const ok = await call('stp.lanhdao', 'POST', url('STP', 'submit'), {});
    expect(ok.statusCode, ok.body).toBe(200);
    const summary = ok.json();
    expect(summary.state).toBe('submitted');
    expect(summary.progress.filled).toBe(summary.progress.applicable);
    expect(summary.allowedActions.find((a: { action: string }) => a.action === 'withdraw').allowed).toBe(true);

    const stored = await loadUnitCriterionRecords(t.database.db, demo.cycleId, unitIdOf.get('STP')!);
    expect([...stored.values()].every((s) => s.record.status === 'pending')).toBe(true);
    const audit = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityType, 'cycle_unit'), eq(auditEvents.entityId, `${demo.cycleId}:${unitIdOf.get('STP')}`), eq(auditEvents.action, 'submit')));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.before).toEqual({ state: 'draft' });
    const adminNotes = await t.database.db.select().from(notifications).where(and(eq(notifications.userId, await userId('snv.quantri')), eq(notifications.kind, 'unit.submitted')));
    expect(adminNotes.length).toBe(1);
    expect(adminNotes[0]!.link).toBe(`/assessments/${demo.cycleId}/${unitIdOf.get('STP')}`);
    const appraiserNotes = await t.database.db.select().from(notifications).where(and(eq(notifications.userId, await userId('snv.thamdinh')), eq(notifications.kind, 'unit.submitted')));
    expect(appraiserNotes.length).toBe(1);
  });

  it('return for revision needs a reason; the unit is notified (and e-mailed) and its criteria go back to draft', async () => {
    const sent: string[] = [];
    const transport = nodemailer.createTransport({ jsonTransport: true });
    const orig = transport.sendMail.bind(transport);
    transport.sendMail = ((mail: { to: string }) => {
      sent.push(String(mail.to));
      return orig(mail as never);
    }) as never;
    configureMail({ transport, from: 'chiso <chiso@example.invalid>' });

    const noReason = await call('snv.thamdinh', 'POST', url('STP', 'return_for_revision'), {});
    expect(noReason.statusCode).toBe(422);
    expect(noReason.json().error.message).toBe('Cần nêu lý do');
    const byUnit = await call('stp.lanhdao', 'POST', url('STP', 'return_for_revision'), { reason: 'x' });
    expect(byUnit.statusCode).toBe(403);
    const ok = await call('snv.thamdinh', 'POST', url('STP', 'return_for_revision'), { reason: 'Thiếu tài liệu kiểm chứng tiêu chí 1.2' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().state).toBe('returned_for_revision');
    const stored = await loadUnitCriterionRecords(t.database.db, demo.cycleId, unitIdOf.get('STP')!);
    expect([...stored.values()].every((s) => s.record.status === 'draft')).toBe(true);

    const head = await call('stp.lanhdao', 'GET', '/api/notifications');
    const note = head.json().items.find((n: { kind: string }) => n.kind === 'unit.returned_for_revision');
    expect(note.body).toContain('Thiếu tài liệu kiểm chứng tiêu chí 1.2');
    await mailIdle();
    const [row] = await t.database.db.select().from(notifications).where(eq(notifications.id, note.id));
    expect(row!.emailedAt).not.toBeNull();
    expect(sent).toContain('stp.lanhdao@example.invalid');
    configureMail({});
  });

  it('after the deadline the head cannot submit; an extension lets that one unit submit late', async () => {
    const now = Date.now();
    await patchCycle({
      calendar: {
        selfAssessmentDeadline: iso(now - DAY), appraisalFrom: iso(now - 2 * DAY), appraisalTo: iso(now + 30 * DAY),
        explanationFrom: iso(now - 2 * DAY), explanationTo: iso(now + 30 * DAY), councilDate: iso(now + 35 * DAY), publicationDate: iso(now + 40 * DAY),
      },
    });
    const late = await call('stp.lanhdao', 'POST', url('STP', 'submit'), {});
    expect(late.statusCode).toBe(422);
    expect(late.json().error.message).toContain('quá hạn');
    await fillUnit(unitIdOf.get('SCT')!);
    expect((await call('sct.lanhdao', 'POST', url('SCT', 'submit'), {})).statusCode).toBe(422);

    const ext = await call('snv.quantri', 'POST', `/api/cycles/${demo.cycleId}/units/${unitIdOf.get('STP')}/extension`, { until: iso(now + 2 * DAY), reason: 'Đơn vị đang sắp xếp tổ chức bộ máy' });
    expect(ext.statusCode, ext.body).toBe(200);
    expect(ext.json().units.find((u: { unitId: string }) => u.unitId === unitIdOf.get('STP')).extensionReason).toBe('Đơn vị đang sắp xếp tổ chức bộ máy');
    // The unit's own page shows its own deadline; another unit still the cycle's.
    const assessment = (code: string, user: string) => call(user, 'GET', `/api/cycles/${demo.cycleId}/units/${unitIdOf.get(code)}/assessment`);
    expect((await assessment('STP', 'stp.lanhdao')).json().deadline).toBe(new Date(iso(now + 2 * DAY)).toISOString());
    expect((await assessment('SCT', 'sct.lanhdao')).json().deadline).toBe(new Date(iso(now - DAY)).toISOString());
    const ok = await call('stp.lanhdao', 'POST', url('STP', 'submit'), {});
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().state).toBe('submitted');
    // Only STP got the extension.
    expect((await call('sct.lanhdao', 'POST', url('SCT', 'submit'), {})).statusCode).toBe(422);
  });

  it('progress: administrator sees submitted and filled counts; a unit officer may not', async () => {
    const r = await call('snv.quantri', 'GET', `/api/cycles/${demo.cycleId}/progress`);
    expect(r.statusCode).toBe(200);
    const p = r.json();
    expect(p.totals.units).toBe(demo.unitIds.length);
    expect(p.totals.submitted).toBe(1);
    const stp = p.units.find((u: { unitId: string }) => u.unitId === unitIdOf.get('STP'));
    expect(stp.submitted).toBe(true);
    expect(p.agencies.find((a: { agency: string }) => a.agency === 'SNV').assigned).toBeGreaterThan(0);
    expect((await call('stp.canbo', 'GET', `/api/cycles/${demo.cycleId}/progress`)).statusCode).toBe(403);
  });
});

describe('notifications', () => {
  it('each user reads and marks only their own', async () => {
    const list = (await call('stp.lanhdao', 'GET', '/api/notifications')).json();
    expect(list.unread).toBeGreaterThan(0);
    const first = list.items[0];
    expect((await call('sct.lanhdao', 'POST', `/api/notifications/${first.id}/read`)).statusCode).toBe(404);
    expect((await call('stp.lanhdao', 'POST', `/api/notifications/${first.id}/read`)).statusCode).toBe(204);
    expect((await call('stp.lanhdao', 'GET', '/api/notifications')).json().unread).toBe(list.unread - 1);
    const all = await call('stp.lanhdao', 'POST', '/api/notifications/read-all');
    expect(all.json().read).toBe(list.unread - 1);
    expect((await call('stp.lanhdao', 'GET', '/api/notifications')).json().unread).toBe(0);
    expect((await t.app.inject({ method: 'GET', url: '/api/notifications' })).statusCode).toBe(401);
  });

  it('deadline-approaching notices go out once per deadline', async () => {
    const db = t.database.db;
    const ctx = await loadCycleContext(db, demo.cycleId);
    // SCT (draft, deadline passed yesterday): nothing; two days before the STP-like deadline of SYT: a notice.
    const deadline = ctx.cycle.selfAssessmentDeadline.getTime();
    const before = new Date(deadline - 2 * DAY);
    const created = await notifyApproachingDeadlines(db, before);
    expect(created).toBeGreaterThan(0);
    const syt = await db.select().from(notifications).where(and(eq(notifications.userId, await userId('syt.canbo')), eq(notifications.kind, 'deadline.self_assessment')));
    expect(syt).toHaveLength(1);
    expect(await notifyApproachingDeadlines(db, new Date(before.getTime() + 3_600_000))).toBe(0);
    // A week before: too early.
    const early = await db.select().from(notifications).where(eq(notifications.kind, 'deadline.self_assessment'));
    expect(await notifyApproachingDeadlines(db, new Date(deadline - 7 * DAY))).toBe(0);
    expect((await db.select().from(notifications).where(eq(notifications.kind, 'deadline.self_assessment'))).length).toBe(early.length);
  });
});
