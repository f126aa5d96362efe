// Tamper evidence (docs/security.md): chiso's own database role can switch off the append-only
// triggers, so each case below does exactly that, changes a row behind chiso's back, and expects
// `chiso audit verify` to say where — and to say nothing on an untouched database.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/env';
import { migrationsFolder, type DatabaseHandle } from '../src/db/client';
import { cycleUnits } from '../src/db/schema/cycles';
import { auditCommand } from '../src/cli/audit';
import { PROVINCE_SCOPE, type Actor } from '../src/services/actor';
import { recordAudit } from '../src/services/audit';
import { commandContext } from '../src/services/context';
import { publishGroup } from '../src/services/publication/publish';
import { queryRows } from '../src/db/repositories/integrity-repository';
import { verifyIntegrity, type IntegrityReport } from '../src/services/integrity/verify';
import { snapshotHash, snapshotJson } from '../src/services/integrity/snapshot-hash';
import { buildApp } from '../src/http/app';
import { notifications } from '../src/db/schema/cycles';
import { integrityAlertKind, runIntegritySelfCheck } from '../src/services/integrity/self-check';
import { createTestDatabase } from './support/database';
import { createUser } from './support/factories';
import { at, createPubCycle, type PubCycle } from './publication-fixtures';

const opened: DatabaseHandle[] = [];
afterEach(async () => {
  for (const handle of opened.splice(0)) await handle.close();
});

interface Seeded {
  database: DatabaseHandle;
  cycle: PubCycle;
  snapshotId: string;
  /** Audit event ids by what they record. */
  events: { actorChange: number; failedLogin: number; first: number; second: number };
}

/** A database with a few audit events (one a failed login) and a published group. */
async function seeded(): Promise<Seeded> {
  const database = await createTestDatabase();
  opened.push(database);
  const { db } = database;
  const cycle = await createPubCycle(db);
  const user = await createUser(db, { roles: ['admin'], unitId: cycle.agencyUnits.SNV.id });
  const admin: Actor = { userId: user.id, username: user.username, unitId: user.unitId, roles: ['admin'], scope: PROVINCE_SCOPE, ip: '10.0.0.5' };
  await recordAudit(db, admin, { entityType: 'unit', entityId: cycle.units[0]!.id, action: 'update', before: { name: 'A' }, after: { name: 'B', points: '81.330' } });
  await recordAudit(db, { ...admin, userId: '', username: 'khach' }, { entityType: 'user', entityId: user.id, action: 'login_failed', after: { failedLoginCount: 1 } });
  await recordAudit(db, admin, { entityType: 'unit', entityId: cycle.units[1]!.id, action: 'update', reason: 'một' }, { entityType: 'unit', entityId: cycle.units[2]!.id, action: 'update', reason: 'hai' });
  await db.update(cycleUnits).set({ state: 'approved' });
  const snapshot = await publishGroup(commandContext(db, admin, () => new Date(at.publication)), { cycleId: cycle.cycleId, groupId: cycle.groupId, decisionNumber: '45/QĐ-UBND' });
  const ids = await queryRows<{ id: string; action: string; reason: string | null }>(db, sql`SELECT id::text AS id, action, reason FROM audit_events ORDER BY id`);
  const idOf = (match: (e: { action: string; reason: string | null }) => boolean) => Number(ids.find(match)!.id);
  return {
    database,
    cycle,
    snapshotId: snapshot.id,
    events: {
      actorChange: idOf((e) => e.action === 'update' && e.reason === null),
      failedLogin: idOf((e) => e.action === 'login_failed'),
      first: idOf((e) => e.reason === 'một'),
      second: idOf((e) => e.reason === 'hai'),
    },
  };
}

/** What someone with chiso's database password can do: switch the triggers off and write. */
async function tamper(database: DatabaseHandle, table: string, statement: string): Promise<void> {
  await database.db.execute(sql.raw(`ALTER TABLE ${table} DISABLE TRIGGER USER`));
  await database.db.execute(sql.raw(statement));
  await database.db.execute(sql.raw(`ALTER TABLE ${table} ENABLE TRIGGER USER`));
}

const messages = (report: IntegrityReport) => report.problems.map((p) => p.message);
const timeOf = async (database: DatabaseHandle, id: number) =>
  (await queryRows<{ t: string }>(database.db, sql`SELECT to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') AS t FROM audit_events WHERE id = ${id}`))[0]!.t;

