// A correction to the framework during an open cycle and a participant added late (issue 7 §7),
// over HTTP on the demo cycle.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/app';
import { loginAs, type LoggedIn } from './support/login';
import { demoPassword, loadDemoProvince } from '../src/demo/load-demo';
import { loadDemoFrameworks } from '../src/demo/load-demo-frameworks';
import { loadDemoCycle, type DemoCycleResult } from '../src/demo/load-demo-cycle';
import { loadUnitCriterionRecords, saveCriterionRecord } from '../src/db/repositories/criterion-record-repository';
import { findUnitsByCodes } from '../src/db/repositories/unit-repository';
import { auditEvents } from '../src/db/schema/audit';
import { cycles, cycleUnits, notifications } from '../src/db/schema/cycles';
import { users } from '../src/db/schema/accounts';
import { loadCycleContext, participant } from '../src/services/cycles/context';
import { parsePoints, type CriterionRecord } from '@chiso/core';

let t: TestApp;
let demo: DemoCycleResult;
let unit: Map<string, string>;
const sessions = new Map<string, LoggedIn>();
const LEAF = 'ban-hanh-ke-hoach-cchc-nam'; // 1.1.1: on time 1; late 0,5; not issued 0

async function call(username: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) {
  let s = sessions.get(username);
  if (!s) sessions.set(username, (s = await loginAs(t.app, username, demoPassword)));
  return t.app.inject({ method, url, payload: payload as never, headers: s.headers });
}

async function ok(username: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) {
  const r = await call(username, method, url, payload);
  expect(r.statusCode, r.body).toBeLessThan(300);
  return r.json();
}

/** Saves one self-assessment choice of a unit through the repository, as the autosave would. */
async function choose(unitId: string, option: string, leaf = LEAF, more: Partial<CriterionRecord> = {}) {
  const db = t.database.db;
  const { group } = participant(await loadCycleContext(db, demo.cycleId), unitId);
  const s = (await loadUnitCriterionRecords(db, demo.cycleId, unitId)).get(leaf)!;
  const node = group.nodes.get(leaf)!;
  await db.transaction((tx) => saveCriterionRecord(tx, s, { ...s.record, self: { input: { kind: 'choice', option } }, ...more }, { node, rounding: group.framework.settings.rounding, userId: '' }));
}

/** Publishes the next version of the departments framework without one option of a leaf (1.1.1's "late" by default). */
async function publishCorrectedVersion(from = demo.frameworkVersionId, leaf = LEAF, dropped = 'khong-kip-thoi'): Promise<string> {
  const v1 = await ok('snv.quantri', 'GET', `/api/framework-versions/${from}`);
  const draft = await ok('snv.quantri', 'POST', `/api/frameworks/${v1.frameworkId}/versions`, { fromVersionId: v1.id, reason: 'Bỏ mức “không kịp thời” theo văn bản hướng dẫn mới' });
  const doc = structuredClone(draft.document);
  const visit = (nodes: { key: string; rule?: { options?: { key: string }[] }; children?: unknown[] }[]) => {
    for (const n of nodes) {
      if (n.key === leaf) n.rule!.options = n.rule!.options!.filter((o) => o.key !== dropped);
      visit((n.children ?? []) as typeof nodes);
    }
  };
  visit(doc.nodes);
  const saved = await ok('snv.quantri', 'PUT', `/api/framework-versions/${draft.id}`, { version: draft.version, document: doc });
  await ok('snv.quantri', 'POST', `/api/framework-versions/${draft.id}/publish`, { version: saved.version });
  return draft.id as string;
}

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  await loadDemoProvince(db);
  await loadDemoFrameworks(db);
  demo = await loadDemoCycle(db);
  unit = new Map((await findUnitsByCodes(db, ['STP', 'SYT', 'SKHDT'])).map((u) => [u.code, u.id]));
}, 120_000);
afterAll(async () => t?.close());

