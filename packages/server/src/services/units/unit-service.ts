import type { Database, Executor } from '../../db/client';
import { insertLineage, insertOperations, listTransitiveLineage, type LineageLink, type OperationKind } from '../../db/repositories/unit-operation-repository';
import {
  endUnits,
  findChildrenExistingFrom,
  findUnitById,
  findUnitsByCodes,
  insertUnits,
  isInSubtree,
  listUnits as readUnits,
  listUnitTypes as readUnitTypes,
  lockUnits,
  reparentUnits,
  updateUnit as writeUnit,
  type UnitPatch,
  type UnitRow,
} from '../../db/repositories/unit-repository';
import { listUsersWithUnit, type UserWithUnit } from '../../db/repositories/user-repository';
import type { Actor } from '../actor';
import { assertManagesUnit, assertMayPlaceUnder, assertMayViewUnitMembers } from '../policies/unit';
import { recordAudit, type AuditChange } from '../audit';
import { notFound, ruleViolation, staleVersion } from '../errors';
import { addDays, existsOn, showDay, today } from './dates';
import { duplicateCode, invalid, invalidMany, isUniqueViolation, listCodes } from './errors';
import { buildUnitView, buildUnitViews, unitSnapshot, withAbilities, type Unit } from './views';

const unitNotFound = () => notFound('đơn vị');

// ---------------------------------------------------------------- queries

export async function listUnitTypes(db: Executor) {
  return readUnitTypes(db);
}

export interface ListUnitsQuery {
  at?: string;
  q?: string;
  includeClosed?: boolean;
}

/** Units as they were on `at` (default today): validFrom ≤ at ≤ validTo; with `includeClosed`, also those ended before. */
export async function listUnits(db: Executor, actor: Actor, query: ListUnitsQuery): Promise<Unit[]> {
  const rows = await readUnits(db, { at: query.at ?? today(), q: query.q?.trim() || undefined, includeClosed: query.includeClosed });
  const views = await buildUnitViews(db, rows, { allLineage: rows.length > 200 });
  return views.map((v) => withAbilities(actor, v));
}

export async function getUnit(db: Executor, actor: Actor, id: string): Promise<Unit> {
  const row = await findUnitById(db, id);
  if (!row) throw unitNotFound();
  return withAbilities(actor, await buildUnitView(db, row));
}

/** The whole lineage of a unit: every link back to its earliest predecessors and forward to its latest successors. */
export async function getUnitLineage(db: Executor, id: string): Promise<{ ancestry: LineageLink[]; descent: LineageLink[] }> {
  if (!(await findUnitById(db, id))) throw unitNotFound();
  const ancestry = await listTransitiveLineage(db, id, 'ancestry');
  const descent = await listTransitiveLineage(db, id, 'descent');
  return { ancestry, descent };
}

/** The people of a unit, as the users list shows them (with their role scope). */
export async function listUnitMembers(db: Executor, actor: Actor, id: string): Promise<UserWithUnit[]> {
  const unit = await findUnitById(db, id);
  if (!unit) throw unitNotFound();
  assertMayViewUnitMembers(actor, id);
  return listUsersWithUnit(db, { unitId: id });
}

// ---------------------------------------------------------------- shared checks

async function assertTypeExists(tx: Executor, typeCode: string, path = 'typeCode'): Promise<void> {
  const types = await readUnitTypes(tx);
  if (!types.some((t) => t.code === typeCode)) throw invalid(path, `Loại đơn vị “${typeCode}” không có trong danh mục.`);
}

async function assertCodesFree(tx: Executor, codes: string[], paths: string[]): Promise<void> {
  const seen = new Map<string, number>();
  codes.forEach((code, i) => {
    if (seen.has(code)) throw duplicateCode(code, paths[i]);
    seen.set(code, i);
  });
  const taken = await findUnitsByCodes(tx, codes);
  if (taken.length > 0) throw duplicateCode(taken[0]!.code, paths[seen.get(taken[0]!.code)!]);
}