describe('chiso audit verify', () => {
  it('finds nothing wrong on an untouched database (exit code 0)', async () => {
    const s = await seeded();
    const report = await verifyIntegrity(s.database.db);
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    // 4 events written here, plus the publication's own (snapshot, unit transitions).
    expect(report.audit.entries).toBeGreaterThanOrEqual(5);
    expect(report.snapshots.entries).toBe(1);
    const printed: string[] = [];
    const code = await auditCommand(['verify'], loadConfig({ CHISO_LOG_LEVEL: 'silent' }, '/'), { open: async () => ({ handle: s.database, lock: null, close: async () => {} }), print: (t) => void printed.push(t) });
    expect(code).toBe(0);
    expect(printed.join('\n')).toContain('KẾT QUẢ: toàn vẹn');
  });

  it('names the event whose actor was rewritten, with its id, sequence and time (exit code 1)', async () => {
    const s = await seeded();
    await tamper(s.database, 'audit_events', `UPDATE audit_events SET actor_username = 'nguoi-khac' WHERE id = ${s.events.actorChange}`);
    const report = await verifyIntegrity(s.database.db);
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0]).toMatchObject({ chain: 'audit', kind: 'edited', entry: String(s.events.actorChange) });
    expect(messages(report)[0]).toBe(
      `Nhật ký: sự kiện #${s.events.actorChange} (thứ tự ${report.problems[0]!.seq}, lúc ${await timeOf(s.database, s.events.actorChange)} UTC) đã bị sửa sau khi ghi (người thực hiện, thời điểm, nội dung hoặc lý do không còn như lúc ghi).`,
    );
    const printed: string[] = [];
    const code = await auditCommand(['verify'], loadConfig({ CHISO_LOG_LEVEL: 'silent' }, '/'), { open: async () => ({ handle: s.database, lock: null, close: async () => {} }), print: (t) => void printed.push(t) });
    expect(code).toBe(1);
    expect(printed.join('\n')).toContain(`PHÁT HIỆN 1 CHỖ BẤT THƯỜNG\n  - Nhật ký: sự kiện #${s.events.actorChange} `);
  });

  it('names a deleted failed-login event', async () => {
    const s = await seeded();
    const time = await timeOf(s.database, s.events.failedLogin);
    await tamper(s.database, 'audit_events', `DELETE FROM audit_events WHERE action = 'login_failed'`);
    const report = await verifyIntegrity(s.database.db);
    expect(report.problems).toMatchObject([{ chain: 'audit', kind: 'deleted', entry: String(s.events.failedLogin) }]);
    expect(messages(report)[0]).toMatch(new RegExp(`^Nhật ký: sự kiện #${s.events.failedLogin} \\(thứ tự \\d+, lúc ${time} UTC\\) đã bị xoá\\.$`));
  });

  it('names the gap when an event and its chain entry are both deleted', async () => {
    const s = await seeded();
    await tamper(s.database, 'audit_chain', `DELETE FROM audit_chain WHERE event_id = ${s.events.failedLogin}`);
    await tamper(s.database, 'audit_events', `DELETE FROM audit_events WHERE id = ${s.events.failedLogin}`);
    const report = await verifyIntegrity(s.database.db);
    expect(report.problems).toMatchObject([{ chain: 'audit', kind: 'missing' }]);
    expect(messages(report)[0]).toContain(`đã bị xoá 1 sự kiện (thứ tự ${report.problems[0]!.seq}), sau sự kiện #${s.events.actorChange} lúc`);
    expect(messages(report)[0]).toContain(`trước sự kiện #${s.events.first} `);
  });

  it('names an event moved in time, and two chain entries swapped', async () => {
    const s = await seeded();
    const { first, second, actorChange } = s.events;
    await tamper(s.database, 'audit_events', `UPDATE audit_events SET at = at - interval '1 hour' WHERE id = ${second}`);
    let report = await verifyIntegrity(s.database.db);
    expect(report.problems.map((p) => [p.kind, p.entry])).toEqual([['edited', String(second)]]);
    // Swapping two entries' positions in the chain breaks it at both places.
    const seqOf = async (id: number) => (await queryRows<{ seq: string }>(s.database.db, sql`SELECT seq::text AS seq FROM audit_chain WHERE event_id = ${id}`))[0]!.seq;
    const [a, b] = [await seqOf(actorChange), await seqOf(first)];
    await tamper(s.database, 'audit_chain', `UPDATE audit_chain SET seq = -1 WHERE seq = ${a}`);
    await tamper(s.database, 'audit_chain', `UPDATE audit_chain SET seq = ${a} WHERE seq = ${b}`);
    await tamper(s.database, 'audit_chain', `UPDATE audit_chain SET seq = ${b} WHERE seq = -1`);
    report = await verifyIntegrity(s.database.db);
    const kinds = report.problems.map((p) => [p.kind, p.entry]);
    expect(kinds).toContainEqual(['reordered', String(first)]);
    expect(kinds).toContainEqual(['reordered', String(actorChange)]);
    expect(messages(report).every((m) => m.includes('đảo thứ tự') || m.includes(`#${second}`))).toBe(true);
  });

  it('names an event written straight into the table, outside chiso', async () => {
    const s = await seeded();
    // With the triggers off (else the database would chain it like any other event).
    await tamper(s.database, 'audit_events', `INSERT INTO audit_events (entity_type, entity_id, action) VALUES ('unit', 'x', 'update')`);
    const report = await verifyIntegrity(s.database.db);
    expect(report.problems).toMatchObject([{ chain: 'audit', kind: 'inserted' }]);
    expect(messages(report)[0]).toContain('không nằm trong chuỗi');
  });

  it('names the published unit whose index was changed to 99,99', async () => {
    const s = await seeded();
    const unit = s.cycle.units[1]!;
    await tamper(s.database, 'result_units', `UPDATE result_units SET index_value = 99.99 WHERE unit_id = '${unit.id}'`);
    const report = await verifyIntegrity(s.database.db);
    expect(report.problems).toMatchObject([{ chain: 'snapshots', kind: 'edited', entry: s.snapshotId, seq: 1 }]);
    expect(messages(report)[0]).toMatch(new RegExp(`^Kết quả công bố: kết quả công bố kỳ cchc \\d+, nhóm ${s.cycle.groupName}, bản số 1 \\(thứ tự 1, công bố lúc 2030-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC\\) đã bị sửa sau khi công bố — số liệu của đơn vị ${unit.code} ${unit.name}\\.$`));
  });

  it('names the unit whose per-criterion points were changed in a publication', async () => {
    const s = await seeded();
    const unit = s.cycle.units[2]!;
    await tamper(s.database, 'result_leaves', `UPDATE result_leaves SET effective_points = 9 WHERE unit_id = '${unit.id}' AND node_key = 'ke-hoach'`);
    const report = await verifyIntegrity(s.database.db);
    expect(report.problems).toMatchObject([{ chain: 'snapshots', kind: 'edited', entry: s.snapshotId }]);
    expect(messages(report)[0]).toContain(`số liệu của đơn vị ${unit.code} ${unit.name}.`);
  });

  it('notices the last events deleted with the chain head moved back', async () => {
    const s = await seeded();
    const [last] = await queryRows<{ seq: string }>(s.database.db, sql`SELECT max(seq)::text AS seq FROM audit_chain`);
    await tamper(s.database, 'audit_chain', `DELETE FROM audit_chain WHERE seq = ${last!.seq}`);
    await tamper(s.database, 'audit_events', `DELETE FROM audit_events WHERE id = (SELECT max(id) FROM audit_events)`);
    const report = await verifyIntegrity(s.database.db);
    expect(report.problems).toMatchObject([{ chain: 'audit', kind: 'missing', seq: Number(last!.seq) }]);
    expect(messages(report)[0]).toContain('mục cuối chuỗi');
  });
});

