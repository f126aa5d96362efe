import type { Database, Executor } from '../db/client';
import {
  bumpGroupVersion,
  findGroup,
  findGroupByCode,
  findGroupSet,
  findGroupSetByCode,
  findMembershipsElsewhere,
  insertGroups,
  insertGroupSet,
  listGroupMemberIds,
  listGroupSetRows,
  replaceGroupMembers,
  updateGroupSetName,
} from '../db/repositories/group-set-repository';
import { findSubtreeIds, findUnitRefsByIds, lockUnits } from '../db/repositories/unit-repository';
import type { Actor } from './actor';
import { checkedOwner } from './frameworks/framework-service';
import { assertSomeAdministrator } from './policies/framework';
import { assertAdministers } from './policies/roles';
import { recordAudit } from './audit';
import { AppError, notFound, staleVersion } from './errors';
import { invalid, isUniqueViolation } from './units/errors';

export interface GroupView {
  id: string;
  code: string;
  name: string;
  version: number;
  memberIds: string[];
}

export interface GroupSetView {
  id: string;
  code: string;
  name: string;
  version: number;
  /** The organising unit whose cohorts these are; null: the province's. */
  ownerUnitId: string | null;
  owner: { id: string; code: string; name: string } | null;
  groups: GroupView[];
}

/**
 * Group sets, with their groups and members: those of `ids` (absent: all). An actor of an
 * organisation's scope reads its own and the province's.
 */
export async function listGroupSets(db: Executor, ids?: readonly string[], actor?: Actor): Promise<GroupSetView[]> {
  const visibleTo = actor?.scope.kind === 'unit' ? [...actor.scope.unitIds] : undefined;
  const { sets, groups, members } = await listGroupSetRows(db, ids, visibleTo);
  const owners = await findUnitRefsByIds(db, sets.map((s) => s.ownerUnitId));
  const memberIds = new Map<string, string[]>();
  for (const m of members) {
    const list = memberIds.get(m.groupId);
    if (list) list.push(m.unitId);
    else memberIds.set(m.groupId, [m.unitId]);
  }
  return sets.map((s) => ({
    id: s.id,
    code: s.code,
    name: s.name,
    version: s.version,
    ownerUnitId: s.ownerUnitId,
    owner: s.ownerUnitId ? (owners.get(s.ownerUnitId) ?? null) : null,
    groups: groups
      .filter((g) => g.groupSetId === s.id)
      .map((g) => ({ id: g.id, code: g.code, name: g.name, version: g.version, memberIds: memberIds.get(g.id) ?? [] })),
  }));
}

async function getGroupSet(db: Executor, id: string): Promise<GroupSetView> {
  const [set] = await listGroupSets(db, [id]);
  if (!set) throw notFound('bộ nhóm');
  return set;
}

const duplicate = (message: string, path = 'code') => new AppError('DUPLICATE', message, [{ path, message }]);

/** A group set the actor changes: its owner is administered by the actor (locked until the transaction ends). */
async function ownGroupSet(tx: Executor, actor: Actor, id: string) {
  const set = await findGroupSet(tx, id, true);
  if (!set) throw notFound('bộ nhóm');
  assertAdministers(actor, set.ownerUnitId);
  return set;
}

/** Create a group set: absent `ownerUnitId`, the actor's own organisation's (the province's for its administrator). */
export async function createGroupSet(db: Database, actor: Actor, input: { code: string; name: string; ownerUnitId?: string | null }): Promise<GroupSetView> {
  const code = input.code.trim();
  try {
    return await db.transaction(async (tx) => {
      const ownerUnitId = await checkedOwner(tx, actor, input.ownerUnitId);
      if (await findGroupSetByCode(tx, code)) throw duplicate(`Mã bộ nhóm “${code}” đã được dùng.`);
      const set = await insertGroupSet(tx, { code, name: input.name.trim(), ownerUnitId });
      await recordAudit(tx, actor, { entityType: 'group_set', entityId: set.id, action: 'create', after: { code, name: set.name, ownerUnitId } });
      return getGroupSet(tx, set.id);
    });
  } catch (error) {
    if (isUniqueViolation(error, 'group_sets_code_key')) throw duplicate(`Mã bộ nhóm “${code}” đã được dùng.`);
    throw error;
  }
}

export async function updateGroupSet(db: Database, actor: Actor, id: string, input: { version: number; name: string }): Promise<GroupSetView> {
  assertSomeAdministrator(actor);
  return db.transaction(async (tx) => {
    const current = await ownGroupSet(tx, actor, id);
    const updated = await updateGroupSetName(tx, id, input.version, input.name.trim());
    if (!updated) throw staleVersion(await getGroupSet(tx, id));
    await recordAudit(tx, actor, { entityType: 'group_set', entityId: id, action: 'update', before: { name: current.name }, after: { name: updated.name } });
    return getGroupSet(tx, id);
  });
}

