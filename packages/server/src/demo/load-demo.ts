import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hashPassword } from '../auth/password';
import type { Database } from '../db/client';
import {
  findExistingUsernames,
  insertGroupSets,
  insertUnitGroups,
  insertUsers,
  lockDemoLoading,
  moveUsersBetweenUnits,
  peekUnits,
  replaceUnit,
  upsertUnitTypes,
} from '../db/repositories/demo-repository';
import { insertMemberships } from '../db/repositories/group-set-repository';
import { demoLoadedKey, readSetting, writeSetting } from '../db/repositories/settings-repository';
import { insertLineage, insertOperations } from '../db/repositories/unit-operation-repository';
import { insertUnits, type FormerName } from '../db/repositories/unit-repository';
import { systemActor } from '../services/actor';
import { recordAudit, type AuditChange } from '../services/audit';
import { addDays } from '../services/units/dates';

export interface DemoLoadResult {
  loaded: boolean;
  /** Why nothing was loaded (e.g. the database already holds data). */
  skippedBecause?: string;
  summary?: string;
  /** How long loading took, in milliseconds. */
  durationMs?: number;
  counts?: { unitTypes: number; units: number; operations: number; lineage: number; groupSets: number; groups: number; memberships: number; users: number; movedUsers: number };
}

/** The one password of every demo user (documented in the README; never use the demo in production). */
export const demoPassword = 'chiso-demo-2025';
/** Code of the bootstrap root unit created at first start; the demo takes it over as the province. */
export const bootstrapRootCode = 'ROOT';
/** The unit the existing administrators move to. */
export const demoAdminUnitCode = 'SNV';

export interface DemoProvince {
  formatVersion: number;
  demoNotice: string;
  unitTypes: { code: string; name: string; level: number }[];
  units: { code: string; name: string; shortName: string; type: string; parent: string | null; validFrom: string; validTo: string | null; formerNames?: FormerName[] }[];
  operations: ({ kind: 'merge'; date: string; from: string[]; into: string; note: string } | { kind: 'split'; date: string; from: string; into: string[]; note: string })[];
  groupSets: { code: string; name: string; groups: { code: string; name: string; members: string[] }[] }[];
  users: { username: string; fullName: string; unit: string; roles: string[]; email: string }[];
}

export function readDemoProvince(): DemoProvince {
  return JSON.parse(readFileSync(new URL('./province/lang-son.json', import.meta.url), 'utf8')) as DemoProvince;
}

class Refused extends Error {}

async function refusal(db: Database): Promise<string | null> {
  if ((await readSetting<boolean>(db, demoLoadedKey)) === true) return 'dữ liệu mẫu đã được nạp trước đây.';
  const present = await peekUnits(db);
  if (present.length > 1 || (present.length === 1 && present[0]!.code !== bootstrapRootCode)) {
    return `cơ sở dữ liệu đã có đơn vị (${present.map((u) => u.code).join(', ')}${present.length >= 3 ? ', …' : ''}). Dữ liệu mẫu chỉ nạp vào cơ sở dữ liệu mới (chỉ có đơn vị gốc ${bootstrapRootCode}).`;
  }
  return null;
}

/**
 * Loads the demo province (Lạng Sơn) into a database that holds no units but the bootstrap root:
 * unit types, units with their validity, the recorded mergers and closings with lineage, group
 * sets, and demo users (all with `demoPassword`). The root becomes the province `LS` (same id) and
 * its users move to Sở Nội vụ. One transaction, batched inserts; otherwise refuses with a reason.
 */
