import type { UnitMemberRow, UnitRow } from '../../db/repositories/unit-repository';
import type { User } from '@chiso/contract';
import type { Actor, Role } from '../../services/actor';
import { accountAbilities } from '../../services/policies/account';

/** A member of a unit in the `User` shape of docs/api.md. */
export function presentMember(actor: Actor, unit: UnitRow, m: UnitMemberRow): User {
  return {
    id: m.id,
    username: m.username,
    fullName: m.fullName,
    email: m.email,
    unit: { id: unit.id, code: unit.code, name: unit.name },
    roles: m.roles as Role[],
    active: m.active,
    lockedUntil: m.lockedUntil?.toISOString() ?? null,
    mustChangePassword: m.mustChangePassword,
    lastLoginAt: m.lastLoginAt?.toISOString() ?? null,
    version: m.version,
    may: accountAbilities(actor, m),
  };
}
