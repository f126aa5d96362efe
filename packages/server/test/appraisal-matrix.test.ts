import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../src/db/client';
import { appraisalService } from './support/services';
import { createTestDatabase } from './support/database';
import { at } from './publication-fixtures';
import { createAppraisalCycle, recordRow, setSelf, setUnitState, unitState, type AppraisalCycle } from './appraisal-fixtures';

/** The agency's matrix and bulk accept, at a fixed moment of the 2030 appraisal window. */
let handle: DatabaseHandle;
let c: AppraisalCycle;
let appraisal: ReturnType<typeof appraisalService>;
let X: string, Y: string, Z: string;

beforeAll(async () => {
  handle = await createTestDatabase();
  const db = handle.db;
  c = await createAppraisalCycle(db, 3);
  [X, Y, Z] = c.units.map((u) => u.id) as [string, string, string];
  await setSelf(db, c, X, 'ke-hoach', { kind: 'yes_no', value: true }, '4');
  await setSelf(db, c, X, 'bao-cao', { kind: 'choice', option: 'du' }, '6');
  await setSelf(db, c, Y, 'ke-hoach', { kind: 'yes_no', value: false }, '0');
  await setSelf(db, c, Y, 'bao-cao', { kind: 'not_applicable', reason: 'Không có nhiệm vụ báo cáo' }, '0');
  // Z has not submitted: its draft stays its own.
  await setSelf(db, c, Z, 'ke-hoach', { kind: 'yes_no', value: true }, '4', 'draft');
  await setUnitState(db, c, X, 'submitted');
  await setUnitState(db, c, Y, 'submitted');
  appraisal = appraisalService(db, () => new Date(at.appraisal));
});
afterAll(async () => handle?.close());

