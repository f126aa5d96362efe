/**
 * History across the 2025 reorganisation (issue 10 §6): a district committee's 2024 commune cycle
 * stays readable after the district is dissolved (30/06/2025) — results, trace, published snapshot —
 * and a commune merged on 1 July 2025 links to its former communes' published results.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CriterionRecord, type Framework, consolidateGroup, loadFramework } from '@chiso/core';
import type { PredecessorResults } from '@chiso/contract';
import { cycles } from '../src/db/schema/cycles';
import { unitLineage, unitOperations, units } from '../src/db/schema/units';
import type { UnitRow } from '../src/db/repositories/unit-repository';
import { systemActor } from '../src/services/actor';
import { writeSnapshot } from '../src/services/publication/write-snapshot';
import { createTestApp, type TestApp } from './support/app';
import { createUnit, createUser } from './support/factories';
import { loginAs, type LoggedIn } from './support/login';
import { createPubCycle, pubFramework, type PubCycle } from './publication-fixtures';

const framework = (loadFramework(pubFramework) as { ok: true; framework: Framework }).framework;
const DISSOLVED = '2025-06-30';
const MERGED = '2025-07-01';

let t: TestApp;
let admin: LoggedIn;
let district: UnitRow;
let communes2024: PubCycle;
let communes2025: PubCycle;
let merged: UnitRow;
let older: UnitRow;

/**
 * Publishes a group through the core's consolidation and the snapshot writer: each unit answers
 * yes/no and the report choice as given, and gets survey points; the figures are the core's.
 */
async function publish(c: PubCycle, answers: { yes: boolean; survey: string }[], decisionNumber: string) {
  const record = (nodeKey: string, input: NonNullable<CriterionRecord['self']['input']>): CriterionRecord => ({ nodeKey, status: 'pending', self: { input }, requests: [] });
  const consolidation = consolidateGroup(framework, c.units.map((u, i) => ({
    unitId: u.id, profile: {},
    records: { 'ke-hoach': record('ke-hoach', { kind: 'yes_no', value: answers[i]!.yes }), 'bao-cao': record('bao-cao', { kind: 'choice', option: 'du' }) },
    supplied: { 'dieu-tra': { kind: 'survey', points: answers[i]!.survey } },
  })));
  await t.database.db.transaction((tx) => writeSnapshot(tx, systemActor, {
    cycleId: c.cycleId, groupId: c.groupId, frameworkVersionId: c.frameworkVersionId, framework, consolidation,
    units: c.units.map((u) => ({ unitId: u.id, code: u.code, name: u.name })), refs: new Map(), number: 1, decisionNumber, now: new Date(),
  }));
}

async function merge(date: string, predecessors: UnitRow[], successor: UnitRow) {
  const db = t.database.db;
  const [op] = await db.insert(unitOperations).values({ kind: 'merge', date, reason: 'Sắp xếp đơn vị hành chính cấp xã' }).returning();
  await db.insert(unitLineage).values(predecessors.map((p) => ({ operationId: op!.id, predecessorId: p.id, successorId: successor.id })));
  for (const p of predecessors) {
    const day = new Date(`${date}T00:00:00Z`);
    day.setUTCDate(day.getUTCDate() - 1);
    await db.update(units).set({ validTo: day.toISOString().slice(0, 10) }).where(eq(units.id, p.id));
  }
}

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  admin = await loginAs(t.app, ...(await (async () => {
    const u = await createUser(db, { roles: ['admin'], unitId: (await createUnit(db, { name: 'Sở Nội vụ' })).id });
    return [u.username, u.password] as [string, string];
  })()));

  // The district committee ran its communes' 2024 index, with its own cycle; it is dissolved on 30/06/2025.
  district = await createUnit(db, { name: 'UBND huyện Sông Cầu', validFrom: '2000-01-01' });
  communes2024 = await createPubCycle(db, { unitCount: 3, withRecords: false });
  await db.update(cycles).set({ ownerUnitId: district.id, year: 2024, name: 'Chỉ số CCHC các xã năm 2024 (huyện Sông Cầu)' }).where(eq(cycles.id, communes2024.cycleId));
  for (const u of communes2024.units) await db.update(units).set({ parentId: district.id, validFrom: '2000-01-01' }).where(eq(units.id, u.id));
  await publish(communes2024, [{ yes: true, survey: '9' }, { yes: false, survey: '8' }, { yes: true, survey: '6' }], '45/QĐ-UBND');
  await db.update(units).set({ validTo: DISSOLVED }).where(eq(units.id, district.id));

  // On 1 July 2025 the first two communes merge into a new one, which takes part in the province's 2025 commune cycle.
  communes2025 = await createPubCycle(db, { unitCount: 2, withRecords: false });
  await db.update(cycles).set({ year: 2025, name: 'Chỉ số CCHC cấp xã năm 2025' }).where(eq(cycles.id, communes2025.cycleId));
  merged = communes2025.units[0]!;
  await db.update(units).set({ validFrom: MERGED }).where(eq(units.id, merged.id));
  await merge(MERGED, [communes2024.units[0]!, communes2024.units[1]!], merged);
  // The first commune had itself been formed in 2020 from an older one (no published result).
  older = await createUnit(db, { name: 'Xã Cũ', validFrom: '1990-01-01' });
  await merge('2020-01-01', [older], communes2024.units[0]!);
  await publish(communes2025, [{ yes: true, survey: '7' }, { yes: true, survey: '10' }], '12/QĐ-UBND');
});
afterAll(async () => t?.close());

