import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { criterionRecords, cycleUnits, notifications } from '../src/db/schema/cycles';
import { notifyApproachingDeadlines } from '../src/services/notifications/deadlines';
import { mailIdle } from '../src/services/notifications/mailer';
import { createTestApp, type TestApp } from './support/app';
import { createUser, type CreatedUser } from './support/factories';
import { captureMail } from './support/mail';
import { cal, createPubCycle, type PubCycle } from './publication-fixtures';

/** Reminders before each deadline, with an injected clock (the fixture's calendar is in 2030). */
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const publicUrl = 'https://cchc.example.vn/chiso';

let t: TestApp;
let c: PubCycle;
let mail: ReturnType<typeof captureMail>;
const people: Record<string, CreatedUser> = {};

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  c = await createPubCycle(db, { unitCount: 3 });
  const email = (name: string) => ({ email: `${name}@example.invalid` });
  people.officer0 = await createUser(db, { roles: ['unit_officer'], unitId: c.units[0]!.id, ...email('officer0') });
  people.head0 = await createUser(db, { roles: ['unit_head'], unitId: c.units[0]!.id, ...email('head0') });
  people.head1 = await createUser(db, { roles: ['unit_head'], unitId: c.units[1]!.id, ...email('head1') });
  people.appraiser = await createUser(db, { roles: ['appraiser'], unitId: c.agencyUnits.SNV.id, ...email('snv') });
  people.council = await createUser(db, { roles: ['council_member'], unitId: c.agencyUnits.SNV.id, ...email('council') });
  // Unit 1 already submitted: it gets no self-assessment reminder.
  await db.update(cycleUnits).set({ state: 'submitted' }).where(and(eq(cycleUnits.cycleId, c.cycleId), eq(cycleUnits.unitId, c.units[1]!.id)));
  await db.update(criterionRecords).set({ status: 'pending' }).where(and(eq(criterionRecords.cycleId, c.cycleId), eq(criterionRecords.unitId, c.units[1]!.id)));
  mail = captureMail({ publicUrl });
});
afterAll(async () => {
  mail?.off();
  await t?.close();
});

const ofKind = async (kind: string) =>
  t.database.db.select().from(notifications).where(and(eq(notifications.kind, kind), like(notifications.link, `%${c.cycleId}%`)));
const remind = (at: number) => notifyApproachingDeadlines(t.database.db, new Date(at), [3, 1]);

describe('reminders before the self-assessment deadline', () => {
  const deadline = cal.selfAssessmentDeadline;

  it('are not sent before the first lead time', async () => {
    await remind(deadline - 4 * DAY);
    expect(await ofKind('deadline.self_assessment')).toEqual([]);
  });

  it('go out 3 days before to the officers and head of units still editing, once, and not again after a restart', async () => {
    await remind(deadline - 3 * DAY + HOUR);
    const sent = await ofKind('deadline.self_assessment');
    expect(sent.map((n) => n.userId).sort()).toEqual([people.officer0!.id, people.head0!.id].sort());
    expect(sent[0]!.title).toContain('còn 3 ngày');
    // Every hour after, and after a restart (the function keeps nothing in memory): nothing new.
    expect(await remind(deadline - 3 * DAY + 2 * HOUR)).toBe(0);
    expect(await remind(deadline - 2 * DAY)).toBe(0);
    expect(await ofKind('deadline.self_assessment')).toHaveLength(2);
  });

  it('go out again 1 day before (the second lead time), once', async () => {
    await remind(deadline - 20 * HOUR);
    await remind(deadline - 19 * HOUR);
    const sent = await ofKind('deadline.self_assessment');
    expect(sent).toHaveLength(4);
    expect(sent.filter((n) => n.title.includes('còn 1 ngày')).map((n) => n.userId).sort()).toEqual([people.officer0!.id, people.head0!.id].sort());
    // After the deadline: nothing.
    expect(await remind(deadline + HOUR)).toBe(0);
  });

  it('are e-mailed with absolute links built from CHISO_PUBLIC_URL', async () => {
    await mailIdle();
    const toHead0 = mail.sent.filter((m) => m.to === 'head0@example.invalid');
    expect(toHead0).toHaveLength(2);
    for (const m of toHead0) {
      expect(m.text).toContain(`Xem chi tiết: ${publicUrl}/assessments/${c.cycleId}/${c.units[0]!.id}`);
      expect(m.text).not.toMatch(/: \/assessments/);
    }
    expect(mail.sent.some((m) => m.to === 'head1@example.invalid')).toBe(false);
  });
});

describe('reminders before the end of the appraisal window and the council meeting', () => {
  it('reach the appraisers of an agency with undecided criteria, once per lead time', async () => {
    await remind(cal.appraisalTo - 2 * DAY);
    await remind(cal.appraisalTo - 2 * DAY + HOUR);
    const sent = await ofKind('deadline.appraisal');
    expect(sent.map((n) => n.userId)).toEqual([people.appraiser!.id]);
    expect(sent[0]!.body).toMatch(/còn \d+ tiêu chí chưa thẩm định/);
  });

  it('reach the council members before the meeting while results await approval', async () => {
    await remind(cal.councilDate - 3 * DAY - HOUR);
    expect(await ofKind('deadline.council')).toEqual([]);
    await remind(cal.councilDate - 2 * DAY);
    await remind(cal.councilDate - 10 * HOUR);
    await remind(cal.councilDate - 9 * HOUR);
    const sent = await ofKind('deadline.council');
    expect(sent.map((n) => n.userId)).toEqual([people.council!.id, people.council!.id]);
    await mailIdle();
    const m = mail.sent.find((x) => x.to === 'council@example.invalid')!;
    expect(m.text).toContain(`${publicUrl}/council?cycle=${c.cycleId}`);
  });
});
