import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../src/db/schema/audit';
import { criterionRecords, cycleUnits } from '../src/db/schema/cycles';
import { PROVINCE_SCOPE, type Actor } from '../src/services/actor';
import { commandContext } from '../src/services/context';
import { publishGroup } from '../src/services/publication/publish';
import { createTestApp, type TestApp } from './support/app';
import { createUnit, createUser } from './support/factories';
import { loginAs, type LoggedIn } from './support/login';
import { multipartBody } from './support/multipart';
import { at, createPubCycle, type PubCycle } from './publication-fixtures';

/**
 * Closing a cycle (kết thúc kỳ đánh giá) over HTTP: only the administrator, only once every
 * participant is published; a closed cycle is read only (no amendment, import, participant,
 * change) while its published results stay public; reopening, with a reason, allows an amendment.
 */
let t: TestApp;
let c: PubCycle;
let adminActor: Actor;
let admin: LoggedIn;
let council: LoggedIn;
let officer: LoggedIn;

const get = async (who: LoggedIn = admin) => (await t.app.inject({ method: 'GET', url: `/api/cycles/${c.cycleId}`, headers: who.headers })).json();
const post = (path: string, who: LoggedIn | null, payload: object) =>
  t.app.inject({ method: 'POST', url: `/api/cycles/${c.cycleId}/${path}`, headers: who?.headers ?? {}, payload });
const upload = (path: string, csv: string) => {
  const body = multipartBody({}, { name: 'x.csv', bytes: Buffer.from(csv, 'utf8'), type: 'text/csv' });
  return t.app.inject({ method: 'POST', url: `/api/cycles/${c.cycleId}/${path}`, payload: body.payload, headers: { ...admin.headers, ...body.headers } });
};
const refusedWith = (res: { statusCode: number; json: () => { error: { code: string; message: string } } }, status: number, message: string | RegExp) => {
  expect(res.statusCode).toBe(status);
  const { error } = res.json();
  if (typeof message === 'string') expect(error.message).toBe(message);
  else expect(error.message).toMatch(message);
};

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  c = await createPubCycle(db);
  for (const u of c.units) {
    await db.update(criterionRecords).set({ selfInput: { kind: 'yes_no', value: true }, status: 'pending' })
      .where(and(eq(criterionRecords.cycleId, c.cycleId), eq(criterionRecords.unitId, u.id), eq(criterionRecords.nodeKey, 'ke-hoach')));
  }
  const a = await createUser(db, { roles: ['admin'], unitId: c.agencyUnits.SNV.id });
  const m = await createUser(db, { roles: ['council_member'], unitId: c.agencyUnits.SNV.id });
  const o = await createUser(db, { roles: ['unit_officer'], unitId: c.units[0]!.id });
  adminActor = { userId: a.id, username: a.username, unitId: a.unitId, roles: ['admin'], scope: PROVINCE_SCOPE, ip: null };
  admin = await loginAs(t.app, a.username, a.password);
  council = await loginAs(t.app, m.username, m.password);
  officer = await loginAs(t.app, o.username, o.password);
  await db.update(cycleUnits).set({ state: 'approved' }).where(eq(cycleUnits.cycleId, c.cycleId));
});
afterAll(async () => t?.close());