describe('framework correction during an open cycle', () => {
  let v2: string;
  const base = () => `/api/cycles/${demo.cycleId}/framework-corrections`;

  it('previews the diff and the entries affected; administrator only', async () => {
    await choose(unit.get('STP')!, 'khong-kip-thoi');
    await choose(unit.get('SYT')!, 'kip-thoi');
    v2 = await publishCorrectedVersion();
    const q = `?groupId=${demo.groupId}&frameworkVersionId=${v2}`;
    expect((await call('stp.canbo', 'GET', `${base()}/preview${q}`)).statusCode).toBe(403);
    const p = await ok('snv.quantri', 'GET', `${base()}/preview${q}`);
    expect(p.from.id).toBe(demo.frameworkVersionId);
    expect(p.to).toMatchObject({ id: v2, number: 2 });
    expect(p.plan.changed.map((c: { key: string }) => c.key)).toEqual([LEAF]);
    expect(p.entries).toMatchObject({ flagged: demo.unitIds.length, inputInvalid: 1, appraisalReset: 0, created: 0, retired: 0, units: demo.unitIds.length });
    expect(p.plan.frameworkChanges).toEqual([]); // the document's own version number is not a change
    expect(p.refusal).toBeNull();
  });

  it('refuses without a reason, a version not newer, or once a unit of the group is appraised', async () => {
    const cycle = await ok('snv.quantri', 'GET', `/api/cycles/${demo.cycleId}`);
    const noReason = await call('snv.quantri', 'POST', base(), { groupId: demo.groupId, frameworkVersionId: v2, reason: ' ', version: cycle.version });
    expect(noReason.statusCode).toBe(400);
    const same = await call('snv.quantri', 'POST', base(), { groupId: demo.groupId, frameworkVersionId: demo.frameworkVersionId, reason: 'x', version: cycle.version });
    expect(same.statusCode).toBe(400);
    expect(same.json().error.message).toContain('phiên bản mới hơn');
    const db = t.database.db;
    const where = and(eq(cycleUnits.cycleId, demo.cycleId), eq(cycleUnits.unitId, unit.get('SYT')!));
    await db.update(cycleUnits).set({ state: 'appraised' }).where(where);
    try {
      const r = await call('snv.quantri', 'POST', base(), { groupId: demo.groupId, frameworkVersionId: v2, reason: 'Điều chỉnh', version: cycle.version });
      expect(r.statusCode).toBe(422);
      expect(r.json().error.message).toContain('thẩm định xong');
    } finally {
      await db.update(cycleUnits).set({ state: 'draft' }).where(where);
    }
  });

  it('applies: entries carried over by key, changed criterion flagged to every unit, the unfit entry kept and flagged; audited and notified', async () => {
    const cycle = await ok('snv.quantri', 'GET', `/api/cycles/${demo.cycleId}`);
    const reason = 'Văn bản hướng dẫn số 12/HD-SNV bỏ mức “không kịp thời”';
    const after = await ok('snv.quantri', 'POST', base(), { groupId: demo.groupId, frameworkVersionId: v2, reason, version: cycle.version });
    expect(after.groups[0].frameworkVersionId).toBe(v2);

    const stp = await ok('stp.canbo', 'GET', `/api/cycles/${demo.cycleId}/units/${unit.get('STP')}/correction-flags`);
    expect(stp.items.map((f: { kind: string }) => f.kind).sort()).toEqual(['changed', 'input_invalid']);
    expect(stp.items[0]).toMatchObject({ nodeKey: LEAF, reason, open: true });
    expect(stp.items.find((f: { kind: string }) => f.kind === 'changed').message).toBe('Tiêu chí đã được điều chỉnh — vui lòng kiểm tra lại');
    const syt = await ok('syt.canbo', 'GET', `/api/cycles/${demo.cycleId}/units/${unit.get('SYT')}/correction-flags`);
    expect(syt.items.map((f: { kind: string }) => f.kind)).toEqual(['changed']);
    expect((await call('syt.canbo', 'GET', `/api/cycles/${demo.cycleId}/units/${unit.get('STP')}/correction-flags`)).statusCode).toBe(403);

    // The entry is kept as typed; it no longer gives points under the new rule.
    const record = (await loadUnitCriterionRecords(t.database.db, demo.cycleId, unit.get('STP')!)).get(LEAF)!;
    expect(record.record.self.input).toEqual({ kind: 'choice', option: 'khong-kip-thoi' });
    expect(record.points.self).toBeNull();
    const sytRecord = (await loadUnitCriterionRecords(t.database.db, demo.cycleId, unit.get('SYT')!)).get(LEAF)!;
    expect(sytRecord.points.self).toBe('1.000');

    const db = t.database.db;
    const [event] = await db.select().from(auditEvents).where(and(eq(auditEvents.entityId, demo.cycleId), eq(auditEvents.action, 'apply_framework_correction')));
    expect(event?.reason).toBe(reason);
    const recordEvents = await db.select().from(auditEvents).where(eq(auditEvents.action, 'framework_correction'));
    expect(recordEvents).toHaveLength(demo.unitIds.length);
    const [stpUser] = await db.select().from(users).where(eq(users.username, 'stp.canbo'));
    const notes = await db.select().from(notifications).where(eq(notifications.userId, stpUser!.id));
    expect(notes.some((n) => n.title.includes('đã được điều chỉnh') && n.body?.includes(reason))).toBe(true);

    const list = await ok('snv.quantri', 'GET', base());
    expect(list.items[0]).toMatchObject({ toVersionId: v2, reason });

    // The unit's next save answers the flag.
    await choose(unit.get('STP')!, 'kip-thoi');
    const later = await ok('stp.canbo', 'GET', `/api/cycles/${demo.cycleId}/units/${unit.get('STP')}/correction-flags`);
    expect(later.items.every((f: { open: boolean }) => !f.open)).toBe(true);
  });
});

