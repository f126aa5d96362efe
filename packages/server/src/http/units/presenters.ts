import type { UnitMemberRow, UnitRow } from '../../db/repositories/unit-repository';
import { isAdmin, type Actor } from '../../services/actor';

/** A member of a unit in the `User` shape of docs/api.md. */
export function presentMember(actor: Actor, unit: UnitRow, m: UnitMemberRow) {
  const admin = isAdmin(actor);
  return {
    id: m.id,
    username: m.username,
    fullName: m.fullName,
    email: m.email,
    unit: { id: unit.id, code: unit.code, name: unit.name },
    roles: m.roles,
    active: m.active,
    lockedUntil: m.lockedUntil?.toISOString() ?? null,
    mustChangePassword: m.mustChangePassword,
    lastLoginAt: m.lastLoginAt?.toISOString() ?? null,
    version: m.version,
    may: { edit: admin, resetPassword: admin },
  };
}
