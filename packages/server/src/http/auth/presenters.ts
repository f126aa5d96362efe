import type { Me } from '@chiso/contract';
import type { Executor } from '../../db/client';
import { roleScopeOf, type Role } from '../../services/actor';
import { sessionAbilities } from '../../services/policies/account';
import type { SessionWithUser } from '../../db/repositories/session-repository';
import { findUnitById } from '../../db/repositories/unit-repository';

/**
 * The session's user with its role scope (the unit, or null for the province's) and the `may`
 * flags the web app builds its navigation from.
 */
export async function presentMe(executor: Executor, user: SessionWithUser['user']): Promise<Me> {
  const userRoles = user.roles as Role[];
  const scopeUnit = user.scope ? await findUnitById(executor, user.scope.unitId) : undefined;
  return {
    id: user.id,
    username: user.username,
    fullName: user.fullName,
    email: user.email,
    unit: user.unit,
    roles: userRoles,
    mustChangePassword: user.mustChangePassword,
    scope: scopeUnit ? { id: scopeUnit.id, code: scopeUnit.code, name: scopeUnit.name } : null,
    may: sessionAbilities({ userId: user.id, username: user.username, unitId: user.unit.id, roles: userRoles, scope: roleScopeOf(user.scope), ip: null }),
  };
}
