import { startOfDayVn } from '@chiso/core';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config/env';
import { auditEvents } from '../src/db/schema/audit';
import { notificationDigests } from '../src/db/schema/notification-digests';
import { notifications } from '../src/db/schema/cycles';
import { sendDailyDigests } from '../src/services/notifications/digest';
import { publicUrlWarning, startNotificationJobs } from '../src/services/notifications/jobs';
import { mailIdle } from '../src/services/notifications/mailer';
import { inTransaction, systemContext } from '../src/services/context';
import { notify } from '../src/services/notifications/notification-service';
import { createTestApp, type TestApp } from './support/app';
import { createUnit, createUser, type CreatedUser } from './support/factories';
import { loginAs, type LoggedIn } from './support/login';
import { captureMail } from './support/mail';
import { createPubCycle, type PubCycle } from './publication-fixtures';

const HOUR = 3_600_000;
const publicUrl = 'https://cchc.example.vn';
/** Day D = 10/04/2030 (Vietnam); the digest hour is 7. */
const D = startOfDayVn(2030, 4, 10);
const at = (dayOffset: number, hour: number, minute = 0) => new Date(D + dayOffset * 24 * HOUR + hour * HOUR + minute * 60_000);

let t: TestApp;
let c: PubCycle;
let digestUser: CreatedUser;
let eachUser: CreatedUser;
let session: LoggedIn;
let mail: ReturnType<typeof captureMail>;

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  c = await createPubCycle(db, { unitCount: 1 });
  const unit = await createUnit(db);
  digestUser = await createUser(db, { roles: ['admin'], unitId: unit.id, email: 'quantri@example.invalid' });
  eachUser = await createUser(db, { roles: ['admin'], unitId: unit.id, email: 'tungthu@example.invalid' });
  session = await loginAs(t.app, digestUser.username, digestUser.password);
  mail = captureMail({ publicUrl });
});
afterAll(async () => {
  mail?.off();
  await t?.close();
});

/** An event for both users, committed, with its immediate e-mails started. */
async function event(title: string, when: Date, link: string | null) {
  const db = t.database.db;
  await inTransaction(systemContext(db, () => when), (tc) => notify(tc, [{ id: digestUser.id }, { id: eachUser.id }], { kind: 'test.event', title, body: `Nội dung: ${title}`, link }));
  await mailIdle();
}
const digest = (when: Date) => sendDailyDigests(t.database.db, { hour: 7, now: when });
const digestsTo = () => mail.sent.filter((m) => m.to === 'quantri@example.invalid');

describe('the notification preference', () => {
  it('is one message per event by default; the user chooses the daily digest on their own account (audited)', async () => {
    const get = await t.app.inject({ method: 'GET', url: '/api/notifications/preferences', headers: session.headers });
    expect(get.json()).toEqual({ delivery: 'immediate', email: 'quantri@example.invalid', mailEnabled: true, digestHour: 7 });
    const bad = await t.app.inject({ method: 'PUT', url: '/api/notifications/preferences', headers: session.headers, payload: { delivery: 'weekly' } });
    expect(bad.statusCode).toBe(400);
    const put = await t.app.inject({ method: 'PUT', url: '/api/notifications/preferences', headers: session.headers, payload: { delivery: 'daily_digest' } });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json().delivery).toBe('daily_digest');
    const audit = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, digestUser.id), eq(auditEvents.action, 'set_notification_delivery')));
    expect(audit).toMatchObject([{ before: { notificationDelivery: 'immediate' }, after: { notificationDelivery: 'daily_digest' } }]);
    expect((await t.app.inject({ method: 'GET', url: '/api/notifications/preferences' })).statusCode).toBe(401);
  });
});

