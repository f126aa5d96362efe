// The demo can be played to publication (issue 7 §8): every participating demo unit has an officer
// and a head account, and on demo data the administrator moves the calendar phase by phase.
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/app';
import { loginAs } from './support/login';
import { demoPassword, loadDemoProvince, readDemoProvince } from '../src/demo/load-demo';
import { loadDemoFrameworks } from '../src/demo/load-demo-frameworks';
import { loadDemoCycle, type DemoCycleResult } from '../src/demo/load-demo-cycle';
import { demoLoadedKey, writeSetting } from '../src/db/repositories/settings-repository';
import { auditEvents } from '../src/db/schema/audit';
import { users } from '../src/db/schema/accounts';
import { units } from '../src/db/schema/units';

let t: TestApp;
let demo: DemoCycleResult;

beforeAll(async () => {
  t = await createTestApp();
  await loadDemoProvince(t.database.db);
  await loadDemoFrameworks(t.database.db);
  demo = await loadDemoCycle(t.database.db);
}, 120_000);
afterAll(async () => t?.close());

describe('demo accounts', () => {
  it('every participating unit of the demo cycle has an officer and a head, named <code>.canbo / <code>.lanhdao', async () => {
    const db = t.database.db;
    const rows = await db
      .select({ code: units.code, username: users.username, roles: users.roles, active: users.active })
      .from(users)
      .innerJoin(units, eq(units.id, users.unitId))
      .where(inArray(users.unitId, demo.unitIds));
    expect(demo.unitIds).toHaveLength(15);
    const codes = new Set(rows.map((r) => r.code));
    expect(codes.size).toBe(15);
    for (const code of codes) {
      const mine = rows.filter((r) => r.code === code && r.active);
      expect(mine.find((r) => r.roles.includes('unit_officer'))?.username, code).toBe(`${code.toLowerCase()}.canbo`);
      expect(mine.find((r) => r.roles.includes('unit_head'))?.username, code).toBe(`${code.toLowerCase()}.lanhdao`);
    }
    // The README lists them: every demo account of a participating unit is named there.
    const readme = (await import('node:fs')).readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    for (const code of codes) expect(readme, code).toContain(`\`${code.toLowerCase()}\``);
    const logged = await loginAs(t.app, 'sdttg.lanhdao', demoPassword);
    expect(logged.user.username).toBe('sdttg.lanhdao');
    expect(readDemoProvince().users.filter((u) => u.username.endsWith('.lanhdao')).length).toBeGreaterThanOrEqual(15);
  });
});

describe('demo calendar: next phase', () => {
  it('moves an open demo cycle phase by phase to publication, audited; refused past the last phase and on real data', async () => {
    const admin = await loginAs(t.app, 'snv.quantri', demoPassword);
    const get = async () => (await t.app.inject({ method: 'GET', url: `/api/cycles/${demo.cycleId}/demo-calendar`, headers: admin.headers })).json();
    const advance = async () => {
      const cycle = (await t.app.inject({ method: 'GET', url: `/api/cycles/${demo.cycleId}`, headers: admin.headers })).json();
      return t.app.inject({ method: 'POST', url: `/api/cycles/${demo.cycleId}/demo-calendar/advance`, payload: { version: cycle.version }, headers: admin.headers });
    };
    const officer = await loginAs(t.app, 'stp.canbo', demoPassword);
    expect((await t.app.inject({ method: 'GET', url: `/api/cycles/${demo.cycleId}/demo-calendar`, headers: officer.headers })).statusCode).toBe(403);

    expect(await get()).toMatchObject({ available: true, phase: 'self_assessment', next: 'appraisal', nextLabel: 'Thẩm định, giải trình' });
    const phases: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await advance();
      expect(r.statusCode, r.body).toBe(200);
      phases.push((await get()).phase);
    }
    expect(phases).toEqual(['appraisal', 'council', 'publication']);
    const cycle = (await t.app.inject({ method: 'GET', url: `/api/cycles/${demo.cycleId}`, headers: admin.headers })).json();
    expect(new Date(cycle.calendar.publicationDate).getTime()).toBeLessThanOrEqual(Date.now());
    expect((await get()).next).toBeNull();
    const last = await advance();
    expect(last.statusCode).toBe(422);
    expect(last.json().error.message).toContain('không còn giai đoạn tiếp theo');
    const events = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, demo.cycleId), eq(auditEvents.action, 'demo_advance_calendar')));
    expect(events).toHaveLength(3);

    await writeSetting(t.database.db, demoLoadedKey, false);
    expect((await get()).available).toBe(false);
    expect((await advance()).json().error.message).toContain('dữ liệu mẫu');
  });
});
