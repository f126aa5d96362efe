import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/app';
import { createUnit, createUser, type CreatedUser } from './support/factories';
import { loginAs, type LoggedIn } from './support/login';
import { recordAudit } from '../src/services/audit';
import { PROVINCE_SCOPE, type Actor } from '../src/services/actor';

// The audit trail as a reader needs it: sentences with names, and server-side filters by unit,
// criterion, user (user name or part of the full name), action and dates, paginated.
describe('audit trail: sentences and filters', () => {
  let t: TestApp;
  let admin: CreatedUser;
  let officer: CreatedUser;
  let session: LoggedIn;
  let syt: { id: string };
  let stp: { id: string };
  beforeAll(async () => {
    t = await createTestApp();
    stp = await createUnit(t.database.db, { name: 'Sở Tư pháp' });
    syt = await createUnit(t.database.db, { name: 'Sở Y tế' });
    admin = await createUser(t.database.db, { roles: ['admin'], unitId: stp.id, username: 'quantri.audit' });
    officer = await createUser(t.database.db, { roles: ['unit_officer'], unitId: syt.id, username: 'syt.canbo', fullName: 'Nguyễn Văn An' });
    session = await loginAs(t.app, admin.username, admin.password);
    const actor: Actor = { userId: officer.id, username: officer.username, unitId: syt.id, roles: ['unit_officer'], scope: PROVINCE_SCOPE, ip: null };
    const rec = (unitId: string, nodeCode: string, points: string | null) => ({ cycleId: 'c1', unitId, nodeKey: `k-${nodeCode}`, nodeCode, points });
    await t.database.db.transaction(async (tx) => {
      await recordAudit(tx, actor, { entityType: 'criterion_record', entityId: 'r-21', action: 'save_self', before: rec(syt.id, '2.1', '0.500'), after: rec(syt.id, '2.1', '1.000'), reason: 'bổ sung quyết định' });
      await recordAudit(tx, actor, { entityType: 'criterion_record', entityId: 'r-22', action: 'save_self', before: rec(syt.id, '2.2', null), after: rec(syt.id, '2.2', '0.250') });
      await recordAudit(tx, actor, { entityType: 'criterion_record', entityId: 'r-other', action: 'save_self', before: rec(stp.id, '2.1', null), after: rec(stp.id, '2.1', '1.000') });
      await recordAudit(tx, actor, { entityType: 'cycle_unit', entityId: `c1:${syt.id}`, action: 'submit', before: { state: 'in_progress' }, after: { state: 'submitted' } });
    });
  });
  afterAll(async () => t.close());

  const get = async (query: string) => {
    const res = await t.app.inject({ method: 'GET', url: `/api/audit?${query}`, headers: session.headers });
    expect(res.statusCode).toBe(200);
    return res.json() as { total: number; items: { sentence: string; action: string; entityId: string; actorName: string | null; actorUnit: string | null; unit: { name: string } | null; criterionCode: string | null }[] };
  };

  it('gives each event as a sentence with who, which unit and criterion, from what to what, why', async () => {
    const body = await get('criterion=2.1&unitId=' + syt.id);
    expect(body.total).toBe(1);
    expect(body.items[0]).toMatchObject({ actorName: 'Nguyễn Văn An', actorUnit: 'Sở Y tế', unit: { name: 'Sở Y tế' }, criterionCode: '2.1' });
    expect(body.items[0]!.sentence).toBe('Nguyễn Văn An (Sở Y tế) đã sửa điểm tự đánh giá tiêu chí 2.1 của Sở Y tế từ 0,5 lên 1 — lý do: bổ sung quyết định');
  });

  it('filters by unit (criteria and workflow), criterion, user, action, dates; pages', async () => {
    expect((await get(`unitId=${syt.id}`)).total).toBe(3);
    expect((await get(`unitId=${stp.id}`)).total).toBe(1);
    expect((await get('criterion=2.1')).total).toBe(2);
    expect((await get('criterion=k-2.2')).total).toBe(1);
    expect((await get('actor=syt.canbo')).total).toBe(4);
    expect((await get(`actor=${encodeURIComponent('văn an')}`)).total).toBe(4);
    expect((await get('actor=nobody')).total).toBe(0);
    expect((await get(`unitId=${syt.id}&action=submit`)).items.map((e) => e.sentence))
      .toEqual(['Nguyễn Văn An (Sở Y tế) đã gửi hồ sơ tự đánh giá của Sở Y tế (đang tự đánh giá → đã gửi)']);
    expect((await get(`unitId=${syt.id}&from=2000-01-01&to=2000-01-02`)).total).toBe(0);
    const page2 = await get(`unitId=${syt.id}&page=2&pageSize=2`);
    expect(page2.total).toBe(3);
    expect(page2.items).toHaveLength(1);
  });
});