describe('the daily digest', () => {
  it('replaces the mail per event: one message a day at the digest hour, grouped per cycle, with absolute links', async () => {
    // D-1 07:00: the first digest of D-1 finds nothing and sends nothing.
    expect(await digest(at(-1, 7))).toBe(0);
    await event('Đơn vị đã gửi tự đánh giá', at(-1, 9), `/assessments/${c.cycleId}/${c.units[0]!.id}`);
    await event('Tài khoản mới', at(-1, 15), '/users');
    await event('Yêu cầu giải trình', at(0, 6), `/council?cycle=${c.cycleId}`);
    // The other user had one mail per event; the digest user none yet.
    expect(mail.sent.filter((m) => m.to === 'tungthu@example.invalid')).toHaveLength(3);
    expect(digestsTo()).toEqual([]);

    expect(await digest(at(0, 6, 59))).toBe(0);
    expect(await digest(at(0, 7))).toBe(1);
    const [m] = digestsTo();
    expect(m!.subject).toBe('[chiso] Tóm tắt thông báo ngày 10/04/2030 (3)');
    const cycleHeading = m!.text.indexOf(`■ ${(await t.database.db.query.cycles.findFirst({ where: (x, { eq: is }) => is(x.id, c.cycleId) }))!.name}`);
    const other = m!.text.indexOf('■ Thông báo khác');
    expect(cycleHeading).toBeGreaterThan(0);
    expect(other).toBeGreaterThan(cycleHeading);
    expect(m!.text.indexOf('Yêu cầu giải trình')).toBeLessThan(other);
    expect(m!.text.indexOf('Tài khoản mới')).toBeGreaterThan(other);
    expect(m!.text).toContain(`Xem: ${publicUrl}/assessments/${c.cycleId}/${c.units[0]!.id}`);
    expect(m!.text).toContain(`Xem: ${publicUrl}/users`);
    expect(m!.text).not.toMatch(/Xem: \//);
  });

  it('is never sent twice for one day, across ticks and restarts, and loses no event', async () => {
    expect(await digest(at(0, 7, 5))).toBe(0);
    // A restart: e-mail configured again, the timer starts again.
    mail = captureMail({ publicUrl, sent: mail.sent });
    expect(await digest(at(0, 7, 10))).toBe(0);
    await event('Sau giờ gửi tóm tắt', at(0, 7, 1), null);
    expect(await digest(at(0, 22))).toBe(0);
    expect(await digest(at(1, 7))).toBe(1);
    expect(digestsTo()).toHaveLength(2);
    expect(digestsTo()[1]!.text).toContain('Sau giờ gửi tóm tắt');
    const rows = await t.database.db.select().from(notificationDigests).where(eq(notificationDigests.userId, digestUser.id));
    expect(rows.map((r) => r.day).sort()).toEqual(['2030-04-09', '2030-04-10', '2030-04-11']);
    const waiting = await t.database.db.select().from(notifications).where(eq(notifications.userId, digestUser.id));
    expect(waiting.every((n) => n.emailedAt !== null && n.digestId !== null)).toBe(true);
  });

  it('a failed send is retried at the next tick with the same events', async () => {
    await event('Kết quả đã công bố', at(1, 12), `/cycles/${c.cycleId}`);
    mail.failNext();
    expect(await digest(at(2, 7))).toBe(0);
    expect(digestsTo()).toHaveLength(2);
    expect(await digest(at(2, 7, 5))).toBe(1);
    expect(digestsTo()).toHaveLength(3);
    expect(digestsTo()[2]!.text).toContain('Kết quả đã công bố');
    expect(await digest(at(2, 7, 10))).toBe(0);
  });

  it('a digest whose send failed and whose day is over: its events go in the digest of the next day', async () => {
    await event('Thư lỗi hôm trước', at(2, 9), null);
    mail.failNext();
    expect(await digest(at(3, 7))).toBe(0);
    // No tick again on day 3 (SMTP down, or chiso stopped): the next day's digest carries the event.
    expect(await digest(at(4, 7))).toBe(1);
    expect(digestsTo().at(-1)!.subject).toBe('[chiso] Tóm tắt thông báo ngày 14/04/2030 (1)');
    expect(digestsTo().at(-1)!.text).toContain('Thư lỗi hôm trước');
    expect(await digest(at(4, 8))).toBe(0);
  });

  it('leaving the digest, what was waiting for the next one is e-mailed at once, not lost', async () => {
    await event('Chờ thư tóm tắt', at(4, 12), `/cycles/${c.cycleId}`);
    const put = await t.app.inject({ method: 'PUT', url: '/api/notifications/preferences', headers: session.headers, payload: { delivery: 'immediate' } });
    expect(put.statusCode, put.body).toBe(200);
    await mailIdle();
    const mails = digestsTo().filter((m) => m.subject === '[chiso] Chờ thư tóm tắt');
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text).toContain(`${publicUrl}/cycles/${c.cycleId}`);
    // No digest any more, and nothing is sent twice.
    expect(await digest(at(5, 7))).toBe(0);
    await event('Sau khi đổi', at(5, 8), null);
    expect(digestsTo().filter((m) => m.subject === '[chiso] Sau khi đổi')).toHaveLength(1);
    expect(digestsTo().filter((m) => m.subject === '[chiso] Chờ thư tóm tắt')).toHaveLength(1);
  });
});

describe('settings', () => {
  it('CHISO_PUBLIC_URL must be an http(s) address; CHISO_DIGEST_HOUR an hour', () => {
    expect(() => loadConfig({ CHISO_PUBLIC_URL: 'cchc.tinh.gov.vn' }, '/')).toThrow(ConfigError);
    expect(() => loadConfig({ CHISO_PUBLIC_URL: 'ftp://cchc.tinh.gov.vn' }, '/')).toThrow(/CHISO_PUBLIC_URL/);
    expect(loadConfig({ CHISO_PUBLIC_URL: 'https://cchc.tinh.gov.vn/chiso/' }, '/').publicUrl).toBe('https://cchc.tinh.gov.vn/chiso');
    expect(loadConfig({}, '/')).toMatchObject({ publicUrl: undefined, digestHour: 7, reminderDays: [3, 1] });
    expect(() => loadConfig({ CHISO_DIGEST_HOUR: '24' }, '/')).toThrow(/CHISO_DIGEST_HOUR/);
    expect(loadConfig({ CHISO_REMINDER_DAYS: '1, 7,3' }, '/').reminderDays).toEqual([7, 3, 1]);
  });

  it('with SMTP but no CHISO_PUBLIC_URL, the start logs one clear warning', async () => {
    const warnings: string[] = [];
    const log = { warn: (_o: unknown, msg?: string) => void warnings.push(msg ?? ''), error: () => {} };
    const config = loadConfig({ CHISO_SMTP_URL: 'smtp://mail.example.invalid:25' }, '/');
    await startNotificationJobs(t.database.db, config, log).stop();
    expect(warnings).toEqual([publicUrlWarning]);
    await startNotificationJobs(t.database.db, { ...config, publicUrl }, log).stop();
    expect(warnings).toHaveLength(1);
  });
});