/** A parent for a unit that starts on `day` and has no end: it must exist on that day and still be open. */
async function assertOpenParent(tx: Executor, parentId: string, day: string, path: string, forbidden: ReadonlySet<string> = new Set()): Promise<UnitRow> {
  const parent = await findUnitById(tx, parentId);
  if (!parent) throw invalid(path, 'Đơn vị cha không tồn tại.');
  if (forbidden.has(parentId)) throw ruleViolation(`Đơn vị cha ${parent.code} cũng là đơn vị bị sắp xếp lại; hãy chọn đơn vị cha khác.`, [{ path, message: 'Đơn vị cha không hợp lệ' }]);
  if (!existsOn(parent, day) || parent.validTo !== null) {
    throw ruleViolation(`Đơn vị cha ${parent.code} (${parent.name}) không còn hoạt động vào ngày ${showDay(day)}.`, [{ path, message: 'Đơn vị cha không hoạt động vào ngày này' }]);
  }
  return parent;
}

function assertDay(value: string, path: string): void {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) throw invalid(path, 'Ngày không hợp lệ (định dạng YYYY-MM-DD).');
}

async function insertOperation(tx: Executor, actor: Actor, kind: OperationKind, date: string, reason: string | null | undefined) {
  const [operation] = await insertOperations(tx, [{ kind, date, reason: reason ?? null, actorUserId: actor.userId || null, actorUsername: actor.username }]);
  return operation!;
}

function withCodeGuard<T>(work: () => Promise<T>, code: string): Promise<T> {
  return work().catch((error: unknown) => {
    if (isUniqueViolation(error, 'units_code_key')) throw duplicateCode(code);
    throw error;
  });
}

// ---------------------------------------------------------------- create, update, close

export interface CreateUnitInput {
  code: string;
  name: string;
  shortName?: string | null;
  typeCode: string;
  parentId: string | null;
  validFrom: string;
}

export async function createUnit(db: Database, actor: Actor, input: CreateUnitInput): Promise<Unit> {
  assertMayPlaceUnder(actor, input.parentId);
  const code = input.code.trim();
  assertDay(input.validFrom, 'validFrom');
  return withCodeGuard(
    () =>
      db.transaction(async (tx) => {
        await assertTypeExists(tx, input.typeCode);
        await assertCodesFree(tx, [code], ['code']);
        if (input.parentId !== null) await assertOpenParent(tx, input.parentId, input.validFrom, 'parentId');
        const [row] = await insertUnits(tx, [
          { code, name: input.name.trim(), shortName: input.shortName?.trim() || null, typeCode: input.typeCode, parentId: input.parentId, validFrom: input.validFrom },
        ]);
        await recordAudit(tx, actor, { entityType: 'unit', entityId: row!.id, action: 'create', after: unitSnapshot(row!) });
        return withAbilities(actor, await buildUnitView(tx, row!));
      }),
    code,
  );
}

export interface UpdateUnitInput {
  version: number;
  name?: string;
  shortName?: string | null;
  typeCode?: string;
  parentId?: string | null;
  reason?: string | null;
}

export async function updateUnit(db: Database, actor: Actor, id: string, input: UpdateUnitInput, now = today()): Promise<Unit> {
  assertManagesUnit(actor, id);
  return db.transaction(async (tx) => {
    const [current] = await lockUnits(tx, [id]);
    if (!current) throw unitNotFound();
    if (current.version !== input.version) throw staleVersion(withAbilities(actor, await buildUnitView(tx, current)));
    const patch: UnitPatch = {};
    if (input.name !== undefined && input.name.trim() !== current.name) {
      patch.name = input.name.trim();
      // The old name was in use until yesterday (or, for a unit not started yet, simply replaced).
      const until = addDays(now, -1);
      if (until >= current.validFrom) patch.formerNames = [...current.formerNames, { name: current.name, until: current.validTo && current.validTo < until ? current.validTo : until }];
    }
    if (input.shortName !== undefined && (input.shortName?.trim() || null) !== current.shortName) patch.shortName = input.shortName?.trim() || null;
    if (input.typeCode !== undefined && input.typeCode !== current.typeCode) {
      await assertTypeExists(tx, input.typeCode);
      patch.typeCode = input.typeCode;
    }
    if (input.parentId !== undefined && input.parentId !== current.parentId) {
      if (input.parentId === null) throw invalid('parentId', 'Hãy chọn đơn vị cha.');
      assertMayPlaceUnder(actor, input.parentId);
      if (input.parentId === id || (await isInSubtree(tx, id, input.parentId))) {
        throw ruleViolation('Không thể chọn đơn vị cha là chính đơn vị này hoặc một đơn vị trực thuộc nó (sẽ tạo vòng lặp).', [{ path: 'parentId', message: 'Tạo vòng lặp trong cây đơn vị' }]);
      }
      const parent = await findUnitById(tx, input.parentId);
      if (!parent) throw invalid('parentId', 'Đơn vị cha không tồn tại.');
      // The unit hangs under the new parent from now on (or, for an ended unit, on its last day).
      const day = current.validTo ?? (now < current.validFrom ? current.validFrom : now);
      if (!existsOn(parent, day)) throw ruleViolation(`Đơn vị cha ${parent.code} (${parent.name}) không hoạt động vào ngày ${showDay(day)}.`, [{ path: 'parentId', message: 'Đơn vị cha không hoạt động' }]);
      patch.parentId = input.parentId;
    }
    if (Object.keys(patch).length === 0) return withAbilities(actor, await buildUnitView(tx, current));
    const updated = (await writeUnit(tx, id, patch, input.version))!;
    const before = unitSnapshot(current);
    const after = unitSnapshot(updated);
    await recordAudit(tx, actor, { entityType: 'unit', entityId: id, action: 'update', before, after, reason: input.reason ?? null });
    return withAbilities(actor, await buildUnitView(tx, updated));
  });
}

