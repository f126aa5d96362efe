// The council chair decides with eyes open (issue 7, blocker 4): the council table carries, per
// criterion, the unit's self score, the appraised score with its reason, the proposal with its
// reason and its proposer's name; nobody approves or rejects their own proposal. And a unit's
// deadline cannot be extended past the council's meeting. All over HTTP.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { criterionRecords, cycles } from '../src/db/schema/cycles';
import { createTestApp, type TestApp } from './support/app';
import { loginAs, type LoggedIn } from './support/login';
import { createAppraisalCycle, recordRow, setSelf, setUnitState, type AppraisalCycle } from './appraisal-fixtures';

const DAY = 86_400_000;
let t: TestApp;
let c: AppraisalCycle;
let X: string;
const sessions: Partial<Record<'member' | 'chair' | 'admin', LoggedIn>> = {};
const now = Date.now();

async function call(who: 'member' | 'chair' | 'admin', method: 'GET' | 'POST', url: string, payload?: unknown) {
  sessions[who] ??= await loginAs(t.app, c.users[who].username, c.users[who].password);
  return t.app.inject({ method, url: `/api/cycles/${c.cycleId}${url}`, payload: payload as never, headers: sessions[who].headers });
}

interface Disputed {
  nodeKey: string; self: string | null; appraised: string | null; appraisalReason: string | null; version: number;
  proposal: { points: string | null; reason: string; approved: boolean; proposedBy: { id: string; name: string } | null } | null;
  may: { propose: boolean; approve: boolean };
}
async function disputed(who: 'member' | 'chair', nodeKey: string): Promise<Disputed | undefined> {
  const r = await call(who, 'GET', `/council?groupId=${c.groupId}`);
  expect(r.statusCode, r.body).toBe(200);
  const row = (r.json() as { rows: { unit: { id: string }; disputed: Disputed[] }[] }).rows.find((x) => x.unit.id === X)!;
  return row.disputed.find((d) => d.nodeKey === nodeKey);
}
const criterion = (nodeKey: string, action: string) => `/units/${X}/criteria/${nodeKey}/${action}`;

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  c = await createAppraisalCycle(db, 1);
  X = c.units[0]!.id;
  await setSelf(db, c, X, 'ke-hoach', { kind: 'yes_no', value: true }, '4', 'appraised');
  await setSelf(db, c, X, 'bao-cao', { kind: 'choice', option: 'du' }, '6', 'appraised');
  const where = (nodeKey: string) => and(eq(criterionRecords.cycleId, c.cycleId), eq(criterionRecords.unitId, X), eq(criterionRecords.nodeKey, nodeKey));
  await db.update(criterionRecords).set({
    appraisalKind: 'adjust', appraisalValue: { notApplicable: false, points: 3000, input: { kind: 'choice', option: 'tre' } },
    appraisedPoints: '3', appraisalReason: 'Báo cáo nộp trễ hạn', appraisalAgency: 'STP', appraisedAt: new Date(now - 3 * DAY),
  }).where(where('bao-cao'));
  await db.update(criterionRecords).set({
    appraisalKind: 'accept', appraisalValue: { notApplicable: false, points: 4000, input: { kind: 'yes_no', value: true } },
    appraisedPoints: '4', appraisalAgency: 'SNV', appraisedAt: new Date(now - 3 * DAY),
  }).where(where('ke-hoach'));
  await setUnitState(db, c, X, 'appraised');
  // The council met yesterday; publication in ten days.
  await db.update(cycles).set({
    selfAssessmentDeadline: new Date(now - 6 * DAY), appraisalFrom: new Date(now - 5 * DAY), appraisalTo: new Date(now - 2 * DAY),
    explanationFrom: new Date(now - 5 * DAY), explanationTo: new Date(now - 2 * DAY), councilDate: new Date(now - DAY), publicationDate: new Date(now + 10 * DAY),
  }).where(eq(cycles.id, c.cycleId));
});
afterAll(async () => t?.close());

