import { PROVINCE_SCOPE } from '../src/services/actor';
import ExcelJS from 'exceljs';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../src/db/schema/audit';
import { cycles, cycleUnits, resultSnapshots, resultUnits } from '../src/db/schema/cycles';
import { apiTokens, dataFeedValues } from '../src/db/schema/data-feeds';
import { consolidateCycleGroup } from '../src/services/council/consolidation';
import { loadCycleContext } from '../src/services/cycles/context';
import { checkFeedEntries, storeFeedValues } from '../src/services/data-feeds/feed-values';
import { createTestApp, type TestApp } from './support/app';
import { createUser } from './support/factories';
import { loginAs, type LoggedIn } from './support/login';
import { createPubCycle, pubFramework, type PubCycle } from './publication-fixtures';

/** The publication fixture's framework plus a field of data feeds: a one-stop-shop rate and a figure chiso publishes. */
const sourceProgram = 'nguon-chiso-thu';
const feedFramework = {
  ...pubFramework,
  nodes: [
    ...pubFramework.nodes,
    {
      key: 'mot-cua', code: '3', name: 'Một cửa', maxPoints: '10', appraisingAgency: 'SNV',
      children: [
        {
          key: 'dung-han', code: '3.1', name: 'Tỷ lệ hồ sơ đúng hạn', maxPoints: '6', source: 'data_feed',
          rule: {
            type: 'data_feed', feed: 'mot-cua.dung-han', numeratorLabel: 'Số hồ sơ đúng hạn', denominatorLabel: 'Tổng số hồ sơ', zeroDenominator: 'not_applicable',
            scoring: { kind: 'tiers', tiers: [
              { lower: { percent: '95', inclusive: true }, upper: null, points: '6' },
              { lower: { percent: '80', inclusive: true }, upper: { percent: '95', inclusive: false }, points: '3' },
              { lower: null, upper: { percent: '80', inclusive: false }, points: '0' },
            ] },
          },
        },
        {
          key: 'chi-so', code: '3.2', name: 'Chỉ số CCHC đã công bố', maxPoints: '4', source: 'data_feed',
          rule: {
            type: 'data_feed', feed: 'chiso.chi-so-cchc', numeratorLabel: 'Chỉ số (%)', denominatorLabel: 'Thang điểm (100)', zeroDenominator: 'zero_points',
            scoring: { kind: 'proportional' }, chiso: { program: sourceProgram, figure: 'index' },
          },
        },
      ],
    },
  ],
};