export async function createGroup(db: Database, actor: Actor, setId: string, input: { code: string; name: string }): Promise<GroupSetView> {
  assertSomeAdministrator(actor);
  const code = input.code.trim();
  try {
    return await db.transaction(async (tx) => {
      await ownGroupSet(tx, actor, setId);
      if (await findGroupByCode(tx, setId, code)) throw duplicate(`Bộ nhóm đã có nhóm mã “${code}”.`);
      const [group] = await insertGroups(tx, [{ groupSetId: setId, code, name: input.name.trim() }]);
      await recordAudit(tx, actor, { entityType: 'unit_group', entityId: group!.id, action: 'create', after: { groupSetId: setId, code, name: group!.name } });
      return getGroupSet(tx, setId);
    });
  } catch (error) {
    if (isUniqueViolation(error, 'unit_groups_set_code_key')) throw duplicate(`Bộ nhóm đã có nhóm mã “${code}”.`);
    throw error;
  }
}

/** An organisation's cohorts are of its own units: every member is the owner or a unit under it. */
async function assertUnderOwner(tx: Executor, ownerUnitId: string, memberIds: readonly string[]): Promise<void> {
  const under = new Set(await findSubtreeIds(tx, ownerUnitId));
  const outside = memberIds.filter((id) => !under.has(id));
  if (outside.length === 0) return;
  const refs = await findUnitRefsByIds(tx, [ownerUnitId, ...outside.slice(0, 10)]);
  const owner = refs.get(ownerUnitId);
  const listed = outside.slice(0, 10).map((id) => refs.get(id)?.code ?? id).join(', ');
  throw invalid(
    'memberIds',
    `Bộ nhóm của ${owner?.name ?? 'đơn vị tổ chức'} chỉ gồm các đơn vị thuộc đơn vị đó; không thuộc: ${listed}${outside.length > 10 ? ` và ${outside.length - 10} đơn vị khác` : ''}.`,
  );
}

const notExclusive = (items: { unitCode: string; groupCode: string; groupName: string }[]) =>
  new AppError(
    'DUPLICATE',
    `Mỗi đơn vị chỉ thuộc một nhóm trong một bộ nhóm. Đã thuộc nhóm khác: ${items
      .slice(0, 10)
      .map((i) => `${i.unitCode} (nhóm ${i.groupName})`)
      .join(', ')}${items.length > 10 ? ` và ${items.length - 10} đơn vị khác` : ''}.`,
    items.map((i) => ({ path: 'memberIds', message: `${i.unitCode} đã thuộc nhóm ${i.groupCode}` })),
  );

/**
 * Replaces a group's members; a unit belongs to at most one group of a set (the database enforces
 * it too). An organisation's group set holds only units under its owner.
 */
export async function setGroupMembers(db: Database, actor: Actor, setId: string, groupId: string, input: { version: number; memberIds: string[] }): Promise<GroupSetView> {
  assertSomeAdministrator(actor);
  const memberIds = [...new Set(input.memberIds)];
  try {
    return await db.transaction(async (tx) => {
      const set = await ownGroupSet(tx, actor, setId);
      const group = await findGroup(tx, setId, groupId, true);
      if (!group) throw notFound('nhóm');
      if (group.version !== input.version) throw staleVersion(await getGroupSet(tx, setId));
      const found = new Set((await lockUnits(tx, memberIds)).map((u) => u.id));
      const missing = memberIds.filter((id) => !found.has(id));
      if (missing.length) throw invalid('memberIds', `Không tìm thấy ${missing.length} đơn vị trong danh sách thành viên.`);
      if (set.ownerUnitId !== null) await assertUnderOwner(tx, set.ownerUnitId, memberIds);
      const elsewhere = await findMembershipsElsewhere(tx, setId, groupId, memberIds);
      if (elsewhere.length) throw notExclusive(elsewhere);
      const before = await listGroupMemberIds(tx, groupId);
      await replaceGroupMembers(tx, setId, groupId, memberIds);
      await bumpGroupVersion(tx, groupId, input.version);
      await recordAudit(tx, actor, { entityType: 'unit_group', entityId: groupId, action: 'set_members', before: { memberIds: before }, after: { memberIds } });
      return getGroupSet(tx, setId);
    });
  } catch (error) {
    if (isUniqueViolation(error, 'unit_group_members_one_group_per_set')) throw notExclusive([]);
    throw error;
  }
}