describe('appraisal matrix', () => {
  it("shows only the agency's leaves, the units with state, and a CriterionView per cell", async () => {
    const m = await appraisal.matrix(c.cycleId, undefined, c.actors.snv);
    expect(m.agency).toEqual({ code: 'SNV', name: c.agencyUnits.SNV.name });
    expect(m.criteria).toEqual([{ nodeKey: 'ke-hoach', code: '1.1', name: 'Ban hành kế hoạch', maxPoints: '4', rule: { type: 'yes_no', yesPoints: '4', noPoints: '0' }, notApplicableCondition: null }]);
    expect(m.units.map((u) => [u.unitId, u.state])).toEqual([[X, 'submitted'], [Y, 'submitted'], [Z, 'draft']]);
    expect(Object.keys(m.cells[X]!)).toEqual(['ke-hoach']);
    // A submitted unit: the first decision will start the appraisal, so deciding is offered.
    expect(m.cells[X]!['ke-hoach']).toMatchObject({ status: 'pending', self: { input: { kind: 'yes_no', value: true }, points: '4.000' }, may: { decide: true, request: true, edit: false } });
    // Before submission: the status only.
    expect(m.cells[Z]!['ke-hoach']).toMatchObject({ status: 'draft', self: { input: null, points: null, explanation: null, evidence: [] }, may: { decide: false } });

    const stp = await appraisal.matrix(c.cycleId, 'STP', c.actors.stp);
    expect(stp.criteria.map((r) => r.nodeKey)).toEqual(['bao-cao']);
    expect(stp.cells[Y]!['bao-cao']).toMatchObject({ self: { input: { kind: 'not_applicable' } } });
  });

  it('an appraiser sees only its own agency; the administrator any; other roles 403', async () => {
    await expect(appraisal.matrix(c.cycleId, 'STP', c.actors.snv)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await appraisal.matrix(c.cycleId, 'STP', c.actors.admin)).criteria.map((r) => r.nodeKey)).toEqual(['bao-cao']);
    const adminView = await appraisal.matrix(c.cycleId, 'SNV', c.actors.admin);
    expect(adminView.cells[X]!['ke-hoach']!.may.decide).toBe(false);
    await expect(appraisal.matrix(c.cycleId, 'NOPE', c.actors.admin)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    for (const who of ['officer', 'head', 'member', 'chair', 'leader'] as const) {
      await expect(appraisal.matrix(c.cycleId, undefined, c.actors[who])).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
  });
});

describe('one page of units (an agency may appraise thousands)', () => {
  it('returns the page\'s units and cells only, with the total after the search', async () => {
    const all = await appraisal.matrix(c.cycleId, undefined, c.actors.snv);
    expect([all.unitTotal, all.unitOffset]).toEqual([3, 0]);
    const page = await appraisal.matrix(c.cycleId, undefined, c.actors.snv, { unitOffset: 1, unitLimit: 1 });
    expect(page.units.map((u) => u.unitId)).toEqual([Y]);
    expect(Object.keys(page.cells)).toEqual([Y]);
    expect([page.unitTotal, page.unitOffset]).toEqual([3, 1]);
    expect(page.criteria).toEqual(all.criteria);
    expect(page.cells[Y]).toEqual(all.cells[Y]);
    const past = await appraisal.matrix(c.cycleId, undefined, c.actors.snv, { unitOffset: 5, unitLimit: 2 });
    expect([past.units, past.cells, past.unitTotal]).toEqual([[], {}, 3]);
  });

  it('finds units by name or code, diacritics and case ignored', async () => {
    const name = c.units[1]!.name; // "Sở thử 2 …"
    const folded = name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toUpperCase();
    const byName = await appraisal.matrix(c.cycleId, undefined, c.actors.snv, { unitSearch: folded, unitLimit: 20 });
    expect([byName.units.map((u) => u.unitId), byName.unitTotal]).toEqual([[Y], 1]);
    const byCode = await appraisal.matrix(c.cycleId, undefined, c.actors.snv, { unitSearch: c.units[2]!.code.toLowerCase() });
    expect(byCode.units.map((u) => u.unitId)).toEqual([Z]);
    const none = await appraisal.matrix(c.cycleId, undefined, c.actors.snv, { unitSearch: 'không có đơn vị này', unitLimit: 20 });
    expect([none.units, none.unitTotal]).toEqual([[], 0]);
  });

  it('the same authorization on every page', async () => {
    await expect(appraisal.matrix(c.cycleId, 'STP', c.actors.snv, { unitOffset: 0, unitLimit: 1 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(appraisal.matrix(c.cycleId, undefined, c.actors.officer, { unitLimit: 1 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('lists every cell the appraiser may decide now across all units, claims apart, with versions', async () => {
    const v = async (u: string, k: string) => (await recordRow(handle.db, c, u, k)).version;
    const snv = await appraisal.pending(c.cycleId, undefined, c.actors.snv);
    // Z has not submitted: nothing to decide there.
    expect(snv.accept).toEqual([{ unitId: X, nodeKey: 'ke-hoach', version: await v(X, 'ke-hoach') }, { unitId: Y, nodeKey: 'ke-hoach', version: await v(Y, 'ke-hoach') }]);
    expect(snv.claims).toEqual([]);
    expect(snv.units.map((u) => u.unitId)).toEqual([X, Y]);
    const stp = await appraisal.pending(c.cycleId, 'STP', c.actors.stp);
    expect(stp.accept).toEqual([{ unitId: X, nodeKey: 'bao-cao', version: await v(X, 'bao-cao') }]);
    expect(stp.claims).toEqual([{ unitId: Y, nodeKey: 'bao-cao', version: await v(Y, 'bao-cao'), reason: 'Không có nhiệm vụ báo cáo' }]);
    // The administrator reads the grid but decides nothing there; other roles are refused.
    expect(await appraisal.pending(c.cycleId, 'SNV', c.actors.admin)).toEqual({ accept: [], claims: [], units: [] });
    await expect(appraisal.pending(c.cycleId, 'STP', c.actors.snv)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(appraisal.pending(c.cycleId, undefined, c.actors.officer)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('bulk accept', () => {
  it('accepts each item on its own in one transaction and lists the skipped ones with the reason', async () => {
    const v = async (u: string, k: string) => (await recordRow(handle.db, c, u, k)).version;
    const items = [
      { unitId: X, nodeKey: 'ke-hoach', version: await v(X, 'ke-hoach') },
      { unitId: Y, nodeKey: 'ke-hoach', version: (await v(Y, 'ke-hoach')) + 5 }, // stale
      { unitId: X, nodeKey: 'bao-cao', version: await v(X, 'bao-cao') }, // STP's criterion
      { unitId: Z, nodeKey: 'ke-hoach', version: await v(Z, 'ke-hoach') }, // not submitted
    ];
    const result = await appraisal.bulkAccept(c.cycleId, items, c.actors.snv);
    expect(result.accepted).toBe(1);
    expect(result.skipped).toEqual([
      { unitId: Y, nodeKey: 'ke-hoach', message: expect.stringContaining('đã được người khác thay đổi') },
      { unitId: X, nodeKey: 'bao-cao', message: expect.stringContaining('không thuộc phạm vi thẩm định') },
      { unitId: Z, nodeKey: 'ke-hoach', message: expect.stringContaining('Không thể thực hiện') },
    ]);
    expect((await recordRow(handle.db, c, X, 'ke-hoach'))).toMatchObject({ status: 'appraised', appraisalKind: 'accept', appraisedPoints: '4.000' });
    expect(await unitState(handle.db, c, X)).toBe('in_appraisal');
    expect(await unitState(handle.db, c, Z)).toBe('draft');

    // STP finishes X: the not-applicable claim cannot be bulk-accepted; the report can.
    const second = await appraisal.bulkAccept(c.cycleId, [
      { unitId: X, nodeKey: 'bao-cao', version: await v(X, 'bao-cao') },
      { unitId: Y, nodeKey: 'bao-cao', version: await v(Y, 'bao-cao') },
    ], c.actors.stp);
    expect(second).toEqual({ accepted: 1, skipped: [{ unitId: Y, nodeKey: 'bao-cao', message: expect.stringContaining('không áp dụng') }] });
    expect(await unitState(handle.db, c, X)).toBe('appraised');
    await expect(appraisal.bulkAccept(c.cycleId, [], c.actors.admin)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