function multipart(name: string, text: string, headers: Record<string, string>) {
  const boundary = `----chiso${Math.random().toString(16).slice(2)}`;
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: text/csv\r\n\r\n`),
    Buffer.from(text, 'utf8'),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

let t: TestApp;
let c: PubCycle;
let admin: LoggedIn;
let officer: LoggedIn;
let otherOfficer: LoggedIn;

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  c = await createPubCycle(db, { document: feedFramework, unitCount: 3 });
  admin = await loginAs(t.app, ...(await user(['admin'], c.agencyUnits.SNV.id)));
  officer = await loginAs(t.app, ...(await user(['unit_officer'], c.units[0]!.id)));
  otherOfficer = await loginAs(t.app, ...(await user(['unit_officer'], c.units[1]!.id)));
});
afterAll(async () => t?.close());

async function user(roles: ('admin' | 'unit_officer')[], unitId: string): Promise<[string, string]> {
  const u = await createUser(t.database.db, { roles, unitId });
  return [u.username, u.password];
}
const stored = () => t.database.db.select().from(dataFeedValues).where(eq(dataFeedValues.cycleId, c.cycleId));
const setState = (unitId: string, state: string) =>
  t.database.db.update(cycleUnits).set({ state }).where(and(eq(cycleUnits.cycleId, c.cycleId), eq(cycleUnits.unitId, unitId)));
const audit = (action: string) => t.database.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, c.cycleId), eq(auditEvents.action, action)));
const importUrl = (dry = false) => `/api/cycles/${c.cycleId}/data-feeds/import${dry ? '?dryRun=true' : ''}`;
const pushUrl = () => `/api/cycles/${c.cycleId}/data-feeds/push`;

async function newToken(body: { name: string; cycleId: string | null; expiresAt: string | null }) {
  const res = await t.app.inject({ method: 'POST', url: '/api/api-tokens', headers: admin.headers, payload: body });
  expect(res.statusCode).toBe(200);
  return res.json() as { token: string; record: { id: string; prefix: string } };
}
const push = (token: string | null, values: unknown[], extra: Record<string, string> = {}) =>
  t.app.inject({
    method: 'POST', url: pushUrl(), headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...extra },
    payload: { source: 'Hệ thống thông tin giải quyết TTHC tỉnh', values },
  });

describe('data-feed values import', () => {
  it('reports every bad row with its line and column, in Vietnamese, and imports nothing', async () => {
    const [u1, u2, u3] = c.units;
    await setState(u3!.id, 'appraised');
    const body = [
      'Mã đơn vị;Tiêu chí;Tử số;Mẫu số;Kỳ số liệu;Nguồn',
      `${u1!.code};3.1;98;100;2025;Một cửa`,
      `KHONG-CO;3.1;1;2;2025;`,
      `${u2!.code};1.1;1;2;2025;`,
      `${u2!.code};dung-han;abc;-3;2025;`,
      `${u2!.code};3.1;5;10;;`,
      `${u1!.code};dung-han;97;100;2025;`,
      `${u3!.code};3.1;9;10;2025;`,
    ].join('\n');
    const res = await t.app.inject({ method: 'POST', url: importUrl(), ...multipart('so-lieu.csv', body, admin.headers) });
    await setState(u3!.id, 'draft');
    expect(res.statusCode).toBe(422);
    const err = res.json().error;
    expect(err.code).toBe('IMPORT_INVALID');
    expect(err.message).toMatch(/chưa nhập dòng nào/);
    expect(err.details).toEqual(expect.arrayContaining([
      expect.objectContaining({ line: 3, column: 'Mã đơn vị', message: expect.stringContaining('không tham gia') }),
      expect.objectContaining({ line: 4, column: 'Tiêu chí', message: expect.stringContaining('không lấy dữ liệu từ hệ thống') }),
      expect.objectContaining({ line: 5, column: 'Tử số', message: expect.stringContaining('không phải là số') }),
      expect.objectContaining({ line: 5, column: 'Mẫu số', message: expect.stringContaining('âm') }),
      expect.objectContaining({ line: 6, column: 'Kỳ số liệu', message: expect.stringContaining('Thiếu kỳ số liệu') }),
      expect.objectContaining({ line: 7, column: 'Tiêu chí', message: expect.stringContaining('Trùng') }),
      expect.objectContaining({ line: 8, column: 'Mã đơn vị', message: expect.stringContaining('đính chính') }),
    ]));
    expect(err.details).toHaveLength(7);
    expect(await stored()).toEqual([]);
  });

  it('refuses a file without the required columns, naming them', async () => {
    const res = await t.app.inject({ method: 'POST', url: importUrl(), ...multipart('x.csv', 'unit,criterion,numerator\nA,3.1,1\n', admin.headers) });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details.map((d: { column: string }) => d.column)).toEqual(['Mẫu số', 'Kỳ số liệu']);
  });

  it('the template lists every unit × data-feed criterion; dry run stores nothing; the import stores, audits and feeds consolidation', async () => {
    const tpl = await t.app.inject({ method: 'GET', url: `/api/cycles/${c.cycleId}/data-feeds/template`, headers: admin.headers });
    expect(tpl.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(tpl.rawPayload as unknown as ArrayBuffer);
    const rows = wb.worksheets[0]!.getSheetValues().filter(Boolean) as unknown[][];
    expect(rows[0]!.slice(1, 4)).toEqual(['Mã đơn vị', 'Tên đơn vị', 'Tiêu chí']);
    expect(rows.length - 1).toBe(c.units.length * 2);
    const denied = await t.app.inject({ method: 'GET', url: `/api/cycles/${c.cycleId}/data-feeds/template`, headers: officer.headers });
    expect(denied.statusCode).toBe(403);

    const body = ['Mã đơn vị;Tiêu chí;Tử số;Mẫu số;Kỳ số liệu;Nguồn', `${c.units[0]!.code};3.1;96,5;100;Năm 2025;Hệ thống một cửa`, `${c.units[1]!.code};3.1;;;2025;`].join('\n');
    const dry = await t.app.inject({ method: 'POST', url: importUrl(true), ...multipart('so-lieu.csv', body, admin.headers) });
    expect(dry.json()).toEqual({ imported: 1, blank: 1, unchanged: 0, dryRun: true });
    expect(await stored()).toEqual([]);
    const done = await t.app.inject({ method: 'POST', url: importUrl(), ...multipart('so-lieu.csv', body, admin.headers) });
    expect(done.json()).toEqual({ imported: 1, blank: 1, unchanged: 0, dryRun: false });
    const [row] = await stored();
    expect(row).toMatchObject({ unitId: c.units[0]!.id, nodeKey: 'dung-han', period: 'Năm 2025', channel: 'import', source: 'Hệ thống một cửa', receivedBy: admin.user.id });
    expect(Number(row!.numerator)).toBe(96.5);
    const events = await audit('import_data_feeds');
    expect(events).toHaveLength(1);
    expect(events[0]!.after).toMatchObject({ channel: 'import', rows: [{ unit: c.units[0]!.code, criterion: '3.1', numerator: '96.5', denominator: '100', period: 'Năm 2025' }] });

    const ctx = await loadCycleContext(t.database.db, c.cycleId);
    const { consolidation } = await consolidateCycleGroup(t.database.db, ctx, c.groupId);
    const unit = consolidation.units.find((u) => u.unitId === c.units[0]!.id)!;
    const leaf = unit.leaves.find((l) => l.key === 'dung-han');
    expect(leaf).toMatchObject({ level: 'supplied' });
    expect(leaf!.effective?.points).toBe(6000);
  });
});

describe('API tokens and the push endpoint', () => {
  it('the administrator creates a token, sees it once; only its hash is stored; creation is audited', async () => {
    const { token, record } = await newToken({ name: 'Cổng DVC quốc gia', cycleId: c.cycleId, expiresAt: null });
    expect(token).toMatch(/^chiso_df_/);
    const [row] = await t.database.db.select().from(apiTokens).where(eq(apiTokens.id, record.id));
    expect(JSON.stringify(row)).not.toContain(token);
    const list = await t.app.inject({ method: 'GET', url: '/api/api-tokens', headers: admin.headers });
    expect(list.body).not.toContain(token);
    expect(list.json()).toEqual(expect.arrayContaining([expect.objectContaining({ id: record.id, status: 'active', cycleId: c.cycleId })]));
    const created = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, record.id), eq(auditEvents.action, 'create')));
    expect(created).toHaveLength(1);
    const denied = await t.app.inject({ method: 'POST', url: '/api/api-tokens', headers: officer.headers, payload: { name: 'x', cycleId: null, expiresAt: null } });
    expect(denied.statusCode).toBe(403);
  });

  it('a push with the token stores the values with the token and source; every use is audited', async () => {
    const { token, record } = await newToken({ name: 'Hệ thống một cửa', cycleId: null, expiresAt: null });
    const res = await push(token, [{ unit: c.units[1]!.code, criterion: 'dung-han', numerator: 82, denominator: '100', period: '2025' }]);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ received: 1, unchanged: 0 });
    const row = (await stored()).find((r) => r.unitId === c.units[1]!.id)!;
    expect(row).toMatchObject({ channel: 'api', apiTokenId: record.id, source: 'Hệ thống thông tin giải quyết TTHC tỉnh', period: '2025', receivedBy: null });
    const again = await push(token, [{ unit: c.units[1]!.code, criterion: '3.1', numerator: '82', denominator: '100', period: '2025' }]);
    expect(again.json()).toEqual({ received: 0, unchanged: 1 });
    const uses = (await audit('push_data_feeds')).filter((e) => (e.after as { apiTokenId?: string }).apiTokenId === record.id);
    expect(uses).toHaveLength(2);
    expect(uses[0]!.actorUsername).toContain('Hệ thống một cửa');
    const [tok] = await t.database.db.select().from(apiTokens).where(eq(apiTokens.id, record.id));
    expect(tok!.lastUsedAt).not.toBeNull();
  });

  it('refuses a missing or unknown token, another cycle\'s token, a revoked or an expired one', async () => {
    const value = [{ unit: c.units[0]!.code, criterion: '3.1', numerator: '1', denominator: '2', period: '2025' }];
    expect((await push(null, value)).statusCode).toBe(401);
    expect((await push('chiso_df_khong-dung', value)).statusCode).toBe(401);

    const other = await createPubCycle(t.database.db, { document: feedFramework, unitCount: 1 });
    const scoped = await newToken({ name: 'Kỳ khác', cycleId: other.cycleId, expiresAt: null });
    const wrong = await push(scoped.token, value);
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().error.message).toMatch(/kỳ đánh giá khác/);

    const revoked = await newToken({ name: 'Sẽ thu hồi', cycleId: null, expiresAt: null });
    const r = await t.app.inject({ method: 'POST', url: `/api/api-tokens/${revoked.record.id}/revoke`, headers: admin.headers });
    expect(r.json()).toMatchObject({ status: 'revoked' });
    const afterRevoke = await push(revoked.token, value);
    expect(afterRevoke.statusCode).toBe(401);
    expect(afterRevoke.json().error.message).toMatch(/thu hồi/);
    expect(await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, revoked.record.id), eq(auditEvents.action, 'revoke')))).toHaveLength(1);

    const expiring = await newToken({ name: 'Hết hạn', cycleId: null, expiresAt: new Date(Date.now() + 60_000).toISOString() });
    await t.database.db.update(apiTokens).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(apiTokens.id, expiring.record.id));
    const expired = await push(expiring.token, value);
    expect(expired.statusCode).toBe(401);
    expect(expired.json().error.message).toMatch(/hết hạn/);
  });

  it('refuses unknown units and criteria with their place, and a value after the appraisal is final, storing nothing', async () => {
    const { token } = await newToken({ name: 'Kiểm tra lỗi', cycleId: c.cycleId, expiresAt: null });
    const before = await stored();
    const bad = await push(token, [
      { unit: 'KHONG-CO', criterion: '3.1', numerator: '1', denominator: '2', period: '2025' },
      { unit: c.units[2]!.code, criterion: 'khong-co', numerator: '1', denominator: '2', period: '2025' },
      { unit: c.units[2]!.code, criterion: '3.1', numerator: '1', denominator: '2', period: '2025' },
    ]);
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.details).toEqual([
      expect.objectContaining({ path: 'values[0].unit', message: expect.stringContaining('không tham gia') }),
      expect.objectContaining({ path: 'values[1].criterion', message: expect.stringContaining('Không có tiêu chí') }),
    ]);
    expect(await stored()).toEqual(before);

    await setState(c.units[2]!.id, 'published');
    const late = await push(token, [{ unit: c.units[2]!.code, criterion: '3.1', numerator: '1', denominator: '2', period: '2025' }]);
    await setState(c.units[2]!.id, 'draft');
    expect(late.statusCode).toBe(422);
    expect(late.json().error.message).toMatch(/đính chính/);
    expect(await stored()).toEqual(before);
  });

  it('refuses a part larger than its whole (more cases on time than cases), exactly, storing nothing', async () => {
    const { token } = await newToken({ name: 'Tử lớn hơn mẫu', cycleId: c.cycleId, expiresAt: null });
    const before = await stored();
    const res = await push(token, [
      { unit: c.units[2]!.code, criterion: '3.1', numerator: '100,000001', denominator: '100', period: '2025' },
      { unit: c.units[0]!.code, criterion: '3.1', numerator: 5, denominator: 0, period: '2025' },
    ]);
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details).toEqual([
      expect.objectContaining({ path: 'values[0].numerator', message: expect.stringContaining('lớn hơn mẫu số') }),
      expect.objectContaining({ path: 'values[1].numerator', message: expect.stringContaining('lớn hơn mẫu số') }),
    ]);
    expect(await stored()).toEqual(before);
  });

  it('a unit appraised between the check and the store: the value is refused, not stored silently', async () => {
    const db = t.database.db;
    const ctx = await loadCycleContext(db, c.cycleId);
    const { values } = checkFeedEntries(ctx, [{ unit: c.units[2]!.code, criterion: '3.1', numerator: '7', denominator: '10', period: '2025' }], new Map(), () => {}, 'Một cửa');
    expect(values).toHaveLength(1);
    const before = await stored();
    await setState(c.units[2]!.id, 'appraised');
    const store = db.transaction((tx) => storeFeedValues(tx, { userId: '', username: 'test', unitId: '', roles: [], scope: PROVINCE_SCOPE, ip: null }, ctx, values, { channel: 'api', now: new Date() }, 'push_data_feeds'));
    await expect(store).rejects.toThrow(/đính chính/);
    await setState(c.units[2]!.id, 'draft');
    expect(await stored()).toEqual(before);
  });

  it('a token can do nothing else, and the cookie\'s CSRF rule does not apply to the push', async () => {
    const { token } = await newToken({ name: 'Chỉ gửi số liệu', cycleId: null, expiresAt: null });
    const bearer = { authorization: `Bearer ${token}` };
    for (const [method, url] of [
      ['GET', '/api/auth/me'], ['GET', '/api/api-tokens'], ['GET', `/api/cycles/${c.cycleId}/data-feeds`],
      ['GET', `/api/cycles/${c.cycleId}/data-feeds/template`], ['POST', `/api/cycles/${c.cycleId}/data-feeds/pull-chiso`], ['GET', '/api/cycles'],
    ] as const) {
      const res = await t.app.inject({ method, url, headers: bearer });
      expect(res.statusCode, `${method} ${url}`).toBe(401);
    }
    const csv = multipart('x.csv', 'Mã đơn vị;Tiêu chí;Tử số;Mẫu số;Kỳ số liệu\nA;3.1;1;2;2025\n', bearer);
    expect((await t.app.inject({ method: 'POST', url: importUrl(), ...csv })).statusCode).toBe(401);

    const value = [{ unit: c.units[0]!.code, criterion: '3.1', numerator: '99', denominator: '100', period: '2025' }];
    // A session cookie without its CSRF token does not make the push fail, and does not authenticate it either.
    expect((await push(token, value, { cookie: admin.cookie })).statusCode).toBe(200);
    expect((await push(null, value, { cookie: admin.cookie })).statusCode).toBe(401);
  });
});

describe('what the unit and the appraiser see, and the feed from chiso itself', () => {
  it('the unit sees its own values read-only with their source; not another unit\'s', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/cycles/${c.cycleId}/units/${c.units[0]!.id}/data-feeds`, headers: officer.headers });
    expect(res.statusCode).toBe(200);
    const rows = res.json() as { nodeKey: string; fromChiso: boolean; value: { source: string; period: string; channel: string; points: string } | null }[];
    expect(rows.map((r) => r.nodeKey)).toEqual(['dung-han', 'chi-so']);
    expect(rows[0]!.value).toMatchObject({ channel: 'api', source: 'Hệ thống thông tin giải quyết TTHC tỉnh', period: '2025', points: '6' });
    expect(rows[1]).toMatchObject({ fromChiso: true, value: null });
    const other = await t.app.inject({ method: 'GET', url: `/api/cycles/${c.cycleId}/units/${c.units[0]!.id}/data-feeds`, headers: otherOfficer.headers });
    expect(other.statusCode).toBe(403);
  });

  it('"Lấy từ kết quả đã công bố" takes each unit\'s published index of the same year, naming the snapshot', async () => {
    const db = t.database.db;
    const [target] = await db.select().from(cycles).where(eq(cycles.id, c.cycleId));
    const empty = await t.app.inject({ method: 'POST', url: `/api/cycles/${c.cycleId}/data-feeds/pull-chiso`, headers: admin.headers });
    expect(empty.json()).toMatchObject({ pulled: 0, skipped: expect.arrayContaining([expect.objectContaining({ message: expect.stringContaining(sourceProgram) })]) });

    await db.execute(`INSERT INTO programs (code, name) VALUES ('${sourceProgram}', 'Nguồn thử') ON CONFLICT DO NOTHING`);
    const [source] = await db.insert(cycles).values({ ...target!, id: undefined, programCode: sourceProgram, name: `Chỉ số CCHC ${target!.year}`, version: 1 }).returning();
    const [snap] = await db.insert(resultSnapshots).values({ cycleId: source!.id, groupId: c.groupId, frameworkVersionId: c.frameworkVersionId, number: 1, decisionNumber: '123/QĐ-UBND' }).returning();
    const u = c.units[0]!;
    await db.insert(resultUnits).values({ snapshotId: snap!.id, unitId: u.id, unitCode: u.code, unitName: u.name, achieved: '85.37', bonus: '0', applicableMax: '100', indexValue: '85.37', rank: 1 });
    const res = await t.app.inject({ method: 'POST', url: `/api/cycles/${c.cycleId}/data-feeds/pull-chiso`, headers: admin.headers });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.pulled).toBe(1);
    expect(body.skipped).toHaveLength(c.units.length - 1);
    const row = (await stored()).find((r) => r.unitId === u.id && r.nodeKey === 'chi-so')!;
    expect(row).toMatchObject({ channel: 'chiso', snapshotId: snap!.id, period: String(target!.year) });
    expect(row.source).toContain('123/QĐ-UBND');
    expect(Number(row.numerator)).toBe(85.37);
    expect(await audit('pull_chiso_feeds')).toHaveLength(1);
    const view = await t.app.inject({ method: 'GET', url: `/api/cycles/${c.cycleId}/units/${u.id}/data-feeds`, headers: officer.headers });
    expect(view.json()[1].value).toMatchObject({ channel: 'chiso', points: '3.41' });
  });
});