export async function loadDemoProvince(db: Database, data: DemoProvince = readDemoProvince()): Promise<DemoLoadResult> {
  const started = performance.now();
  const early = await refusal(db);
  if (early) return { loaded: false, skippedBecause: early };
  // argon2 is slow on purpose: hash once, outside the transaction, and share the hash.
  const passwordHash = await hashPassword(demoPassword);
  try {
    const counts = await db.transaction(async (tx) => {
      await lockDemoLoading(tx);
      const late = await refusal(tx as unknown as Database);
      if (late) throw new Refused(late);
      const taken = await findExistingUsernames(tx, data.users.map((u) => u.username));
      if (taken.length) throw new Refused(`đã có người dùng trùng tên với người dùng mẫu: ${taken.join(', ')}.`);

      await upsertUnitTypes(tx, data.unitTypes);
      const [root] = await peekUnits(tx, 1);
      const province = data.units.find((u) => u.parent === null)!;
      const ids = new Map(data.units.map((u) => [u.code, u.code === province.code && root ? root.id : randomUUID()]));
      const row = (u: DemoProvince['units'][number]) => ({
        code: u.code,
        name: u.name,
        shortName: u.shortName,
        typeCode: u.type,
        parentId: u.parent ? ids.get(u.parent)! : null,
        validFrom: u.validFrom,
        validTo: u.validTo,
        formerNames: u.formerNames ?? [],
      });
      if (root) await replaceUnit(tx, root.id, row(province));
      await insertUnits(
        tx,
        data.units.filter((u) => !(root && u === province)).map((u) => ({ id: ids.get(u.code)!, ...row(u) })),
      );

      // Operations as recorded, plus a closing for every unit that ends without a successor (the districts in 2025).
      const consumed = new Set(data.operations.flatMap((o) => (o.kind === 'merge' ? o.from : [o.from])));
      const closings = data.units.filter((u) => u.validTo !== null && !consumed.has(u.code));
      const operations = [
        ...data.operations.map((o) => ({ id: randomUUID(), op: o })),
        ...closings.map((u) => ({
          id: randomUUID(),
          op: {
            kind: 'close' as const,
            date: addDays(u.validTo!, 1),
            from: u.code,
            note: u.type === 'district' ? 'Kết thúc hoạt động của chính quyền cấp huyện (tổ chức chính quyền địa phương hai cấp từ 01/7/2025).' : 'Kết thúc hoạt động.',
          },
        })),
      ];
      await insertOperations(
        tx,
        operations.map(({ id, op }) => ({ id, kind: op.kind, date: op.date, reason: op.note, actorUserId: null, actorUsername: systemActor.username })),
      );
      const lineage = operations.flatMap(({ id, op }) =>
        op.kind === 'merge'
          ? op.from.map((c) => ({ operationId: id, predecessorId: ids.get(c)!, successorId: ids.get(op.into)! }))
          : op.kind === 'split'
            ? op.into.map((c) => ({ operationId: id, predecessorId: ids.get(op.from)!, successorId: ids.get(c)! }))
            : [],
      );
      await insertLineage(tx, lineage);

      const sets = data.groupSets.map((s) => ({ id: randomUUID(), set: s }));
      await insertGroupSets(tx, sets.map(({ id, set }) => ({ id, code: set.code, name: set.name })));
      const groups = sets.flatMap(({ id: setId, set }) => set.groups.map((g) => ({ id: randomUUID(), setId, group: g })));
      await insertUnitGroups(tx, groups.map(({ id, setId, group }) => ({ id, groupSetId: setId, code: group.code, name: group.name })));
      const memberships = groups.flatMap(({ id, setId, group }) => group.members.map((c) => ({ groupSetId: setId, groupId: id, unitId: ids.get(c)! })));
      await insertMemberships(tx, memberships);

      const movedUsers = root ? await moveUsersBetweenUnits(tx, root.id, ids.get(demoAdminUnitCode)!) : [];
      await insertUsers(
        tx,
        data.users.map((u) => ({ username: u.username, fullName: u.fullName, email: u.email, unitId: ids.get(u.unit)!, roles: u.roles, passwordHash, mustChangePassword: false })),
      );
      await writeSetting(tx, demoLoadedKey, true);

      const result = {
        unitTypes: data.unitTypes.length,
        units: data.units.length,
        operations: operations.length,
        lineage: lineage.length,
        groupSets: sets.length,
        groups: groups.length,
        memberships: memberships.length,
        users: data.users.length,
        movedUsers: movedUsers.length,
      };
      const changes: AuditChange[] = [
        { entityType: 'demo', entityId: 'lang-son', action: 'load', after: { ...result, rootUnitId: root?.id ?? null, notice: data.demoNotice }, reason: 'Nạp dữ liệu mẫu' },
        ...operations.map(({ id, op }) => ({
          entityType: 'unit_operation',
          entityId: id,
          action: op.kind,
          after: { kind: op.kind, date: op.date, from: op.from, into: 'into' in op ? op.into : null },
          reason: op.note,
        })),
        ...movedUsers.map((id) => ({ entityType: 'user', entityId: id, action: 'update', after: { unitId: ids.get(demoAdminUnitCode) }, reason: 'Nạp dữ liệu mẫu: chuyển quản trị viên về Sở Nội vụ' })),
      ];
      await recordAudit(tx, systemActor, ...changes);
      return result;
    });
    const durationMs = Math.round(performance.now() - started);
    return {
      loaded: true,
      counts,
      durationMs,
      summary: `${counts.units} đơn vị, ${counts.operations} thao tác sắp xếp, ${counts.groupSets} bộ nhóm, ${counts.users} người dùng mẫu (mật khẩu chung: ${demoPassword}) trong ${(durationMs / 1000).toFixed(1)} giây.`,
    };
  } catch (error) {
    if (error instanceof Refused) return { loaded: false, skippedBecause: error.message };
    throw error;
  }
}