describe('a cycle whose organising unit has been dissolved', () => {
  it('stays readable: its published snapshot (public and logged in), a commune\'s trace, the cycle itself', async () => {
    const { cycleId, groupId } = communes2024;
    const [owner] = await t.database.db.select().from(units).where(eq(units.id, district.id));
    expect(owner!.validTo).toBe(DISSOLVED);

    const pub = await t.app.inject({ method: 'GET', url: `/api/public/results/${cycleId}/${groupId}` });
    expect(pub.statusCode).toBe(200);
    expect(pub.json().rows).toHaveLength(3);
    expect(pub.json()).toMatchObject({ number: 1, decisionNumber: '45/QĐ-UBND' });
    const list = await t.app.inject({ method: 'GET', url: '/api/public/results' });
    expect(list.json().items).toContainEqual(expect.objectContaining({ cycleId, groupId, year: 2024 }));

    const results = await t.app.inject({ method: 'GET', url: `/api/cycles/${cycleId}/results?groupId=${groupId}`, headers: admin.headers });
    expect(results.statusCode).toBe(200);
    expect(results.json().rows.map((r: { unitId: string }) => r.unitId).sort()).toEqual(communes2024.units.map((u) => u.id).sort());

    const commune = communes2024.units[0]!;
    const trace = await t.app.inject({ method: 'GET', url: `/api/cycles/${cycleId}/results/${groupId}/units/${commune.id}/trace`, headers: admin.headers });
    expect(trace.statusCode).toBe(200);
    expect(trace.json().unit).toMatchObject({ unitId: commune.id });
    expect(trace.json().leaves.map((l: { nodeKey: string }) => l.nodeKey)).toEqual(['ke-hoach', 'bao-cao', 'dieu-tra']);

    const cycle = await t.app.inject({ method: 'GET', url: `/api/cycles/${cycleId}`, headers: admin.headers });
    expect(cycle.statusCode).toBe(200);
  });
});

describe('a commune merged on 1 July 2025 and its predecessors\' results', () => {
  it('lists every predecessor (transitively) with its published results: cycle, year, organiser (dissolved), index, rank, class', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/public/units/${merged.id}/predecessor-results` });
    expect(res.statusCode).toBe(200);
    const body = res.json<PredecessorResults>();
    expect(body.unit).toMatchObject({ id: merged.id, validTo: null });
    const [a, b] = [communes2024.units[0]!, communes2024.units[1]!];
    expect(body.predecessors.map((p) => [p.unit.code, p.operation.date, p.successor.id])).toEqual(
      [[a.code, MERGED, merged.id], [b.code, MERGED, merged.id], [older.code, '2020-01-01', a.id]].sort((x, y) => (x[1] === y[1] ? x[0]!.localeCompare(y[0]!) : y[1]!.localeCompare(x[1]!))),
    );
    const first = body.predecessors.find((p) => p.unit.id === a.id)!;
    expect(first.unit.validTo).toBe(DISSOLVED);
    expect(first.operation.kind).toBe('merge');
    // The published figures, as the public snapshot shows them.
    const pub = (await t.app.inject({ method: 'GET', url: `/api/public/results/${communes2024.cycleId}/${communes2024.groupId}` })).json();
    const row = (id: string) => pub.rows.find((r: { unitId: string }) => r.unitId === id);
    for (const p of body.predecessors.filter((x) => x.unit.id !== older.id)) {
      expect(p.results).toEqual([{
        cycleId: communes2024.cycleId, cycleName: 'Chỉ số CCHC các xã năm 2024 (huyện Sông Cầu)', year: 2024, program: { code: 'cchc', name: 'Chỉ số cải cách hành chính' },
        owner: { id: district.id, code: district.code, name: 'UBND huyện Sông Cầu', validTo: DISSOLVED },
        groupId: communes2024.groupId, groupName: communes2024.groupName, number: 1, decisionNumber: '45/QĐ-UBND', publishedAt: expect.any(String),
        index: row(p.unit.id).index, rank: row(p.unit.id).rank, rankedUnits: 3, classLabel: row(p.unit.id).classLabel,
      }]);
    }
    expect(body.predecessors.find((p) => p.unit.id === older.id)!.results).toEqual([]);
  });

  it('for a published group: only the units that have predecessors, each with theirs', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/public/results/${communes2025.cycleId}/${communes2025.groupId}/predecessors` });
    expect(res.statusCode).toBe(200);
    const items = res.json<{ items: PredecessorResults[] }>().items;
    expect(items.map((i) => i.unit.id)).toEqual([merged.id]);
    expect(items[0]!.predecessors).toHaveLength(3);
  });

  it('a unit without predecessors has an empty list; an unknown unit or group is 404 with a Vietnamese message', async () => {
    const none = await t.app.inject({ method: 'GET', url: `/api/public/units/${communes2025.units[1]!.id}/predecessor-results` });
    expect(none.json()).toMatchObject({ predecessors: [] });
    const unknown = await t.app.inject({ method: 'GET', url: '/api/public/units/00000000-0000-4000-8000-000000000000/predecessor-results' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.message).toContain('Không tìm thấy');
    const group = await t.app.inject({ method: 'GET', url: `/api/public/results/${communes2025.cycleId}/00000000-0000-4000-8000-000000000000/predecessors` });
    expect(group.statusCode).toBe(404);
  });
});