/** Refuses when units that are still open (exist on `day` or later) hang under `parentIds`. */
async function assertNoOpenChildren(tx: Executor, parents: UnitRow[], day: string, what: string): Promise<void> {
  const children = await findChildrenExistingFrom(tx, parents.map((p) => p.id), day);
  if (children.length === 0) return;
  const names = parents.filter((p) => children.some((c) => c.parentId === p.id)).map((p) => p.code).join(', ');
  throw ruleViolation(
    `Không thể ${what} vì ${names} còn ${children.length} đơn vị trực thuộc đang hoạt động: ${listCodes(children)}. Hãy chuyển các đơn vị này sang đơn vị cha khác hoặc kết thúc chúng trước.`,
    children.map((c) => ({ path: c.code, message: `${c.code} (${c.name}) còn hoạt động` })),
  );
}

function assertOpenOnDayBefore(unit: UnitRow, date: string, path: string): void {
  if (unit.validTo !== null) throw ruleViolation(`Đơn vị ${unit.code} (${unit.name}) đã kết thúc hoạt động từ ngày ${showDay(addDays(unit.validTo, 1))}.`, [{ path, message: 'Đơn vị đã kết thúc' }]);
  if (unit.validFrom > addDays(date, -1)) {
    throw ruleViolation(`Ngày ${showDay(date)} phải sau ngày bắt đầu hoạt động của ${unit.code} (${showDay(unit.validFrom)}).`, [{ path: 'date', message: 'Ngày không hợp lệ' }]);
  }
}

export interface CloseUnitInput {
  /** The first day the unit no longer exists; it ends on the day before. */
  date: string;
  reason: string;
}

export async function closeUnit(db: Database, actor: Actor, id: string, input: CloseUnitInput): Promise<Unit> {
  assertManagesUnit(actor, id);
  assertDay(input.date, 'date');
  return db.transaction(async (tx) => {
    const [unit] = await lockUnits(tx, [id]);
    if (!unit) throw unitNotFound();
    assertOpenOnDayBefore(unit, input.date, 'id');
    await assertNoOpenChildren(tx, [unit], input.date, `kết thúc ${unit.code}`);
    const operation = await insertOperation(tx, actor, 'close', input.date, input.reason);
    const [closed] = await endUnits(tx, [id], addDays(input.date, -1));
    await recordAudit(tx, actor, {
      entityType: 'unit',
      entityId: id,
      action: 'close',
      before: unitSnapshot(unit),
      after: { ...unitSnapshot(closed!), operationId: operation.id },
      reason: input.reason,
    });
    return withAbilities(actor, await buildUnitView(tx, closed!));
  });
}

// ---------------------------------------------------------------- merge and split

export interface NewUnitSpec {
  code: string;
  name: string;
  shortName?: string | null;
  typeCode: string;
  parentId: string;
}

