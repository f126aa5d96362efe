import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { criterionEvidence, criterionRecords, cycleUnits, cycles } from '../src/db/schema/cycles';
import { dataFeedValues } from '../src/db/schema/data-feeds';
import { evidenceDocuments, evidenceFiles } from '../src/db/schema/evidence';
import { conclusionNotices, followUpTaskLinks, followUpTasks } from '../src/db/schema/follow-up-tasks';
import type { CycleRiskView, UnitRiskView } from '@chiso/contract';
import { createTestApp, type TestApp } from './support/app';
import { createUser } from './support/factories';
import { loginAs, type LoggedIn } from './support/login';
import { createPubCycle, pubFramework, type PubCycle, setSelfInput } from './publication-fixtures';

/**
 * Mid-year risk on the publication fixture (self-assessment deadline 31/01/2030) plus a one-stop-shop
 * feed (≥ 95% → 6, 80–95% → 3, < 80% → 0):
 * - A claims 1.1 (4, with evidence) and 1.2 (6, no evidence); its feed is 85% (3 of 6);
 * - B has entered nothing; a task linked to its 1.1 was due 05/01/2030 and is still open (a done
 *   one linked to 1.2 is not a risk);
 * - C's appraisal is final: nothing is at risk any more.
 */
const riskFramework = {
  ...pubFramework,
  nodes: [
    ...pubFramework.nodes,
    {
      key: 'mot-cua', code: '3', name: 'Một cửa', maxPoints: '6', appraisingAgency: 'SNV',
      children: [{
        key: 'dung-han', code: '3.1', name: 'Tỷ lệ hồ sơ đúng hạn', maxPoints: '6', source: 'data_feed',
        rule: {
          type: 'data_feed', feed: 'mot-cua.dung-han', numeratorLabel: 'Số hồ sơ đúng hạn', denominatorLabel: 'Tổng số hồ sơ', zeroDenominator: 'not_applicable',
          scoring: { kind: 'tiers', tiers: [
            { lower: { percent: '95', inclusive: true }, upper: null, points: '6' },
            { lower: { percent: '80', inclusive: true }, upper: { percent: '95', inclusive: false }, points: '3' },
            { lower: null, upper: { percent: '80', inclusive: false }, points: '0' },
          ] },
        },
      }],
    },
  ],
};

let t: TestApp;
let c: PubCycle;
let admin: LoggedIn;
let leader: LoggedIn;
let officerA: LoggedIn;
let appraiser: LoggedIn;
let a: string;
let b: string;

const setSelf = (unitId: string, nodeKey: string, input: unknown) => setSelfInput(t.database.db, c.cycleId, unitId, nodeKey, input);

async function login(roles: ('admin' | 'leader_viewer' | 'unit_officer' | 'appraiser')[], unitId: string, scopeUnitId?: string) {
  const u = await createUser(t.database.db, { roles, unitId, ...(scopeUnitId ? { scopeUnitId } : {}) });
  return loginAs(t.app, u.username, u.password);
}

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  c = await createPubCycle(db, { document: riskFramework });
  [a, b] = c.units.map((u) => u.id) as [string, string];
  const done = c.units[2]!.id;
  await setSelf(a, 'ke-hoach', { kind: 'yes_no', value: true });
  await setSelf(a, 'bao-cao', { kind: 'choice', option: 'du' });
  const [plan] = await db.select().from(criterionRecords)
    .where(and(eq(criterionRecords.cycleId, c.cycleId), eq(criterionRecords.unitId, a), eq(criterionRecords.nodeKey, 'ke-hoach')));
  const [file] = await db.insert(evidenceFiles).values({ sha256: 'd'.repeat(64), size: 10, mimeType: 'application/pdf' }).returning();
  const [doc] = await db.insert(evidenceDocuments).values({ fileId: file!.id, ownerUnitId: a, originalName: 'ke-hoach.pdf', title: 'Kế hoạch CCHC' }).returning();
  await db.insert(criterionEvidence).values({ criterionRecordId: plan!.id, evidenceDocumentId: doc!.id });
  await db.insert(dataFeedValues).values([
    { cycleId: c.cycleId, unitId: a, nodeKey: 'dung-han', numerator: '85', denominator: '100', period: '2030', channel: 'import', source: 'Một cửa' },
    { cycleId: c.cycleId, unitId: done, nodeKey: 'dung-han', numerator: '10', denominator: '100', period: '2030', channel: 'import', source: 'Một cửa' },
  ]);
  await db.update(cycleUnits).set({ state: 'appraised' }).where(and(eq(cycleUnits.cycleId, c.cycleId), eq(cycleUnits.unitId, done)));
  const [notice] = await db.insert(conclusionNotices).values({ number: '12/TB-UBND', issuedOn: '2029-12-20', chairedBy: 'Chủ tịch UBND tỉnh', title: 'Kết luận', year: 2029 }).returning();
  const tasks = await db.insert(followUpTasks).values([
    { noticeId: notice!.id, title: 'Ban hành kế hoạch CCHC năm 2030', responsibleUnitId: b, deadline: '2030-01-05', status: 'open' },
    { noticeId: notice!.id, title: 'Báo cáo quý IV', responsibleUnitId: b, deadline: '2030-01-05', status: 'done', completedAt: new Date() },
    { noticeId: notice!.id, title: 'Của đơn vị đã thẩm định xong', responsibleUnitId: done, deadline: '2030-01-05', status: 'open' },
  ]).returning();
  await db.insert(followUpTaskLinks).values([
    { taskId: tasks[0]!.id, kind: 'criterion', frameworkVersionId: c.frameworkVersionId, nodeKey: 'ke-hoach' },
    { taskId: tasks[1]!.id, kind: 'criterion', frameworkVersionId: c.frameworkVersionId, nodeKey: 'bao-cao' },
    { taskId: tasks[2]!.id, kind: 'criterion', frameworkVersionId: c.frameworkVersionId, nodeKey: 'ke-hoach' },
  ]);
  admin = await login(['admin'], c.agencyUnits.SNV.id);
  leader = await login(['leader_viewer'], c.agencyUnits.SNV.id);
  officerA = await login(['unit_officer'], a);
  appraiser = await login(['appraiser'], c.agencyUnits.STP.id);
});
afterAll(async () => t?.close());