describe('an appraisal decision that no longer fits', () => {
  it('is withdrawn (back to pending), flagged, and the appraising agency is told', async () => {
    const leaf = 'sang-kien-giai-phap-moi-trong'; // 1.5, appraised by SNV
    const db = t.database.db;
    const sct = (await findUnitsByCodes(db, ['SCT']))[0]!.id;
    await db.update(cycleUnits).set({ state: 'in_appraisal' }).where(and(eq(cycleUnits.cycleId, demo.cycleId), eq(cycleUnits.unitId, sct)));
    const value = { notApplicable: false, points: parsePoints('1')!, input: { kind: 'choice' as const, option: 'duoc-cong-nhan-cap-co-so' } };
    await choose(sct, 'duoc-cong-nhan-cap-co-so', leaf, { status: 'appraised', appraisal: { kind: 'accept', value, decidedAt: Date.now(), agency: 'SNV' } });
    const cycle = await ok('snv.quantri', 'GET', `/api/cycles/${demo.cycleId}`);
    const v3 = await publishCorrectedVersion(cycle.groups[0].frameworkVersionId, leaf, 'duoc-cong-nhan-cap-co-so');
    const q = `?groupId=${demo.groupId}&frameworkVersionId=${v3}`;
    expect((await ok('snv.quantri', 'GET', `/api/cycles/${demo.cycleId}/framework-corrections/preview${q}`)).entries.appraisalReset).toBe(1);
    await ok('snv.quantri', 'POST', `/api/cycles/${demo.cycleId}/framework-corrections`, { groupId: demo.groupId, frameworkVersionId: v3, reason: 'Bỏ mức công nhận cấp cơ sở', version: cycle.version });
    const record = (await loadUnitCriterionRecords(db, demo.cycleId, sct)).get(leaf)!;
    expect(record.record.appraisal).toBeUndefined();
    expect(record.record.status).toBe('pending');
    expect(record.points.appraised).toBeNull();
    const flags = await ok('snv.quantri', 'GET', `/api/cycles/${demo.cycleId}/units/${sct}/correction-flags`);
    expect(flags.items.filter((f: { nodeKey: string }) => f.nodeKey === leaf).map((f: { kind: string }) => f.kind).sort()).toEqual(['appraisal_reset', 'changed', 'input_invalid']);
    const [appraiser] = await db.select().from(users).where(eq(users.username, 'snv.thamdinh'));
    const notes = await db.select().from(notifications).where(eq(notifications.userId, appraiser!.id));
    expect(notes.some((n) => n.title.includes('quyết định thẩm định cần làm lại'))).toBe(true);
  });
});

describe('a criterion added while units are being appraised', () => {
  it('starts as a draft for a unit still entering, awaiting appraisal for a submitted unit', async () => {
    const db = t.database.db;
    const sct = (await findUnitsByCodes(db, ['SCT']))[0]!.id; // in appraisal since the test above
    const syt = unit.get('SYT')!; // draft
    const cycle = await ok('snv.quantri', 'GET', `/api/cycles/${demo.cycleId}`);
    const from = await ok('snv.quantri', 'GET', `/api/framework-versions/${cycle.groups[0].frameworkVersionId}`);
    const draft = await ok('snv.quantri', 'POST', `/api/frameworks/${from.frameworkId}/versions`, { fromVersionId: from.id, reason: 'Thay tiêu chí 1.1.1' });
    const doc = structuredClone(draft.document);
    type N = { key: string; code: string; children?: N[] };
    const parentOf = (nodes: N[]): N | undefined => {
      for (const n of nodes) {
        if ((n.children ?? []).some((c) => c.key === LEAF)) return n;
        const p = parentOf(n.children ?? []);
        if (p) return p;
      }
      return undefined;
    };
    // A new key in place of 1.1.1 (the maximum points still add up): a new criterion for every unit.
    parentOf(doc.nodes)!.children!.find((c) => c.key === LEAF)!.key = 'tieu-chi-bo-sung';
    const saved = await call('snv.quantri', 'PUT', `/api/framework-versions/${draft.id}`, { version: draft.version, document: doc });
    expect(saved.statusCode, saved.body).toBe(200);
    await ok('snv.quantri', 'POST', `/api/framework-versions/${draft.id}/publish`, { version: saved.json().version });
    await ok('snv.quantri', 'POST', `/api/cycles/${demo.cycleId}/framework-corrections`, { groupId: demo.groupId, frameworkVersionId: draft.id, reason: 'Bổ sung tiêu chí', version: cycle.version });
    expect((await loadUnitCriterionRecords(db, demo.cycleId, syt)).get('tieu-chi-bo-sung')?.record.status).toBe('draft');
    expect((await loadUnitCriterionRecords(db, demo.cycleId, sct)).get('tieu-chi-bo-sung')?.record.status).toBe('pending');
  });
});