describe('the council chair sees who proposed what and why', () => {
  it('a member\'s proposal: the chair sees self, appraised (with reason), proposal, reason and proposer, and approves', async () => {
    const before = await disputed('member', 'bao-cao');
    expect(before).toMatchObject({ self: '6', appraised: '3', appraisalReason: 'Báo cáo nộp trễ hạn', proposal: null, may: { propose: true, approve: false } });
    const proposed = await call('member', 'POST', criterion('bao-cao', 'propose'), { version: before!.version, value: { points: '6' }, reason: 'Có văn bản gia hạn nộp báo cáo' });
    expect(proposed.statusCode, proposed.body).toBe(200);
    expect(proposed.json().council).toMatchObject({ reason: 'Có văn bản gia hạn nộp báo cáo', proposedBy: { id: c.users.member.id, name: c.users.member.fullName } });

    const seen = await disputed('chair', 'bao-cao');
    expect(seen).toMatchObject({
      self: '6', appraised: '3', appraisalReason: 'Báo cáo nộp trễ hạn',
      proposal: { points: '6', reason: 'Có văn bản gia hạn nộp báo cáo', approved: false, proposedBy: { id: c.users.member.id, name: c.users.member.fullName } },
      may: { approve: true },
    });
    expect((await disputed('member', 'bao-cao'))!.may.approve).toBe(false);
    const approved = await call('chair', 'POST', criterion('bao-cao', 'approve'), { version: seen!.version });
    expect(approved.statusCode, approved.body).toBe(200);
    expect((await disputed('chair', 'bao-cao'))!.proposal).toMatchObject({ approved: true, proposedBy: { name: c.users.member.fullName } });
  });

  it('nobody approves or rejects their own proposal (422 with what to do); another member\'s proposal over it can be approved', async () => {
    // Accepted as self-assessed: not disputed, so not in the table until someone proposes.
    expect(await disputed('chair', 'ke-hoach')).toBeUndefined();
    const v0 = (await recordRow(t.database.db, c, X, 'ke-hoach')).version;
    const own = await call('chair', 'POST', criterion('ke-hoach', 'propose'), { version: v0, value: { points: '0' }, reason: 'Kế hoạch ban hành muộn' });
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json().may.approve).toBe(false);
    const mine = await disputed('chair', 'ke-hoach');
    expect(mine).toMatchObject({ proposal: { proposedBy: { id: c.users.chair.id } }, may: { approve: false, propose: true } });

    for (const [action, body] of [['approve', {}], ['reject', { reason: 'Không' }]] as const) {
      const r = await call('chair', 'POST', criterion('ke-hoach', action), { version: mine!.version, ...body });
      expect(r.statusCode, r.body).toBe(422);
      expect(r.json().error.message).toContain('bạn là người đề xuất điểm này nên không tự phê duyệt hay bác bỏ');
    }

    const byMember = await call('member', 'POST', criterion('ke-hoach', 'propose'), { version: mine!.version, value: { points: '0' }, reason: 'Thống nhất: kế hoạch ban hành muộn' });
    expect(byMember.statusCode, byMember.body).toBe(200);
    const now2 = await disputed('chair', 'ke-hoach');
    expect(now2).toMatchObject({ proposal: { proposedBy: { id: c.users.member.id } }, may: { approve: true } });
    expect((await call('chair', 'POST', criterion('ke-hoach', 'approve'), { version: now2!.version })).statusCode).toBe(200);
  });
});

describe('deadline extensions', () => {
  it('are refused past the council date, with the date and what to do; allowed before it', async () => {
    const late = await call('admin', 'POST', `/units/${X}/extension`, { until: new Date(now + 2 * DAY).toISOString(), reason: 'Đơn vị sắp xếp bộ máy' });
    expect(late.statusCode, late.body).toBe(422);
    expect(late.json().error).toMatchObject({ code: 'RULE_VIOLATION', details: [{ path: 'until' }] });
    expect(late.json().error.message).toMatch(/^Không thể gia hạn đến sau ngày họp Hội đồng thẩm định \(\d{2}\/\d{2}\/\d{4}.*dời ngày họp Hội đồng/);
    const ok = await call('admin', 'POST', `/units/${X}/extension`, { until: new Date(now - 3 * DAY).toISOString(), reason: 'Đơn vị sắp xếp bộ máy' });
    expect(ok.statusCode, ok.body).toBe(200);
  });
});
