// Who proposed is who made the current proposal, even when a second proposal replaces the first
// within the same millisecond: the chair who re-proposes over a member's proposal never approves
// it as if it were the member's (issue 7, blocker 4: nobody approves their own proposal).
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { criterionRecords, cycles } from '../src/db/schema/cycles';
import { councilCommands } from './support/services';
import { createTestApp, type TestApp } from './support/app';
import { createAppraisalCycle, recordRow, setSelf, setUnitState, type AppraisalCycle } from './appraisal-fixtures';

const DAY = 86_400_000;
const now = Date.now();
let t: TestApp;
let c: AppraisalCycle;
let X: string;

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  c = await createAppraisalCycle(db, 1);
  X = c.units[0]!.id;
  await setSelf(db, c, X, 'ke-hoach', { kind: 'yes_no', value: true }, '4', 'appraised');
  await db.update(criterionRecords).set({
    appraisalKind: 'accept', appraisalValue: { notApplicable: false, points: 4000, input: { kind: 'yes_no', value: true } },
    appraisedPoints: '4', appraisalAgency: 'SNV', appraisedAt: new Date(now - 3 * DAY),
  }).where(and(eq(criterionRecords.cycleId, c.cycleId), eq(criterionRecords.unitId, X), eq(criterionRecords.nodeKey, 'ke-hoach')));
  await setUnitState(db, c, X, 'appraised');
  await db.update(cycles).set({
    selfAssessmentDeadline: new Date(now - 6 * DAY), appraisalFrom: new Date(now - 5 * DAY), appraisalTo: new Date(now - 2 * DAY),
    explanationFrom: new Date(now - 5 * DAY), explanationTo: new Date(now - 2 * DAY), councilDate: new Date(now - DAY), publicationDate: new Date(now + 10 * DAY),
  }).where(eq(cycles.id, c.cycleId));
});
afterAll(async () => t?.close());

it('the chair cannot approve a proposal it made over a member’s in the same instant', async () => {
  const db = t.database.db;
  const council = councilCommands(db, () => new Date(now));
  const v0 = (await recordRow(db, c, X, 'ke-hoach')).version;
  const byMember = await council.propose(c.cycleId, X, 'ke-hoach', { version: v0, value: { points: '0' }, reason: 'Kế hoạch ban hành muộn' }, c.actors.member);
  const byChair = await council.propose(c.cycleId, X, 'ke-hoach', { version: byMember.version, value: { points: '4' }, reason: 'Ban hành đúng hạn' }, c.actors.chair);
  expect(byChair.council?.proposedBy?.id).toBe(c.users.chair.id);
  await expect(council.approve(c.cycleId, X, 'ke-hoach', { version: byChair.version }, c.actors.chair)).rejects.toThrow('bạn là người đề xuất điểm này');
});