describe('existing rows and concurrent writers', () => {
  it('chains the events written before the chain existed, oldest first, by the migration', async () => {
    const database = await createTestDatabase();
    opened.push(database);
    // Events of an older chiso (no chain trigger then), then the migration's own step that chains them.
    await tamper(database, 'audit_events', `INSERT INTO audit_events (entity_type, entity_id, action, after, ip) VALUES ('unit', 'a', 'create', '{"b": 1.50, "a": "x\\n\\u0001é"}', '::ffff:10.0.0.1'), ('unit', 'b', 'create', NULL, NULL)`);
    const migration = fs.readFileSync(path.join(migrationsFolder, '0010_audit_chain_at_commit.sql'), 'utf8').split('--> statement-breakpoint');
    await database.db.execute(sql.raw(migration.at(-1)!));
    await recordAudit(database.db, { userId: '', username: 'command-line', unitId: '', roles: ['admin'], scope: PROVINCE_SCOPE, ip: null }, { entityType: 'unit', entityId: 'c', action: 'create', after: { note: 'dòng "trích"\t\\' } });
    const chain = await queryRows<{ seq: string; event_id: string }>(database.db, sql`SELECT seq::text AS seq, event_id::text AS event_id FROM audit_chain ORDER BY seq`);
    const events = await queryRows<{ id: string }>(database.db, sql`SELECT id::text AS id FROM audit_events ORDER BY id`);
    expect(chain.map((c) => c.event_id)).toEqual(events.map((e) => e.id));
    expect((await verifyIntegrity(database.db)).problems).toEqual([]);
  });

  it('stays one unbroken chain when many transactions write audit events at once', async () => {
    const database = await createTestDatabase();
    opened.push(database);
    const actor: Actor = { userId: '', username: 'command-line', unitId: '', roles: ['admin'], scope: PROVINCE_SCOPE, ip: null };
    await Promise.all(Array.from({ length: 20 }, (_, i) => database.db.transaction(async (tx) => {
      await recordAudit(tx, actor, { entityType: 'unit', entityId: `u${i}`, action: 'update' });
      await recordAudit(tx, actor, { entityType: 'unit', entityId: `u${i}`, action: 'close' });
    })));
    const report = await verifyIntegrity(database.db);
    expect(report.problems).toEqual([]);
    expect(report.audit.entries).toBe(40);
  });
});