describe('closing a cycle', () => {
  it('is refused before every group is published, with the reason shown on the cycle too', async () => {
    const before = await get();
    expect(before).toMatchObject({ status: 'open', may: { close: false, reopen: false } });
    const message = 'Chưa thể kết thúc kỳ đánh giá: còn 3/3 đơn vị chưa được công bố kết quả. Hãy công bố kết quả của mọi nhóm trước khi kết thúc.';
    expect(before.closeRefusal).toBe(message);
    refusedWith(await post('close', admin, { version: before.version }), 422, message);
    expect((await get()).status).toBe('open');
    // Others see neither the flag nor the reason.
    expect(await get(council)).toMatchObject({ may: { close: false, reopen: false }, closeRefusal: null });
  });

  it('only the administrator closes (403 for the council and a unit, 401 anonymous)', async () => {
    const { version } = await get();
    expect((await post('close', council, { version })).statusCode).toBe(403);
    expect((await post('close', officer, { version })).statusCode).toBe(403);
    expect((await post('close', null, { version })).statusCode).toBe(401);
  });

  it('closes once every participant is published: read only, version-checked, audited, results still public', async () => {
    await publishGroup(commandContext(t.database.db, adminActor, () => new Date(at.publication)), { cycleId: c.cycleId, groupId: c.groupId, decisionNumber: '12/QĐ-UBND' });
    const open = await get();
    expect(open).toMatchObject({ may: { close: true, reopen: false }, closeRefusal: null });
    const stale = await post('close', admin, { version: open.version + 7 });
    expect(stale.statusCode).toBe(409);

    const res = await post('close', admin, { version: open.version, reason: 'Hoàn thành đánh giá năm' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'closed', version: open.version + 1, may: { edit: false, open: false, close: false, reopen: true }, closeRefusal: null });
    const [event] = await t.database.db.select().from(auditEvents)
      .where(and(eq(auditEvents.entityType, 'cycle'), eq(auditEvents.entityId, c.cycleId), eq(auditEvents.action, 'close')));
    expect(event).toMatchObject({ reason: 'Hoàn thành đánh giá năm', before: expect.objectContaining({ status: 'open' }), after: expect.objectContaining({ status: 'closed' }) });
    expect((await t.app.inject({ method: 'GET', url: `/api/public/results/${c.cycleId}/${c.groupId}` })).statusCode).toBe(200);
    refusedWith(await post('close', admin, { version: open.version + 1 }), 422, 'Kỳ đánh giá đã kết thúc.');
  });

  it('refuses, once closed, amendments, imports, late participants and changes — for the administrator too', async () => {
    const { version } = await get();
    refusedWith(await post(`groups/${c.groupId}/amend`, admin, { reason: 'Sai số liệu' }), 422, /^Kỳ đánh giá đã kết thúc: không điều chỉnh kết quả đã công bố được nữa/);
    refusedWith(await upload('data-feeds/import', `unit,criterion,numerator,denominator,period\n${c.units[0]!.code},1.1,1,2,2030\n`), 422, 'Kỳ đánh giá đã kết thúc: không thể nhập số liệu');
    refusedWith(await upload('supplied-points/import', `unit,criterion,points\n${c.units[0]!.code},dieu-tra,8\n`), 422, 'Kỳ đánh giá đã kết thúc: không thể nhập điểm điều tra');
    const late = await createUnit(t.database.db, { name: 'Sở đến muộn' });
    refusedWith(await post('participants', admin, { unitId: late.id, reason: 'Bổ sung', version }), 422, 'Kỳ đánh giá đã kết thúc: không bổ sung đơn vị được nữa.');
    const patch = await t.app.inject({ method: 'PATCH', url: `/api/cycles/${c.cycleId}`, headers: admin.headers, payload: { version, name: 'Đổi tên' } });
    refusedWith(patch, 422, 'Kỳ đánh giá đã kết thúc: không thể thay đổi.');
    expect((await get()).version).toBe(version);
  });

  it('reopens with a reason (administrator only), and an amendment is possible again', async () => {
    const { version } = await get();
    expect((await post('reopen', admin, { version })).statusCode).toBe(400);
    expect((await post('reopen', admin, { version, reason: '   ' })).statusCode).toBe(400);
    expect((await post('reopen', officer, { version, reason: 'Đính chính' })).statusCode).toBe(403);
    const res = await post('reopen', admin, { version, reason: 'Đính chính số liệu điều tra' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'open', may: { close: true, reopen: false } });
    refusedWith(await post('reopen', admin, { version: version + 1, reason: 'Lần nữa' }), 422, 'Kỳ đánh giá chưa kết thúc: không có gì để mở lại.');
    const amended = await post(`groups/${c.groupId}/amend`, admin, { reason: 'Sai số liệu điều tra' });
    expect(amended.statusCode, amended.body).toBe(200);
    expect(amended.json().number).toBe(2);
  });
});
