import type { User as UserView } from '@chiso/contract';
import { isAdmin, type Actor, type Role } from '../../services/actor';
import type { UserWithUnit } from '../../db/repositories/user-repository';

/** A user as the API shows it to `actor`: no secrets, with what the actor may do to it. */
export function presentUser(user: UserWithUnit, actor: Actor, now: Date = new Date()): UserView {
  const admin = isAdmin(actor);
  return {
    id: user.id,
    username: user.username,
    fullName: user.fullName,
    email: user.email,
    unit: user.unit,
    roles: user.roles as Role[],
    active: user.active,
    lockedUntil: user.lockedUntil && user.lockedUntil > now ? user.lockedUntil.toISOString() : null,
    mustChangePassword: user.mustChangePassword,
    lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
    version: user.version,
    may: { edit: admin, resetPassword: admin && user.id !== actor.userId },
  };
}
