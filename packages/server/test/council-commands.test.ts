import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { DatabaseHandle } from '../src/db/client';
import { criterionRecords, notifications } from '../src/db/schema/cycles';
import { councilCommands } from './support/services';
import { createTestDatabase } from './support/database';
import { at } from './publication-fixtures';
import { auditOf, createAppraisalCycle, recordRow, setSelf, setUnitState, type AppraisalCycle } from './appraisal-fixtures';

/** The council proposes, the chair approves or rejects — at the 2030 council date. */
let handle: DatabaseHandle;
let c: AppraisalCycle;
let clock = at.council;
let council: ReturnType<typeof councilCommands>;
let X: string;

const version = async (nodeKey: string) => (await recordRow(handle.db, c, X, nodeKey)).version;

beforeAll(async () => {
  handle = await createTestDatabase();
  const db = handle.db;
  c = await createAppraisalCycle(db, 1);
  X = c.units[0]!.id;
  await setSelf(db, c, X, 'ke-hoach', { kind: 'yes_no', value: true }, '4', 'appraised');
  await setSelf(db, c, X, 'bao-cao', { kind: 'choice', option: 'du' }, '6', 'appraised');
  await db.update(criterionRecords).set({
    appraisalKind: 'adjust', appraisalValue: { notApplicable: false, points: 3000, input: { kind: 'choice', option: 'tre' } },
    appraisedPoints: '3', appraisalReason: 'Báo cáo nộp trễ hạn', appraisalAgency: 'STP', appraisedAt: new Date(at.appraisal),
  }).where(and(eq(criterionRecords.cycleId, c.cycleId), eq(criterionRecords.unitId, X), eq(criterionRecords.nodeKey, 'bao-cao')));
  await db.update(criterionRecords).set({
    appraisalKind: 'accept', appraisalValue: { notApplicable: false, points: 4000, input: { kind: 'yes_no', value: true } },
    appraisedPoints: '4', appraisalAgency: 'SNV', appraisedAt: new Date(at.appraisal),
  }).where(and(eq(criterionRecords.cycleId, c.cycleId), eq(criterionRecords.unitId, X), eq(criterionRecords.nodeKey, 'ke-hoach')));
  await setUnitState(db, c, X, 'appraised');
  council = councilCommands(db, () => new Date(clock));
});
afterAll(async () => handle?.close());

describe('council criterion commands', () => {
  it('propose: council members only, from the council date, with a reason and a value the rule can produce', async () => {
    clock = at.appraisal;
    await expect(council.propose(c.cycleId, X, 'bao-cao', { version: await version('bao-cao'), value: { points: '6' }, reason: 'Có văn bản gia hạn' }, c.actors.member))
      .rejects.toMatchObject({ code: 'RULE_VIOLATION', message: expect.stringContaining('Chưa đến ngày họp Hội đồng') });
    clock = at.council;
    await expect(council.propose(c.cycleId, X, 'bao-cao', { version: await version('bao-cao'), value: { points: '6' }, reason: 'x' }, c.actors.stp))
      .rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(council.propose(c.cycleId, X, 'bao-cao', { version: await version('bao-cao'), value: { points: '6' }, reason: ' ' }, c.actors.member))
      .rejects.toMatchObject({ code: 'RULE_VIOLATION', details: [{ path: 'reason' }] });
    await expect(council.propose(c.cycleId, X, 'bao-cao', { version: await version('bao-cao'), value: { points: '5' }, reason: 'Thử' }, c.actors.member))
      .rejects.toMatchObject({ code: 'RULE_VIOLATION', details: [{ path: 'value' }] });

    const view = await council.propose(c.cycleId, X, 'bao-cao', { version: await version('bao-cao'), value: { input: { kind: 'choice', option: 'du' } }, reason: 'Có văn bản gia hạn nộp báo cáo' }, c.actors.member);
    expect(view).toMatchObject({ status: 'council_proposed', council: { points: '6.000', reason: 'Có văn bản gia hạn nộp báo cáo', approved: false } });
    const row = await recordRow(handle.db, c, X, 'bao-cao');
    expect(row.councilProposedBy).toBe(c.users.member.id);
    expect((await auditOf(handle.db, row.id))[0]).toMatchObject({ action: 'propose_final', reason: 'Có văn bản gia hạn nộp báo cáo', before: { appraisal: { points: '3.000' }, council: null }, after: { council: { points: '6.000', approved: false } } });
    const toChair = await handle.db.select().from(notifications).where(and(eq(notifications.userId, c.users.chair.id), eq(notifications.kind, 'criterion.council_proposed')));
    expect(toChair).toHaveLength(1);
  });

  it('approve: the chair only; stale version 409', async () => {
    const v = await version('bao-cao');
    await expect(council.approve(c.cycleId, X, 'bao-cao', { version: v }, c.actors.member)).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('Chủ tịch') });
    await expect(council.approve(c.cycleId, X, 'bao-cao', { version: v }, c.actors.admin)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(council.approve(c.cycleId, X, 'bao-cao', { version: v - 1 }, c.actors.chair)).rejects.toMatchObject({ code: 'CONFLICT', details: [{ current: { status: 'council_proposed', version: v } }] });
    const view = await council.approve(c.cycleId, X, 'bao-cao', { version: v }, c.actors.chair);
    expect(view).toMatchObject({ status: 'council_approved', council: { points: '6.000', approved: true } });
    const row = await recordRow(handle.db, c, X, 'bao-cao');
    expect(row).toMatchObject({ councilApproved: true, councilApprovedBy: c.users.chair.id, councilPoints: '6.000' });
    expect((await auditOf(handle.db, row.id)).map((a) => a.action).sort()).toEqual(['approve_final', 'propose_final']);
  });

  it('reject: the chair with a reason; the criterion is back to appraised and the proposal kept', async () => {
    const proposed = await council.propose(c.cycleId, X, 'ke-hoach', { version: await version('ke-hoach'), value: { points: '0' }, reason: 'Kế hoạch ban hành muộn' }, c.actors.member);
    expect(proposed.status).toBe('council_proposed');
    await expect(council.reject(c.cycleId, X, 'ke-hoach', { version: proposed.version, reason: 'Không' }, c.actors.member)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(council.reject(c.cycleId, X, 'ke-hoach', { version: proposed.version, reason: '' }, c.actors.chair)).rejects.toMatchObject({ code: 'RULE_VIOLATION' });
    const view = await council.reject(c.cycleId, X, 'ke-hoach', { version: proposed.version, reason: 'Kế hoạch vẫn trong hạn' }, c.actors.chair);
    expect(view.status).toBe('appraised');
    expect(view.council).toBeUndefined();
    const row = await recordRow(handle.db, c, X, 'ke-hoach');
    expect(row.rejectedProposal).toMatchObject({ reason: 'Kế hoạch ban hành muộn', rejectionReason: 'Kế hoạch vẫn trong hạn' });
    expect((await auditOf(handle.db, row.id)).find((a) => a.action === 'reject_proposal')).toMatchObject({ reason: 'Kế hoạch vẫn trong hạn' });
  });
});