describe('a published snapshot’s hash', () => {
  it('is the SHA-256 of its canonical document, which `verify-snapshot` checks against the database', async () => {
    const s = await seeded();
    const hash = await snapshotHash(s.database.db, s.snapshotId);
    const text = (await snapshotJson(s.database.db, s.snapshotId))!;
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(createHash('sha256').update(text, 'utf8').digest('hex')).toBe(hash);
    const document = JSON.parse(text);
    expect(document).toMatchObject({ format: 'chiso.result-snapshot/1', previousHash: '0'.repeat(64), snapshot: { id: s.snapshotId, decision_number: '45/QĐ-UBND' }, leavesHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    // Per-criterion points stay out of the public file (sealed through leavesHash).
    expect(document).not.toHaveProperty('leaves');
    // Decimals exactly as stored, as strings.
    expect(document.units.map((u: { index_value: string }) => u.index_value).sort()).toEqual(expect.arrayContaining([expect.stringMatching(/^\d+\.\d{4}$/)]));

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chiso-snapshot-'));
    try {
      const file = path.join(dir, 'snapshot.json');
      fs.writeFileSync(file, text);
      const printed: string[] = [];
      const run = () => auditCommand(['verify-snapshot', file], loadConfig({ CHISO_LOG_LEVEL: 'silent' }, '/'), { open: async () => ({ handle: s.database, lock: null, close: async () => {} }), print: (t) => void printed.push(t) });
      expect(await run()).toBe(0);
      expect(printed.join('\n')).toContain(`SHA-256 của tệp: ${hash}`);
      expect(printed.join('\n')).toContain('vẫn đúng như đã công bố');
      // The downloaded file edited: its hash no longer matches any publication.
      fs.writeFileSync(file, text.replace(/"index_value":"(\d+)\.\d{4}"/, '"index_value":"99.9900"'));
      printed.length = 0;
      expect(await run()).toBe(1);
      expect(printed.join('\n')).toContain('không khớp với bản công bố nào');
      // The database edited, the file genuine: said so.
      fs.writeFileSync(file, text);
      await tamper(s.database, 'result_units', `UPDATE result_units SET index_value = 99.99 WHERE unit_id = '${s.cycle.units[0]!.id}'`);
      printed.length = 0;
      expect(await run()).toBe(1);
      expect(printed.join('\n')).toContain('số liệu trong cơ sở dữ liệu đã bị sửa sau khi công bố');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the self-check', () => {
  const health = async (database: DatabaseHandle) => {
    const app = await buildApp({ config: loadConfig({ CHISO_DATA_DIR: '/nonexistent-test-data', CHISO_LOG_LEVEL: 'silent' }, '/'), database, webDist: null, logger: false });
    try {
      return (await app.inject({ method: 'GET', url: '/api/health' })).json().integrity;
    } finally {
      await app.close();
    }
  };
  const alerts = async (database: DatabaseHandle) =>
    (await database.db.select().from(notifications)).filter((n) => n.kind === integrityAlertKind);

  it('reports ok in /api/health and alerts nobody when nothing was touched', async () => {
    const s = await seeded();
    expect(await health(s.database)).toEqual({ status: 'unchecked', checkedAt: null, problems: 0 });
    await runIntegritySelfCheck(s.database.db, new Date('2031-01-01T00:00:00Z'));
    expect(await health(s.database)).toEqual({ status: 'ok', checkedAt: '2031-01-01T00:00:00.000Z', problems: 0 });
    expect(await alerts(s.database)).toEqual([]);
  });

  it('notifies every administrator once per finding and shows the breach in /api/health', async () => {
    const s = await seeded();
    const admins = await queryRows<{ id: string }>(s.database.db, sql`SELECT id::text AS id FROM users WHERE 'admin' = ANY(roles) AND active`);
    await tamper(s.database, 'result_units', `UPDATE result_units SET index_value = 99.99 WHERE unit_id = '${s.cycle.units[0]!.id}'`);
    await runIntegritySelfCheck(s.database.db);
    await runIntegritySelfCheck(s.database.db);
    const sent = await alerts(s.database);
    expect(sent.map((n) => n.userId).sort()).toEqual(admins.map((a) => a.id).sort());
    expect(sent[0]).toMatchObject({ title: expect.stringContaining('phát hiện 1 chỗ'), body: expect.stringContaining(`số liệu của đơn vị ${s.cycle.units[0]!.code}`), link: '/audit' });
    expect(await health(s.database)).toMatchObject({ status: 'broken', problems: 1 });
  });

  it('notices a chain rewritten consistently since its last check (the last event and its entry gone, head moved back)', async () => {
    const s = await seeded();
    await runIntegritySelfCheck(s.database.db);
    const [last] = await queryRows<{ seq: string; previous_hash: string; event_id: string }>(s.database.db, sql`SELECT seq::text AS seq, previous_hash, event_id::text AS event_id FROM audit_chain ORDER BY seq DESC LIMIT 1`);
    await tamper(s.database, 'audit_chain', `DELETE FROM audit_chain WHERE seq = ${last!.seq}`);
    await tamper(s.database, 'audit_events', `DELETE FROM audit_events WHERE id = ${last!.event_id}`);
    await s.database.db.execute(sql`UPDATE chain_heads SET seq = seq - 1, hash = ${last!.previous_hash} WHERE name = 'audit'`);
    expect((await verifyIntegrity(s.database.db)).ok).toBe(true);
    const report = await runIntegritySelfCheck(s.database.db);
    expect(messages(report)).toEqual([expect.stringMatching(new RegExp(`^Nhật ký: mục thứ tự ${last!.seq} đã được kiểm tra lúc .* nay không còn — chuỗi đã bị viết lại từ đó\\.$`))]);
    expect(await alerts(s.database)).not.toEqual([]);
  });
});

describe('the hourly self-check, from its anchor', () => {
  it('rehashes only the anchor and what came after it, catches a change there or to the anchor, and leaves a change before it to the daily full check', async () => {
    const s = await seeded();
    const { db } = s.database;
    const hour = (n: number) => new Date(Date.parse('2031-01-01T00:00:00Z') + n * 3600_000);
    const admin: Actor = { userId: '', username: 'command-line', unitId: '', roles: ['admin'], scope: PROVINCE_SCOPE, ip: null };
    const total = async () => Number((await queryRows<{ n: string }>(db, sql`SELECT count(*)::text AS n FROM audit_chain`))[0]!.n);
    const lastEvent = async () => Number((await queryRows<{ id: string }>(db, sql`SELECT max(id)::text AS id FROM audit_events`))[0]!.id);
    const setActor = (id: number, name: string) => tamper(s.database, 'audit_events', `UPDATE audit_events SET actor_username = '${name}' WHERE id = ${id}`);

    // The first check is a full one.
    expect((await runIntegritySelfCheck(db, hour(0))).audit.entries).toBe(await total());
    await recordAudit(db, admin, { entityType: 'unit', entityId: 'a', action: 'update' }, { entityType: 'unit', entityId: 'b', action: 'update' });
    const hourly = await runIntegritySelfCheck(db, hour(1));
    expect(hourly.ok).toBe(true);
    expect(hourly.audit.entries).toBe(3); // the anchor and the two new events
    expect(await total()).toBeGreaterThan(3);

    // A change after the anchor.
    await recordAudit(db, admin, { entityType: 'unit', entityId: 'c', action: 'update' });
    const after = await lastEvent();
    await setActor(after, 'nguoi-khac');
    expect((await runIntegritySelfCheck(db, hour(2))).problems).toMatchObject([{ chain: 'audit', kind: 'edited', entry: String(after) }]);
    await setActor(after, 'command-line');
    expect((await runIntegritySelfCheck(db, hour(3))).ok).toBe(true);

    // A change to the anchor itself: its content, or its chain entry's hash.
    await setActor(after, 'nguoi-khac');
    expect((await runIntegritySelfCheck(db, hour(4))).problems).toMatchObject([{ chain: 'audit', kind: 'edited', entry: String(after) }]);
    await setActor(after, 'command-line');
    const [anchor] = await queryRows<{ seq: string; hash: string }>(db, sql`SELECT seq::text AS seq, hash FROM audit_chain WHERE event_id = ${after}`);
    await tamper(s.database, 'audit_chain', `UPDATE audit_chain SET hash = '${'0'.repeat(64)}' WHERE seq = ${anchor!.seq}`);
    expect((await runIntegritySelfCheck(db, hour(5))).problems).toContainEqual(expect.objectContaining({ chain: 'audit', kind: 'head', seq: Number(anchor!.seq) }));
    await tamper(s.database, 'audit_chain', `UPDATE audit_chain SET hash = '${anchor!.hash}' WHERE seq = ${anchor!.seq}`);
    expect((await runIntegritySelfCheck(db, hour(6))).ok).toBe(true);

    // A change before the anchor: not reread hourly, found by the full check a day after the last.
    await setActor(s.events.first, 'nguoi-khac');
    expect((await runIntegritySelfCheck(db, hour(7))).ok).toBe(true);
    const daily = await runIntegritySelfCheck(db, hour(24));
    expect(daily.audit.entries).toBe(await total());
    expect(daily.problems).toMatchObject([{ chain: 'audit', kind: 'edited', entry: String(s.events.first) }]);
  });
});

describe('the hash, where the public sees it', () => {
  it('is in the public results, in the downloaded Excel file, and is the SHA-256 of the downloadable snapshot.json', async () => {
    const s = await seeded();
    const hash = await snapshotHash(s.database.db, s.snapshotId);
    const app = await buildApp({ config: loadConfig({ CHISO_DATA_DIR: '/nonexistent-test-data', CHISO_LOG_LEVEL: 'silent' }, '/'), database: s.database, webDist: null, logger: false });
    try {
      const base = `/api/public/results/${s.cycle.cycleId}/${s.cycle.groupId}`;
      const view = await app.inject({ method: 'GET', url: base });
      expect(view.json()).toMatchObject({ id: s.snapshotId, hash });

      const download = await app.inject({ method: 'GET', url: `${base}/snapshot.json?number=1` });
      expect(download.statusCode).toBe(200);
      expect(download.headers['content-disposition']).toContain('.snapshot.json');
      expect(createHash('sha256').update(download.rawPayload).digest('hex')).toBe(hash);

      const xlsx = await app.inject({ method: 'GET', url: `${base}/export` });
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(xlsx.rawPayload as unknown as ExcelJS.Buffer);
      const info = wb.getWorksheet('Thông tin công bố')!;
      const rows = info.getSheetValues().filter(Boolean).map((r) => (r as unknown[]).slice(1));
      expect(rows).toContainEqual(['Mã kiểm tra (SHA-256)', hash]);
      expect(rows.find((r) => r[0] === 'Cách kiểm tra')![1]).toContain('sha256sum');
      const main = wb.worksheets[0]!;
      // Printed under the table (the signature block follows it).
      const printed: string[] = [];
      main.eachRow((row) => row.eachCell((cell) => printed.push(String(cell.value))));
      expect(printed.some((text) => text.includes(String(hash)))).toBe(true);

      // After a change behind chiso's back the download no longer hashes to the printed value.
      await tamper(s.database, 'result_units', `UPDATE result_units SET index_value = 99.99 WHERE unit_id = '${s.cycle.units[0]!.id}'`);
      const changed = await app.inject({ method: 'GET', url: `${base}/snapshot.json` });
      expect(createHash('sha256').update(changed.rawPayload).digest('hex')).not.toBe(hash);
    } finally {
      await app.close();
    }
  });
});