const cycleRisk = (who: LoggedIn, query = '') => t.app.inject({ method: 'GET', url: `/api/cycles/${c.cycleId}/risk${query}`, headers: who.headers });
const unitRisk = (who: LoggedIn, unitId: string, query = '') => t.app.inject({ method: 'GET', url: `/api/cycles/${c.cycleId}/units/${unitId}/risk${query}`, headers: who.headers });
const lines = (v: { lines: CycleRiskView['lines'] }) => v.lines.map((l) => [l.unitCode, l.code, l.kind, l.pointsAtRisk, l.counted]);

describe('mid-year risk of a cycle', () => {
  it('three weeks before the deadline: the feed below its tier and the overdue task, not yet the missing evidence', async () => {
    const res = await cycleRisk(admin, '?asOf=2030-01-10');
    expect(res.statusCode).toBe(200);
    const v = res.json() as CycleRiskView;
    const [ua, ub] = c.units;
    expect(lines(v)).toEqual([
      [ua!.code, '3.1', 'feed_below_tier', '3', true],
      [ub!.code, '1.1', 'task_overdue', '4', true],
    ]);
    const feed = v.lines[0]!;
    expect(feed).toMatchObject({ rate: '85%', threshold: '≥ 95%', agency: 'SNV', agencyName: c.agencyUnits.SNV.name, maxPoints: '6' });
    expect(feed.explanation).toBe('Tỷ lệ 85% (số liệu từ hệ thống) được 3/6 điểm; cần đạt ≥ 95% để được 6 điểm.');
    expect(v.lines[1]!.explanation).toBe('Nhiệm vụ “Ban hành kế hoạch CCHC năm 2030” quá hạn (hạn 05/01/2030), chưa hoàn thành.');
    expect(v.units.map((u) => [u.unitCode, u.points, u.criteria])).toEqual([[ub!.code, '4', 1], [ua!.code, '3', 1]]);
    expect(v.total).toEqual({ points: '7', criteria: 2 });
    expect(v.horizonDays).toBe(14);
  });

  it('from fourteen days before the deadline: the claims without evidence and what is not assessed; a criterion counts once', async () => {
    const before = (await cycleRisk(admin, '?asOf=2030-01-16')).json() as CycleRiskView;
    expect(before.lines.some((l) => l.kind === 'evidence_missing' || l.kind === 'not_assessed')).toBe(false);
    const v = (await cycleRisk(admin, '?asOf=2030-01-17')).json() as CycleRiskView;
    const [ua, ub] = c.units;
    expect(lines(v)).toEqual([
      [ua!.code, '1.2', 'evidence_missing', '6', true],
      [ua!.code, '3.1', 'feed_below_tier', '3', true],
      [ub!.code, '1.2', 'not_assessed', '6', true],
      // Tied with the blank criterion, the overdue task is the line counted: it says more.
      [ub!.code, '1.1', 'not_assessed', '4', false],
      [ub!.code, '1.1', 'task_overdue', '4', true],
    ]);
    expect(v.lines[0]!.explanation).toBe('Tự chấm 6 điểm nhưng chưa có tài liệu kiểm chứng; hạn tự đánh giá 31/01/2030 (còn 14 ngày).');
    expect(v.units.map((u) => [u.unitCode, u.points, u.criteria])).toEqual([[ub!.code, '10', 2], [ua!.code, '9', 2]]);
    expect(v.agencies.map((g) => [g.agency, g.agencyName, g.points, g.criteria])).toEqual([
      ['STP', c.agencyUnits.STP.name, '12', 2],
      ['SNV', c.agencyUnits.SNV.name, '7', 2],
    ]);
    expect(v.total).toEqual({ points: '19', criteria: 4 });
    // A wider horizon brings the evidence in earlier; after the deadline it stays.
    expect(((await cycleRisk(admin, '?asOf=2030-01-10&horizon=30')).json() as CycleRiskView).total.points).toBe('19');
    const after = (await cycleRisk(admin, '?asOf=2030-02-02')).json() as CycleRiskView;
    expect(after.total.points).toBe('19');
    expect(after.lines[0]!.explanation).toContain('đã quá hạn tự đánh giá 31/01/2030');
  });

  it('defaults to today in Vietnam and refuses a malformed date', async () => {
    const v = (await cycleRisk(leader)).json() as CycleRiskView;
    expect(v.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect((await cycleRisk(admin, '?asOf=17/01/2030')).statusCode).toBe(400);
  });
});

describe('who sees the risk', () => {
  it("the leaders read every unit; a unit's officer, an appraiser do not", async () => {
    expect((await cycleRisk(leader, '?asOf=2030-01-17')).statusCode).toBe(200);
    for (const who of [officerA, appraiser]) {
      const res = await cycleRisk(who, '?asOf=2030-01-17');
      expect(res.statusCode).toBe(403);
      expect(res.json().error.message).toMatch(/đơn vị xem danh sách của đơn vị mình/);
    }
  });

  it("a unit's officer reads its own list only", async () => {
    const own = await unitRisk(officerA, a, '?asOf=2030-01-17');
    expect(own.statusCode).toBe(200);
    const v = own.json() as UnitRiskView;
    expect(v.unitId).toBe(a);
    expect(v.lines.every((l) => l.unitId === a)).toBe(true);
    expect(v.total).toEqual({ points: '9', criteria: 2 });
    expect(v.selfAssessmentDeadline).toBe(new Date(Date.UTC(2030, 0, 31, 16, 59, 59, 999)).toISOString());
    const other = await unitRisk(officerA, b, '?asOf=2030-01-17');
    expect(other.statusCode).toBe(403);
    expect(other.json().error.message).toBe('Bạn chỉ xem được nguy cơ mất điểm của đơn vị mình.');
    expect((await unitRisk(admin, b, '?asOf=2030-01-17')).json().total).toEqual({ points: '10', criteria: 2 });
  });

  it("a scoped administrator reads its owner's cycles only", async () => {
    const stpAdmin = await login(['admin'], c.agencyUnits.STP.id, c.agencyUnits.STP.id);
    const snvAdmin = await login(['admin'], c.agencyUnits.SNV.id, c.agencyUnits.SNV.id);
    // The province's own cycle: neither scoped administrator reads it, nor a unit's list in it.
    expect((await cycleRisk(stpAdmin, '?asOf=2030-01-17')).statusCode).toBe(403);
    expect((await unitRisk(stpAdmin, a, '?asOf=2030-01-17')).statusCode).toBe(403);
    const setOwner = (ownerUnitId: string | null) => t.database.db.update(cycles).set({ ownerUnitId }).where(eq(cycles.id, c.cycleId));
    await setOwner(c.agencyUnits.STP.id);
    try {
      expect((await cycleRisk(stpAdmin, '?asOf=2030-01-17')).json().total).toEqual({ points: '19', criteria: 4 });
      expect((await unitRisk(stpAdmin, b, '?asOf=2030-01-17')).statusCode).toBe(200);
      expect((await cycleRisk(snvAdmin, '?asOf=2030-01-17')).statusCode).toBe(403);
      expect((await cycleRisk(admin, '?asOf=2030-01-17')).statusCode).toBe(200);
    } finally {
      await setOwner(null);
    }
  });
});