export interface MergeUnitsInput {
  sourceIds: string[];
  /** The day the merge takes effect: sources end the day before; a new unit starts on it. */
  date: string;
  into: { existingId: string } | NewUnitSpec;
  reason: string;
  /**
   * What happens to units still open under the sources: by default the merge is refused and they
   * are listed; with `true` they move under the successor.
   */
  moveOpenChildren?: boolean;
}

export async function mergeUnits(db: Database, actor: Actor, input: MergeUnitsInput): Promise<{ unit: Unit; operationId: string }> {
  // Every unit merged away is the actor's to change; the successor is in its scope (it may be its own unit).
  for (const sourceId of input.sourceIds) assertManagesUnit(actor, sourceId);
  if ('existingId' in input.into) assertMayPlaceUnder(actor, input.into.existingId);
  else assertMayPlaceUnder(actor, input.into.parentId);
  assertDay(input.date, 'date');
  const sourceIds = [...new Set(input.sourceIds)];
  if (sourceIds.length !== input.sourceIds.length) throw invalid('sourceIds', 'Danh sách đơn vị được sáp nhập có đơn vị lặp lại.');
  const absorbing = 'existingId' in input.into;
  if (sourceIds.length < (absorbing ? 1 : 2)) {
    throw invalid('sourceIds', absorbing ? 'Hãy chọn ít nhất một đơn vị được sáp nhập.' : 'Hợp nhất thành đơn vị mới cần ít nhất hai đơn vị.');
  }
  const newCode = 'existingId' in input.into ? '' : input.into.code.trim();
  return withCodeGuard(
    () =>
      db.transaction(async (tx) => {
        const lockIds = 'existingId' in input.into ? [...sourceIds, input.into.existingId] : sourceIds;
        const locked = new Map((await lockUnits(tx, lockIds)).map((u) => [u.id, u]));
        const sources = sourceIds.map((id, i) => {
          const unit = locked.get(id);
          if (!unit) throw invalid(`sourceIds.${i}`, 'Đơn vị được sáp nhập không tồn tại.');
          assertOpenOnDayBefore(unit, input.date, `sourceIds.${i}`);
          return unit;
        });
        const sourceSet = new Set(sourceIds);
        let successor: UnitRow;
        let created = false;
        if ('existingId' in input.into) {
          const target = locked.get(input.into.existingId);
          if (!target) throw invalid('into.existingId', 'Đơn vị tiếp nhận không tồn tại.');
          if (sourceSet.has(target.id)) throw invalid('into.existingId', 'Đơn vị tiếp nhận không được nằm trong danh sách đơn vị được sáp nhập.');
          assertOpenOnDayBefore(target, input.date, 'into.existingId');
          for (const source of sources) {
            if (await isInSubtree(tx, source.id, target.id)) {
              throw ruleViolation(`Đơn vị tiếp nhận ${target.code} đang trực thuộc ${source.code}; hãy chuyển nó ra trước khi sáp nhập.`, [{ path: 'into.existingId', message: 'Đơn vị tiếp nhận trực thuộc đơn vị bị sáp nhập' }]);
            }
          }
          successor = target;
        } else {
          const spec = input.into;
          await assertTypeExists(tx, spec.typeCode, 'into.typeCode');
          await assertCodesFree(tx, [newCode], ['into.code']);
          await assertOpenParent(tx, spec.parentId, input.date, 'into.parentId', sourceSet);
          [successor] = (await insertUnits(tx, [
            { code: newCode, name: spec.name.trim(), shortName: spec.shortName?.trim() || null, typeCode: spec.typeCode, parentId: spec.parentId, validFrom: input.date },
          ])) as [UnitRow];
          created = true;
        }
        const children = await findChildrenExistingFrom(tx, sourceIds, input.date);
        if (children.length > 0 && !input.moveOpenChildren) {
          await assertNoOpenChildren(tx, sources, input.date, 'sáp nhập');
        }
        const operation = await insertOperation(tx, actor, 'merge', input.date, input.reason);
        const ended = await endUnits(tx, sourceIds, addDays(input.date, -1));
        const moved = await reparentUnits(tx, children.map((c) => c.id), successor.id);
        await insertLineage(tx, sourceIds.map((id) => ({ operationId: operation.id, predecessorId: id, successorId: successor.id })));
        const endedById = new Map(ended.map((u) => [u.id, u]));
        const changes: AuditChange[] = [
          {
            entityType: 'unit_operation',
            entityId: operation.id,
            action: 'merge',
            after: { kind: 'merge', date: input.date, sources: sources.map((s) => s.code), successor: successor.code, created, movedChildren: moved.map((m) => m.code) },
            reason: input.reason,
          },
          ...(created ? [{ entityType: 'unit', entityId: successor.id, action: 'create', after: { ...unitSnapshot(successor), operationId: operation.id }, reason: input.reason }] : []),
          ...sources.map((s) => ({ entityType: 'unit', entityId: s.id, action: 'merge', before: unitSnapshot(s), after: { ...unitSnapshot(endedById.get(s.id)!), operationId: operation.id, successor: successor.code }, reason: input.reason })),
          ...moved.map((m) => ({ entityType: 'unit', entityId: m.id, action: 'update', before: { parentId: children.find((c) => c.id === m.id)!.parentId }, after: { parentId: m.parentId, operationId: operation.id }, reason: input.reason })),
        ];
        await recordAudit(tx, actor, ...changes);
        const fresh = (await findUnitById(tx, successor.id))!;
        return { unit: withAbilities(actor, await buildUnitView(tx, fresh)), operationId: operation.id };
      }),
    newCode,
  );
}

