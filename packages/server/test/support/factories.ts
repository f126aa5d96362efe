import { randomBytes } from 'node:crypto';
import { hash } from '@node-rs/argon2';
import type { Executor } from '../../src/db/client';
import { unitTypes, units } from '../../src/db/schema/units';
import { users } from '../../src/db/schema/accounts';
import type { Role } from '../../src/services/actor';

/**
 * Factories for tests: rows inserted directly, with sensible defaults and a unique suffix so a
 * test file can call them many times. Not for production code.
 */

let sequence = 0;
const next = () => `${++sequence}${randomBytes(2).toString('hex')}`;

export type UnitRow = typeof units.$inferSelect;
export type UserRow = typeof users.$inferSelect;

const defaultUnitTypes: Record<string, { name: string; level: number }> = {
  province: { name: 'Tỉnh', level: 1 },
  department: { name: 'Sở, ban, ngành', level: 2 },
  commune: { name: 'Xã, phường', level: 3 },
};

/** Makes sure a unit type exists (inserted with a default name when missing). */
export async function ensureUnitType(db: Executor, code: string, name?: string, level?: number): Promise<void> {
  const known = defaultUnitTypes[code];
  await db
    .insert(unitTypes)
    .values({ code, name: name ?? known?.name ?? code, level: level ?? known?.level ?? 2 })
    .onConflictDoNothing();
}

/** Inserts an organisation unit (type `department` by default, valid from 2020-01-01). */
export async function createUnit(db: Executor, partial: Partial<typeof units.$inferInsert> = {}): Promise<UnitRow> {
  const typeCode = partial.typeCode ?? 'department';
  await ensureUnitType(db, typeCode);
  const suffix = next();
  const [row] = await db
    .insert(units)
    .values({ code: `U${suffix.toUpperCase()}`, name: `Đơn vị thử ${suffix}`, validFrom: '2020-01-01', ...partial, typeCode })
    .returning();
  return row!;
}

/** The password test users get unless told otherwise (meets the password policy). */
export const defaultTestPassword = 'Mat-khau-thu-2025';

// Cheap argon2id parameters for tests: verification reads the parameters from the hash itself,
// so login works the same as with production hashes, only faster.
const testHashOptions = { algorithm: 2, memoryCost: 1024, timeCost: 1, parallelism: 1 };
const hashCache = new Map<string, Promise<string>>();
export function testPasswordHash(password: string): Promise<string> {
  let cached = hashCache.get(password);
  if (!cached) {
    cached = hash(password, testHashOptions);
    hashCache.set(password, cached);
  }
  return cached;
}

export interface CreateUserInput extends Partial<Omit<typeof users.$inferInsert, 'passwordHash' | 'roles' | 'unitId'>> {
  roles: Role[];
  unitId: string;
  /** Plain password; hashed with cheap test parameters. Defaults to `defaultTestPassword`. */
  password?: string;
}

export type CreatedUser = UserRow & { password: string };

/** Inserts a user directly (no audit), returning the row and its plain password for `loginAs`. */
export async function createUser(db: Executor, input: CreateUserInput): Promise<CreatedUser> {
  const { password = defaultTestPassword, roles, unitId, ...rest } = input;
  const suffix = next();
  const [row] = await db
    .insert(users)
    .values({
      username: `user.${suffix}`,
      fullName: `Người dùng ${suffix}`,
      ...rest,
      roles,
      unitId,
      passwordHash: await testPasswordHash(password),
    })
    .returning();
  return { ...row!, password };
}