describe('participants added to an open cycle', () => {
  it('adds a unit of a cycle group with a reason: draft, records, deadline or extension; audited', async () => {
    const skhdt = unit.get('SKHDT')!;
    const sets = await ok('snv.quantri', 'GET', '/api/group-sets');
    const set = sets.items.find((s: { code: string }) => s.code === 'par-2025');
    const group = set.groups.find((g: { id: string }) => g.id === demo.groupId);
    await ok('snv.quantri', 'PUT', `/api/group-sets/${set.id}/groups/${group.id}/members`, { version: group.version, memberIds: [...group.memberIds, skhdt] });

    let cycle = await ok('snv.quantri', 'GET', `/api/cycles/${demo.cycleId}`);
    const url = `/api/cycles/${demo.cycleId}/participants`;
    expect((await call('stp.lanhdao', 'POST', url, { unitId: skhdt, reason: 'x', version: cycle.version })).statusCode).toBe(403);
    expect((await call('snv.quantri', 'POST', url, { unitId: skhdt, reason: '', version: cycle.version })).statusCode).toBe(400);
    const past = new Date(new Date(cycle.calendar.councilDate).getTime() + 86_400_000).toISOString();
    const late = await call('snv.quantri', 'POST', url, { unitId: skhdt, reason: 'Bổ sung', extensionUntil: past, version: cycle.version });
    expect(late.statusCode).toBe(400);
    expect(late.json().error.message).toContain('Hội đồng');

    // Without an extension, once the cycle's deadline has passed the unit could never submit.
    const db = t.database.db;
    await db.update(cycles).set({ selfAssessmentDeadline: new Date(Date.now() - 86_400_000) }).where(eq(cycles.id, demo.cycleId));
    try {
      const noTime = await call('snv.quantri', 'POST', url, { unitId: skhdt, reason: 'Bổ sung', version: cycle.version });
      expect(noTime.statusCode).toBe(400);
      expect(noTime.json().error.message).toContain('đã qua: hãy cho đơn vị gia hạn');
    } finally {
      await db.update(cycles).set({ selfAssessmentDeadline: new Date(cycle.calendar.selfAssessmentDeadline) }).where(eq(cycles.id, demo.cycleId));
    }
    // Nor into a group whose results are published (that is an amendment).
    const stpWhere = and(eq(cycleUnits.cycleId, demo.cycleId), eq(cycleUnits.unitId, unit.get('STP')!));
    await db.update(cycleUnits).set({ state: 'published' }).where(stpWhere);
    try {
      const published = await call('snv.quantri', 'POST', url, { unitId: skhdt, reason: 'Bổ sung', version: cycle.version });
      expect(published.statusCode).toBe(422);
      expect(published.json().error.message).toContain('đã công bố');
    } finally {
      await db.update(cycleUnits).set({ state: 'draft' }).where(stpWhere);
    }

    const until = new Date(new Date(cycle.calendar.selfAssessmentDeadline).getTime() + 3 * 86_400_000).toISOString();
    const reason = 'Quyết định số 45/QĐ-UBND bổ sung đơn vị vào đối tượng đánh giá';
    cycle = await ok('snv.quantri', 'POST', url, { unitId: skhdt, reason, extensionUntil: until, version: cycle.version });
    const added = cycle.units.find((u: { unitId: string }) => u.unitId === skhdt);
    expect(added).toMatchObject({ state: 'draft', extensionUntil: until, extensionReason: reason });
    expect((await loadUnitCriterionRecords(t.database.db, demo.cycleId, skhdt)).size).toBeGreaterThan(30);
    const [event] = await t.database.db.select().from(auditEvents).where(eq(auditEvents.action, 'add_participant'));
    expect(event?.reason).toBe(reason);
    const again = await call('snv.quantri', 'POST', url, { unitId: skhdt, reason, version: cycle.version });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.message).toContain('đã tham gia');
  });

  it('refuses a unit whose group has no framework in the cycle', async () => {
    const cycle = await ok('snv.quantri', 'GET', `/api/cycles/${demo.cycleId}`);
    const [commune] = await findUnitsByCodes(t.database.db, ['X-THAT-KHE']);
    const r = await call('snv.quantri', 'POST', `/api/cycles/${demo.cycleId}/participants`, { unitId: commune!.id, reason: 'Thử', version: cycle.version });
    expect(r.statusCode).toBe(422);
    expect(r.json().error.message).toContain('chưa có bộ tiêu chí');
  });
});
