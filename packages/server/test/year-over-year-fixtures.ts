/**
 * Fixtures for year-over-year tests: cycles of given years (publication-fixtures' framework), a
 * group published through the core's consolidation and the snapshot writer, and unit lineage.
 */
import { eq } from 'drizzle-orm';
import { type CriterionRecord, type Framework, consolidateGroup, loadFramework } from '@chiso/core';
import type { Database } from '../src/db/client';
import { cycles } from '../src/db/schema/cycles';
import { unitLineage, unitOperations } from '../src/db/schema/units';
import type { UnitRow } from '../src/db/repositories/unit-repository';
import { systemActor } from '../src/services/actor';
import { writeSnapshot } from '../src/services/publication/write-snapshot';
import { createPubCycle, pubFramework, type PubCycle } from './publication-fixtures';

/** A framework whose satisfaction field is out of 12 (10 before), with a new field 3. */
export const changedFrameworkDocument = {
  ...pubFramework,
  id: 'cong-bo-thu-doi',
  nodes: [
    pubFramework.nodes[0]!,
    { ...pubFramework.nodes[1]!, maxPoints: '12', children: [{ ...pubFramework.nodes[1]!.children[0]!, maxPoints: '12' }] },
    {
      key: 'so-hoa', code: '3', name: 'Chuyển đổi số', maxPoints: '5',
      children: [{ key: 'dvc', code: '3.1', name: 'Dịch vụ công trực tuyến', maxPoints: '5', source: 'self_assessment', rule: { type: 'yes_no', yesPoints: '5', noPoints: '0' } }],
    },
  ],
};

/** A unit's answers: plan issued (yes/no), survey points, online services (only in the changed framework). */
export interface Answer { unit: UnitRow; yes: boolean; survey: string; dvc?: boolean }

/** A cycle of the `cchc` program in `year` with `unitCount` new units (and a group holding them). */
export async function cycleOfYear(db: Database, year: number, unitCount: number, document?: object, name = `Chỉ số CCHC năm ${year}`): Promise<PubCycle> {
  const c = await createPubCycle(db, { unitCount, withRecords: false, ...(document ? { document } : {}) });
  await db.update(cycles).set({ year, name }).where(eq(cycles.id, c.cycleId));
  return c;
}

/** Publishes the cycle's group (snapshot 1) for the units answered, through the core's consolidation. */
export async function publishAnswers(db: Database, c: PubCycle, document: unknown, answers: readonly Answer[]): Promise<void> {
  const framework = (loadFramework(document) as { ok: true; framework: Framework }).framework;
  const record = (nodeKey: string, input: NonNullable<CriterionRecord['self']['input']>): CriterionRecord => ({ nodeKey, status: 'pending', self: { input }, requests: [] });
  const consolidation = consolidateGroup(framework, answers.map((a) => ({
    unitId: a.unit.id, profile: {},
    records: {
      'ke-hoach': record('ke-hoach', { kind: 'yes_no', value: a.yes }), 'bao-cao': record('bao-cao', { kind: 'choice', option: 'du' }),
      ...(a.dvc === undefined ? {} : { dvc: record('dvc', { kind: 'yes_no', value: a.dvc }) }),
    },
    supplied: { 'dieu-tra': { kind: 'survey', points: a.survey } },
  })));
  await db.transaction((tx) => writeSnapshot(tx, systemActor, {
    cycleId: c.cycleId, groupId: c.groupId, frameworkVersionId: c.frameworkVersionId, framework, consolidation,
    units: answers.map((a) => ({ unitId: a.unit.id, code: a.unit.code, name: a.unit.name })), refs: new Map(), number: 1, decisionNumber: null, now: new Date(),
  }));
}

/** A unit operation (merge or split) on `date` with its lineage links [predecessor, successor]. */
export async function recordLineage(db: Database, kind: 'merge' | 'split', date: string, links: readonly [UnitRow, UnitRow][]): Promise<void> {
  const [op] = await db.insert(unitOperations).values({ kind, date, reason: 'Sắp xếp đơn vị hành chính' }).returning();
  await db.insert(unitLineage).values(links.map(([p, s]) => ({ operationId: op!.id, predecessorId: p.id, successorId: s.id })));
}