export interface SplitUnitInput {
  /** The day the split takes effect: the source ends the day before; the new units start on it. */
  date: string;
  into: NewUnitSpec[];
  reason: string;
}

export async function splitUnit(db: Database, actor: Actor, id: string, input: SplitUnitInput): Promise<{ units: Unit[]; operationId: string }> {
  assertManagesUnit(actor, id);
  for (const spec of input.into) assertMayPlaceUnder(actor, spec.parentId);
  assertDay(input.date, 'date');
  if (input.into.length < 2) throw invalid('into', 'Chia tách cần ít nhất hai đơn vị mới.');
  const codes = input.into.map((s) => s.code.trim());
  return withCodeGuard(
    () =>
      db.transaction(async (tx) => {
        const [source] = await lockUnits(tx, [id]);
        if (!source) throw unitNotFound();
        assertOpenOnDayBefore(source, input.date, 'id');
        await assertNoOpenChildren(tx, [source], input.date, `chia tách ${source.code}`);
        const typeCodes = new Set((await readUnitTypes(tx)).map((t) => t.code));
        const problems = input.into.flatMap((spec, i) =>
          typeCodes.has(spec.typeCode) ? [] : [{ path: `into.${i}.typeCode`, message: `Loại đơn vị “${spec.typeCode}” không có trong danh mục.` }],
        );
        if (problems.length) throw invalidMany(problems);
        await assertCodesFree(tx, codes, codes.map((_, i) => `into.${i}.code`));
        for (const [i, spec] of input.into.entries()) await assertOpenParent(tx, spec.parentId, input.date, `into.${i}.parentId`, new Set([id]));
        const operation = await insertOperation(tx, actor, 'split', input.date, input.reason);
        const [ended] = await endUnits(tx, [id], addDays(input.date, -1));
        const created = await insertUnits(
          tx,
          input.into.map((spec, i) => ({ code: codes[i]!, name: spec.name.trim(), shortName: spec.shortName?.trim() || null, typeCode: spec.typeCode, parentId: spec.parentId, validFrom: input.date })),
        );
        await insertLineage(tx, created.map((u) => ({ operationId: operation.id, predecessorId: id, successorId: u.id })));
        await recordAudit(
          tx,
          actor,
          { entityType: 'unit_operation', entityId: operation.id, action: 'split', after: { kind: 'split', date: input.date, source: source.code, successors: created.map((u) => u.code) }, reason: input.reason },
          { entityType: 'unit', entityId: id, action: 'split', before: unitSnapshot(source), after: { ...unitSnapshot(ended!), operationId: operation.id }, reason: input.reason },
          ...created.map((u) => ({ entityType: 'unit', entityId: u.id, action: 'create', after: { ...unitSnapshot(u), operationId: operation.id }, reason: input.reason })),
        );
        const byCode = new Map(created.map((u) => [u.code, u]));
        const views = await buildUnitViews(tx, codes.map((c) => byCode.get(c)!));
        return { units: views.map((v) => withAbilities(actor, v)), operationId: operation.id };
      }),
    codes[0] ?? '',
  );
}
