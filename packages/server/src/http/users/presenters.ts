import type { User as UserView } from '@chiso/contract';
import type { Actor, Role } from '../../services/actor';
import { accountAbilities } from '../../services/policies/account';
import type { UserWithUnit } from '../../db/repositories/user-repository';

/** A user as the API shows it to `actor`: no secrets, with what the actor may do to it. */
export function presentUser(user: UserWithUnit, actor: Actor, now: Date = new Date()): UserView {
  return {
    id: user.id,
    username: user.username,
    fullName: user.fullName,
    email: user.email,
    unit: user.unit,
    scope: user.scope,
    roles: user.roles as Role[],
    active: user.active,
    lockedUntil: user.lockedUntil && user.lockedUntil > now ? user.lockedUntil.toISOString() : null,
    mustChangePassword: user.mustChangePassword,
    lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
    version: user.version,
    may: accountAbilities(actor, { id: user.id, unitId: user.unit.id, roles: user.roles, scopeUnitId: user.scopeUnitId }),
  };
}
