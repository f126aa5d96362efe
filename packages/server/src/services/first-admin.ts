import type { Config } from '../config/env';
import type { Database } from '../db/client';
import { findUnitsByCodes, insertUnitTypeIfMissing, insertUnits } from '../db/repositories/unit-repository';
import { countUsers, insertUser, lockFirstAdminCreation } from '../db/repositories/user-repository';
import { generateOneTimePassword, hashPassword } from '../auth/password';
import { localDate, systemClock, type Clock } from '../auth/clock';
import { systemActor } from './actor';
import { recordAudit } from './audit';

export interface FirstAdminResult {
  created: boolean;
  username: string;
  /** Set only when a one-time password was generated; printed once at start. */
  oneTimePassword?: string;
}

export const rootUnitCode = 'ROOT';
export const rootUnitName = 'UBND tỉnh (chưa đặt tên)';

/**
 * On a database without any user, creates the root unit (type `province`, code ROOT) and the
 * administrator `config.adminUser` in it. The password comes from CHISO_ADMIN_PASSWORD; without it a
 * one-time password is generated, returned to be printed once, and must be changed at first login.
 * Does nothing once any user exists, so every later start is a no-op.
 */
export async function ensureFirstAdmin(
  db: Database,
  config: Pick<Config, 'adminUser' | 'adminPassword'>,
  clock: Clock = systemClock,
): Promise<FirstAdminResult> {
  const username = config.adminUser;
  if ((await countUsers(db)) > 0) return { created: false, username };
  const oneTimePassword = config.adminPassword ? undefined : generateOneTimePassword();
  const passwordHash = await hashPassword(config.adminPassword ?? oneTimePassword!);
  const now = clock();
  return db.transaction(async (tx) => {
    // Two processes starting together against one PostgreSQL server: only one creates the admin.
    await lockFirstAdminCreation(tx);
    if ((await countUsers(tx)) > 0) return { created: false, username };

    await insertUnitTypeIfMissing(tx, { code: 'province', name: 'Tỉnh', level: 1 });
    let [root] = await findUnitsByCodes(tx, [rootUnitCode]);
    if (!root) {
      const [inserted] = await insertUnits(tx, [
        { code: rootUnitCode, name: rootUnitName, typeCode: 'province', validFrom: localDate(now), createdAt: now, updatedAt: now },
      ]);
      root = inserted!;
      await recordAudit(tx, systemActor, {
        entityType: 'unit',
        entityId: inserted!.id,
        action: 'create',
        after: { code: inserted!.code, name: inserted!.name, typeCode: inserted!.typeCode, validFrom: inserted!.validFrom },
        reason: 'Khởi tạo lần đầu',
      });
    }
    const admin = await insertUser(tx, {
      username,
      fullName: 'Quản trị hệ thống',
      unitId: root.id,
      roles: ['admin'],
      passwordHash,
      mustChangePassword: oneTimePassword !== undefined,
      createdAt: now,
      updatedAt: now,
    });
    await recordAudit(tx, systemActor, {
      entityType: 'user',
      entityId: admin.id,
      action: 'create',
      after: { username, fullName: admin.fullName, unitId: root.id, roles: admin.roles, active: true, mustChangePassword: admin.mustChangePassword },
      reason: 'Quản trị viên đầu tiên',
    });
    return oneTimePassword ? { created: true, username, oneTimePassword } : { created: true, username };
  });
}
