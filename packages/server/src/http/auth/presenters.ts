import type { Me } from '@chiso/contract';
import type { Role } from '../../services/actor';
import { sessionAbilities } from '../../services/policies/account';
import type { SessionWithUser } from '../../db/repositories/session-repository';

export function presentMe(user: SessionWithUser['user']): Me {
  const userRoles = user.roles as Role[];
  return {
    id: user.id,
    username: user.username,
    fullName: user.fullName,
    email: user.email,
    unit: user.unit,
    roles: userRoles,
    mustChangePassword: user.mustChangePassword,
    may: sessionAbilities({ roles: userRoles }),
  };
}

